"""Every bad file ends in a Chinese message and nothing stored, never a 500."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from msoffcrypto.format.ooxml import OOXMLFile
from wagtail.models import Page

from directory.importing import ImportOptions, import_catalog
from directory.importing.reading import MAX_CSV_CELL, MAX_FILE_BYTES
from directory.models import CatalogPage, ImportUpload
from directory.spreadsheets import HEADERS, write_csv, write_xlsx
from tests.directory.test_import import good_rows

pytestmark = pytest.mark.django_db
URL = "/admin/directory/import/"


def with_cell(key, value):
    rows = good_rows()
    rows[0][key] = value
    return rows


def raw_csv(rows):
    """A CSV as another program would write it: the portal's own export drops
    control characters, which is exactly what these files must still carry."""
    from directory.spreadsheets import COLUMN_KEYS

    lines = [",".join(HEADERS)]
    lines += [",".join(row.get(key, "") for key in COLUMN_KEYS) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def encrypted_xlsx():
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(write_xlsx(good_rows()))).encrypt("secret", out)
    return out.getvalue()


def oversized():
    rows = good_rows()
    data = write_csv(rows)
    return data + f"企业,{'长' * (MAX_CSV_CELL + 10)}\n".encode()


BAD_FILES = {
    "oversized cell": ("csv", oversized, "超过 131072 个字符"),
    "NUL byte": ("csv", lambda: raw_csv(with_cell("product_name", "口罩\x00")), "控制字符"),
    "bell character": ("csv", lambda: raw_csv(with_cell("address", "路\x07号")), "控制字符"),
    "garbage named xlsx": ("xlsx", lambda: bytes(range(256)) * 40, "不是有效的 .xlsx"),
    "zip that is not a workbook": ("xlsx", lambda: _zip(), "无法读取 Excel 文件"),
    "legacy xls": ("xlsx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
    "password-protected": ("xlsx", encrypted_xlsx, "设有打开密码"),
    "empty": ("csv", lambda: b"", "文件是空的"),
    "blank lines": ("csv", lambda: b"\r\n,,\r\n", "文件是空的"),
    "header only": ("csv", lambda: write_csv([]), "没有数据行"),
    "header only xlsx": ("xlsx", lambda: write_xlsx([]), "没有数据行"),
    "no header": ("csv", lambda: "甲,乙\n1,2\n".encode(), "找不到表头"),
    "over the size limit": ("csv", lambda: b"a" * (MAX_FILE_BYTES + 1), "20 MB"),
    "not a spreadsheet encoding": ("csv", lambda: bytes([0x81, 0x20]) * 50, "编码"),
}


def _zip():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "不是表格")
    return buffer.getvalue()


def nothing_stored():
    return not CatalogPage.objects.exists() and not Page.objects.filter(depth__gt=3).exists()


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_is_refused_whole_with_a_chinese_message(name):
    file_format, build, words = BAD_FILES[name]
    report = import_catalog(build(), file_format, ImportOptions(catalog_title="坏文件目录"))
    assert not report.ok
    assert any(words in error.message for error in report.errors), report.summary_lines()
    assert nothing_stored()


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_in_the_admin_is_a_message_not_a_500(admin_client, name):
    file_format, build, words = BAD_FILES[name]
    data = {"catalog_title": "坏文件目录", "catalog_kind": "enterprise_product"}
    data["file"] = SimpleUploadedFile(f"坏文件.{file_format}", build())
    response = admin_client.post(URL, data)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert "确认导入" not in response.content.decode()
    assert nothing_stored() and not ImportUpload.objects.exists()


def test_bad_file_on_the_command_line_is_a_message(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "坏.xlsx"
    path.write_bytes(encrypted_xlsx())
    with pytest.raises(CommandError, match="设有打开密码"):
        call_command("import_catalog", str(path), "--catalog", "坏文件目录")
    assert nothing_stored()


def test_confirm_works_from_the_database_and_expired_uploads_go(admin_client, admin_user):
    stale = ImportUpload.objects.create(
        user=admin_user,
        filename="旧.csv",
        file_format="csv",
        data=b"x",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    data = {"catalog_title": "后台导入目录", "catalog_kind": "enterprise_product"}
    data["file"] = SimpleUploadedFile("目录.csv", write_csv(good_rows()))
    preview = admin_client.post(URL, data)
    assert not ImportUpload.objects.filter(pk=stale.pk).exists()  # cleaned by the next upload
    token = preview.context["token"]
    # The expired upload cannot be confirmed; the fresh one can, once.
    expired = admin_client.post(URL, {"token": stale.token, **preview.context["fields"]})
    assert expired.status_code == 302 and not CatalogPage.objects.exists()
    assert admin_client.post(URL, {"token": token, **preview.context["fields"]}).status_code == 302
    assert CatalogPage.objects.filter(title="后台导入目录").exists()
    assert not ImportUpload.objects.exists()


def test_another_users_upload_cannot_be_confirmed(client, admin_user, django_user_model):
    stored = ImportUpload.objects.create(
        user=admin_user, filename="a.csv", file_format="csv", data=write_csv(good_rows())
    )
    other = django_user_model.objects.create_superuser("other", password="x")
    client.force_login(other)
    response = client.post(URL, {"token": stored.token, "catalog_title": "偷来的目录"})
    assert response.status_code == 302 and not CatalogPage.objects.exists()


def test_clear_import_uploads_command(admin_user):
    ImportUpload.objects.create(
        user=admin_user,
        filename="a.csv",
        file_format="csv",
        data=b"x",
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    fresh = ImportUpload.objects.create(
        user=admin_user, filename="b.csv", file_format="csv", data=b"x"
    )
    out = io.StringIO()
    call_command("clear_import_uploads", stdout=out)
    assert "已删除 1 个" in out.getvalue()
    assert list(ImportUpload.objects.all()) == [fresh]


def test_headers_are_the_export_headers():
    assert HEADERS[0] == "企业名称"
