"""The admin's 导入目录 in a browser: upload an office file, read the preview
with its warnings, confirm, and find the pages."""

import pytest
from django.contrib.auth.models import User

from directory.models import CatalogPage, ProductPage
from tests.directory.office_files import office_xlsx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_tree"),
]


def test_upload_preview_with_warnings_and_confirm(page, live_server):
    User.objects.create_superuser("admin", "admin@example.test", "secret-password")
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "secret-password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(live_server.url + "/admin/directory/import/")
    page.set_input_files(
        "input[name=file]",
        {
            "name": "慈溪目录.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": office_xlsx(),
        },
    )
    page.fill("input[name=catalog_title]", "慈溪市药械生产企业及产品目录")
    page.fill("input[name=document_number]", "慈卫〔2025〕12号")
    page.click("text=上传并预览")

    summary = page.locator("#import-summary")
    summary.wait_for()
    assert "试运行" in summary.inner_text() and "产品：新建 5" in summary.inner_text()
    warnings = page.locator("#import-warnings")
    assert "联系电话" in warnings.inner_text() and "已采用第" in warnings.inner_text()
    assert not ProductPage.objects.exists()  # the preview stored nothing

    page.click("text=确认导入")
    page.wait_for_url("**/admin/pages/*/edit/")
    assert "已导入并发布" in page.content()
    catalog = CatalogPage.objects.get(title="慈溪市药械生产企业及产品目录")
    assert catalog.live and catalog.document_number == "慈卫〔2025〕12号"
    assert ProductPage.objects.live().count() == 5
