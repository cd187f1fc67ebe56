"""Admin view: upload an official spreadsheet, preview every row, then confirm.

The preview is the real import run in a transaction that is rolled back. The
upload waits for confirmation as an `ImportUpload` row (any worker can confirm
it), bound to the uploader and expiring after a while; every new upload
deletes the expired ones.
"""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from directory.choices import CatalogKind
from directory.importing import ImportOptions, import_catalog
from directory.importing.reading import MAX_FILE_BYTES, MAX_FILE_LABEL
from directory.models import ImportUpload

IMPORT_PERMISSION = "directory.add_catalogentry"
OPTION_FIELDS = (
    "catalog_title",
    "catalog_kind",
    "draft",
    "replace",
    "sheet",
    "issuing_body",
    "document_number",
    "published_on",
    "valid_from",
    "valid_until",
    "declared_count",
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="表格文件",
        help_text=f".xlsx 或 .csv（UTF-8 或 GB18030 编码），不超过 {MAX_FILE_LABEL}",
        error_messages={"empty": "文件是空的。", "required": "请选择要导入的文件。"},
    )
    catalog_title = forms.CharField(label="目录名称", max_length=255, help_text="不存在时新建")
    sheet = forms.CharField(
        label="工作表", max_length=100, required=False, help_text="留空则用第一个有表头的工作表"
    )
    draft = forms.BooleanField(
        label="保存为草稿", required=False, help_text="勾选后页面不公开，待审核后发布"
    )
    replace = forms.BooleanField(
        label="以本文件为目录的全部条目",
        required=False,
        help_text="文件中没有的条目将从目录中移除（预览中先列出）",
    )
    catalog_kind = forms.ChoiceField(
        label="新建目录的类型", choices=CatalogKind.choices, initial=CatalogKind.ENTERPRISE_PRODUCT
    )
    issuing_body = forms.CharField(label="发布单位", max_length=100, required=False)
    document_number = forms.CharField(label="文号", max_length=60, required=False)
    published_on = forms.DateField(label="发布日期", required=False)
    valid_from = forms.DateField(label="生效日期", required=False)
    valid_until = forms.DateField(label="有效期至", required=False)
    declared_count = forms.IntegerField(label="原文收录数量", min_value=0, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return upload  # confirming: the file is already stored
        suffix = Path(upload.name).suffix.lower().lstrip(".")
        if suffix not in ("csv", "xlsx"):
            raise forms.ValidationError("只支持 .xlsx 和 .csv 文件。")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"文件超过 {MAX_FILE_LABEL}，请分成几个文件导入。")
        if upload.size == 0:
            raise forms.ValidationError("文件是空的。")
        return upload


def _options(data, dry_run, user, filename):
    return ImportOptions(
        catalog_title=data["catalog_title"],
        filename=filename,
        sheet=data.get("sheet") or "",
        dry_run=dry_run,
        draft=bool(data.get("draft")),
        replace=bool(data.get("replace")),
        catalog_kind=data.get("catalog_kind") or CatalogKind.ENTERPRISE_PRODUCT,
        issuing_body=data.get("issuing_body") or "",
        document_number=data.get("document_number") or "",
        published_on=data.get("published_on"),
        valid_from=data.get("valid_from"),
        valid_until=data.get("valid_until"),
        declared_count=data.get("declared_count"),
        user=user,
    )


def _hidden_fields(data):
    """The options as the confirm form posts them back."""
    fields = {}
    for name in OPTION_FIELDS:
        value = data.get(name)
        if isinstance(value, bool):
            value = "1" if value else ""
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        fields[name] = "" if value is None else str(value)
    return fields


def _render(request, template, context):
    context.setdefault("page_title", "导入目录")
    context.setdefault("header_icon", "upload")
    return TemplateResponse(request, template, context)


def import_view(request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        ImportUpload.objects.expired().delete()
        upload = form.cleaned_data["file"]
        data = upload.read()
        stored = ImportUpload.objects.create(
            user=request.user,
            filename=Path(upload.name).name[:255],
            file_format=Path(upload.name).suffix.lower().lstrip("."),
            data=data,
        )
        report = import_catalog(
            data,
            stored.file_format,
            _options(form.cleaned_data, True, request.user, stored.filename),
        )
        if not report.ok:
            stored.delete()
        return _preview(request, report, stored, _hidden_fields(form.cleaned_data))
    return _render(request, "directory/admin/import_form.html", {"form": form})


def _preview(request, report, stored, fields):
    return _render(
        request,
        "directory/admin/import_preview.html",
        {
            "report": report,
            "token": stored.token,
            "fields": fields,
            "filename": stored.filename,
            "errors_by_row": report.errors_by_row(),
        },
    )


def _confirm(request):
    stored = ImportUpload.objects.awaiting(request.POST.get("token", "")[:32], request.user)
    if stored is None:
        messages.error(request, "上传的文件已失效（超过 2 小时未确认或已导入），请重新上传。")
        return redirect("directory_import")
    form = ImportForm(request.POST)
    form.fields["file"].required = False
    if not form.is_valid():
        messages.error(request, "导入参数无效，请重新上传。")
        return redirect("directory_import")
    report = import_catalog(
        bytes(stored.data),
        stored.file_format,
        _options(form.cleaned_data, False, request.user, stored.filename),
    )
    if not report.ok:
        return _preview(request, report, stored, _hidden_fields(form.cleaned_data))
    stored.delete()
    for line in report.summary_lines():
        messages.success(request, line)
    if report.catalog is not None and report.catalog.pk:
        return redirect(reverse("wagtailadmin_pages:edit", args=[report.catalog.pk]))
    return redirect("directory_import")
