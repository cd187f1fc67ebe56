import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.models import CatalogEntry, ImportUpload, ProductPage
from directory.spreadsheets import write_csv
from tests import factories
from tests.directory.test_import import good_rows

pytestmark = pytest.mark.django_db

URL = "/admin/directory/import/"


def upload(client, rows, **fields):
    data = {"catalog_title": "后台导入目录", "catalog_kind": "enterprise_product", **fields}
    data["file"] = SimpleUploadedFile("目录.csv", write_csv(rows), content_type="text/csv")
    return client.post(URL, data)


def test_upload_preview_confirm(admin_client):
    assert URL in admin_client.get("/admin/").content.decode()  # the menu item
    assert admin_client.get(URL).status_code == 200
    preview = upload(admin_client, good_rows())
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "试运行" in text and "产品：新建 3" in text
    assert not ProductPage.objects.exists()
    token = preview.context["token"]
    assert ImportUpload.objects.filter(token=token).exists()
    confirm = admin_client.post(URL, {"token": token, **preview.context["fields"]})
    assert confirm.status_code == 302
    assert ProductPage.objects.live().count() == 3
    assert not ImportUpload.objects.exists()
    # The same token cannot be replayed, nor a made-up one used.
    again = admin_client.post(URL, {"token": token, **preview.context["fields"]})
    assert again.status_code == 302 and ProductPage.objects.count() == 3
    forged = admin_client.post(URL, {"token": "../../settings.py", "catalog_title": "x"})
    assert forged.status_code == 302


def test_preview_lists_row_errors(admin_client):
    rows = good_rows()
    rows[1]["registration_no"] = "械123"
    preview = upload(admin_client, rows)
    text = preview.content.decode()
    assert "注册证编号" in text and "格式不正确" in text and "<td>3</td>" in text
    assert "确认导入" not in text


def test_catalog_entries_admin_lists_and_edits(admin_client):
    product = factories.product(title="牙科综合治疗机")
    catalog = factories.catalog(entries=[product])
    response = admin_client.get(f"/admin/catalog_entries/?catalog={catalog.pk}")
    assert response.status_code == 200 and "牙科综合治疗机" in response.content.decode()
    entry = CatalogEntry.objects.get()
    assert admin_client.get(f"/admin/catalog_entries/edit/{entry.pk}/").status_code == 200


def test_non_staff_and_unprivileged_users_are_refused(client):
    user = User.objects.create_user("visitor", password="x")
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert ProductPage.objects.count() == 0
    editor = User.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    refused = client.get(URL)
    assert refused.status_code in (302, 403) and refused.get("Location") != URL
    assert upload(client, good_rows()).status_code in (302, 403)
    assert ProductPage.objects.count() == 0
    editor.user_permissions.add(Permission.objects.get(codename="add_catalogentry"))
    editor = User.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(URL).status_code == 200
