"""Admin view: upload an official spreadsheet, preview every row, then confirm.

The upload is kept server-side under MEDIA_ROOT/imports with a random name
between preview and confirm; the token is bound to the uploader's session, so
no client-supplied path is ever opened.
"""

import re
import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from directory.choices import CatalogKind
from directory.importing import ImportOptions, import_catalog

IMPORT_PERMISSION = "directory.add_catalogentry"
SESSION_KEY = "directory_catalog_imports"
TOKEN = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx)$")
MAX_UPLOAD = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label="表格文件", help_text=".xlsx 或 .csv（UTF-8 或 GB18030 编码）")
    catalog_title = forms.CharField(label="目录名称", max_length=255, help_text="不存在时新建")
    draft = forms.BooleanField(
        label="保存为草稿", required=False, help_text="勾选后页面不公开，待审核后发布"
    )
    catalog_kind = forms.ChoiceField(
        label="新建目录的类型", choices=CatalogKind.choices, initial=CatalogKind.ENTERPRISE_PRODUCT
    )
    issuing_body = forms.CharField(label="新建目录的发布单位", max_length=100, required=False)
    document_number = forms.CharField(label="新建目录的文号", max_length=60, required=False)
    published_on = forms.DateField(label="新建目录的发布日期", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return upload  # confirming: the file is already stored
        suffix = Path(upload.name).suffix.lower().lstrip(".")
        if suffix not in ("csv", "xlsx"):
            raise forms.ValidationError("只支持 .xlsx 和 .csv 文件。")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("文件不能超过 20 MB。")
        return upload


def imports_dir():
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _options(data, dry_run, user):
    return ImportOptions(
        catalog_title=data["catalog_title"],
        dry_run=dry_run,
        draft=bool(data.get("draft")),
        catalog_kind=data.get("catalog_kind") or CatalogKind.ENTERPRISE_PRODUCT,
        issuing_body=data.get("issuing_body") or "未注明",
        document_number=data.get("document_number") or "",
        published_on=data.get("published_on") or None,
        user=user,
    )


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
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower().lstrip(".")
        token = f"{secrets.token_hex(16)}.{suffix}"
        data = upload.read()
        (imports_dir() / token).write_bytes(data)
        request.session.setdefault(SESSION_KEY, [])
        request.session[SESSION_KEY] = [*request.session[SESSION_KEY][-9:], token]
        report = import_catalog(data, suffix, _options(form.cleaned_data, True, request.user))
        fields = {
            name: form.cleaned_data.get(name) or ""
            for name in ("catalog_title", "catalog_kind", "issuing_body", "document_number")
        }
        fields["published_on"] = (
            form.cleaned_data["published_on"].isoformat()
            if form.cleaned_data.get("published_on")
            else ""
        )
        fields["draft"] = "1" if form.cleaned_data.get("draft") else ""
        return _render(
            request,
            "directory/admin/import_preview.html",
            {
                "report": report,
                "token": token,
                "fields": fields,
                "filename": upload.name,
                "errors_by_row": report.errors_by_row(),
            },
        )
    return _render(request, "directory/admin/import_form.html", {"form": form})


def _confirm(request):
    token = request.POST.get("token", "")
    if not TOKEN.match(token) or token not in request.session.get(SESSION_KEY, []):
        messages.error(request, "上传的文件已失效，请重新上传。")
        return redirect("directory_import")
    path = imports_dir() / token
    if not path.is_file():
        messages.error(request, "上传的文件已失效，请重新上传。")
        return redirect("directory_import")
    form = ImportForm(request.POST)
    form.fields["file"].required = False
    if not form.is_valid():
        messages.error(request, "导入参数无效，请重新上传。")
        return redirect("directory_import")
    suffix = token.rsplit(".", 1)[1]
    report = import_catalog(
        path.read_bytes(), suffix, _options(form.cleaned_data, False, request.user)
    )
    if not report.ok:
        return _render(
            request,
            "directory/admin/import_preview.html",
            {
                "report": report,
                "token": token,
                "fields": {},
                "errors_by_row": report.errors_by_row(),
            },
        )
    path.unlink(missing_ok=True)
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
    for line in report.summary_lines():
        messages.success(request, line)
    if report.catalog is not None:
        return redirect(reverse("wagtailadmin_pages:edit", args=[report.catalog.pk]))
    return redirect("directory_import")
