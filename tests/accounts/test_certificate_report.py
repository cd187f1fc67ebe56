"""证照到期: staff see every certificate that expires within 90 days or has
expired, across the directory, filter it and export it as CSV or XLSX;
enterprise editors do not reach the report."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from search.engines import get_engine
from tests import factories
from tests.accounts.responses import text_of

pytestmark = pytest.mark.django_db
URL = "/admin/reports/certificates/"


@pytest.fixture
def certificates(db):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    enterprise = factories.enterprise(title="证照企业", licence_valid_until=today + 10 * day)
    return {
        "expired": factories.product(
            enterprise, title="过期产品", certificate_valid_until=today - day
        ),
        "soon": factories.product(
            enterprise, title="将到期产品", certificate_valid_until=today + 30 * day, live=False
        ),
        "later": factories.product(
            enterprise, title="远期产品", certificate_valid_until=today + 200 * day
        ),
        "none": factories.product(enterprise, title="无日期产品"),
        "enterprise": enterprise,
    }


def test_staff_see_expired_and_expiring_certificates(client, reviewer, certificates):
    client.force_login(reviewer)
    body = text_of(client.get(URL))
    assert "过期产品" in body and "已过期" in body
    assert "将到期产品" in body and "还剩 30 天" in body  # drafts too: staff keep them current
    assert "证照企业" in body and "生产许可证" in body and "还剩 10 天" in body
    assert "远期产品" not in body and "无日期产品" not in body
    assert body.index("过期产品") < body.index("还剩 10 天") < body.index("将到期产品")

    body = text_of(client.get(URL, {"expiry": "expired"}))
    assert "过期产品" in body and "将到期产品" not in body
    body = text_of(client.get(URL, {"expiry": "expiring", "live": "true"}))
    assert "过期产品" not in body and "将到期产品" not in body and "还剩 10 天" in body


def test_the_report_exports_csv_and_xlsx(client, reviewer, certificates):
    client.force_login(reviewer)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["名称", "证照", "企业", "有效期至", "到期情况", "状态"]
    assert [row[0] for row in rows[1:]] == ["过期产品", "证照企业", "将到期产品"]
    assert rows[1][1:3] == ["产品注册证", "证照企业"] and rows[1][4] == "已过期"

    response = client.get(URL, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "名称" and [row[0] for row in values[1:]] == [
        "过期产品",
        "证照企业",
        "将到期产品",
    ]


def test_enterprise_editors_do_not_reach_the_report(client, editor_client, reviewer, certificates):
    for params in ({}, {"export": "csv"}):
        response = editor_client.get(URL, params)
        assert response.status_code == 403
        assert "过期产品" not in text_of(response)
    assert URL not in text_of(editor_client.get("/admin/"))  # the reports menu
    client.force_login(reviewer)
    assert URL in text_of(client.get("/admin/"))


def test_bad_filter_values_are_no_error(client, reviewer, certificates):
    client.force_login(reviewer)
    for params in ({"expiry": "soonish"}, {"live": "perhaps"}, {"export": "pdf"}):
        assert client.get(URL, params).status_code == 200, params


def test_search_results_flag_expired_certificates(client, settings, certificates):
    settings.ELASTICSEARCH_URL = ""
    get_engine().reset()  # ids are reused after each test's rollback
    expired, later = certificates["expired"], certificates["later"]
    body = text_of(client.get("/search/", {"q": "过期产品"}))
    assert expired.title in body and "注册证已过期" in body
    body = text_of(client.get("/search/", {"q": "远期产品"}))
    assert later.title in body and "已过期" not in body
    body = text_of(client.get("/search/", {"q": "证照企业", "kind": "enterprise"}))
    assert "生产许可证已过期" not in body  # still 10 days to go
    item = client.get("/api/search/", {"q": "过期产品"}).json()["results"][0]
    assert item["certificate_valid_until"] == expired.certificate_valid_until.isoformat()


def test_the_enterprise_dashboard_lists_its_own_expiring_certificates(
    editor_client, side_a, side_b
):
    today = timezone.localdate()
    for side, days in ((side_a, 20), (side_b, -5)):
        product = side.product
        product.certificate_valid_until = today + datetime.timedelta(days=days)
        product.save_revision().publish()
    body = text_of(editor_client.get("/admin/"))
    assert "证照到期提醒" in body and "还剩 20 天" in body and side_a.product.title in body
    assert side_b.product.title not in body and "已过期" not in body
