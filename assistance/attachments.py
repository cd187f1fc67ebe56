"""What may be attached to a request: a few office and image formats,
checked by extension and by the file's first bytes, each at most
ATTACHMENT_MAX_BYTES, at most ATTACHMENT_MAX_COUNT per request."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_MAX_COUNT = 5
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls
ZIP = b"PK\x03\x04"  # .docx, .xlsx
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "doc": [OLE],
    "xls": [OLE],
    "docx": [ZIP],
    "xlsx": [ZIP],
}
ACCEPTED = "、".join(SIGNATURES)


def check_attachment(upload):
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(f"“{upload.name}”的格式不受支持，只接受 {ACCEPTED} 文件。")
    if upload.size > ATTACHMENT_MAX_BYTES:
        limit = ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise ValidationError(f"“{upload.name}”超过 {limit} MB，请压缩或拆分后再上传。")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(f"“{upload.name}”的内容与扩展名不符，请上传真实的 {extension} 文件。")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        accept = ",".join(f".{extension}" for extension in SIGNATURES)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        if len(uploads) > ATTACHMENT_MAX_COUNT:
            raise ValidationError(f"附件最多 {ATTACHMENT_MAX_COUNT} 个。")
        errors = []
        for upload in uploads:
            try:
                check_attachment(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads
