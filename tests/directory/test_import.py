import io
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from directory.choices import DeviceClass, MedicalInsurance, ProcurementStatus, ProductType
from directory.downloads import catalog_rows
from directory.importing import ImportOptions, import_catalog
from directory.models import CatalogEntry, CatalogPage, EnterprisePage, ProductPage
from directory.spreadsheets import COLUMN_KEYS, HEADERS, write_csv, write_xlsx
from directory.validators import complete_credit_code

pytestmark = pytest.mark.django_db

CODE_A = complete_credit_code("91442000000000001")
CODE_B = complete_credit_code("91442000000000002")


def good_rows():
    a = {
        "enterprise_name": "中山示例医疗器械有限公司",
        "credit_code": CODE_A,
        "region": "中山市",
        "address": "火炬开发区示例路 1 号",
        "contact_name": "张工",
        "contact_phone": "0760-88888888",
        "website": "www.example.test",
        "enterprise_description": "示例数据，非官方信息。",
    }
    return [
        {
            **a,
            "product_name": "数字乳腺X射线机",
            "product_type": "医疗器械",
            "device_class": "第三类",
            "registration_no": "粤械注准20203060001",
            "model": "MX-1",
            "procurement_status": "阳光挂网",
            "medical_insurance": "是",
            "first_set": "是",
        },
        {
            **a,
            "product_name": "一次性使用口腔器械盒",
            "product_type": "consumable",
            "device_class": "1",
            "registration_no": "",
            "model": "A型",
            "procurement_status": "带量采购中选",
            "medical_insurance": "否",
            "first_set": "否",
        },
        {
            **a,
            "product_name": "示例胶囊",
            "product_type": "药品",
            "registration_no": "国药准字Z20000002",
            "procurement_status": "集中采购",
        },
        {
            "enterprise_name": "慈溪示例医疗科技有限公司",
            "credit_code": CODE_B,
            "region": "慈溪市",
        },
    ]


def run(data, file_format="csv", **options):
    options.setdefault("catalog_title", "药械生产企业及产品目录（测试）")
    return import_catalog(data, file_format, ImportOptions(**options))


def test_good_csv_imports_published_pages_and_catalog_entries():
    report = run(write_csv(good_rows()))
    assert report.ok, report.summary_lines()
    assert report.enterprises["created"] == 2
    assert report.products["created"] == 3
    assert report.entries["created"] == 4
    catalog = CatalogPage.objects.get(title="药械生产企业及产品目录（测试）")
    assert catalog.live
    mammo = ProductPage.objects.get(registration_no="粤械注准20203060001")
    assert mammo.live and mammo.url_path.endswith("/")
    assert mammo.enterprise.credit_code == CODE_A
    assert mammo.device_class == DeviceClass.CLASS_3
    assert mammo.procurement_status == ProcurementStatus.SUNSHINE
    assert mammo.medical_insurance == MedicalInsurance.COVERED
    assert mammo.recognitions.count() == 1
    assert mammo.latest_revision and mammo.live_revision == mammo.latest_revision
    assert Revision.objects.for_instance(mammo).count() == 1
    enterprise = EnterprisePage.objects.get(credit_code=CODE_A)
    assert enterprise.website == "http://www.example.test"
    assert enterprise.description == "<p>示例数据，非官方信息。</p>"
    assert enterprise.numchild == 3
    assert Page.find_problems() == ([], [], [], [], [])
    assert [e.product_id or e.enterprise_id for e in catalog.get_entries()] == [
        *ProductPage.objects.order_by("pk").values_list("pk", flat=True),
        EnterprisePage.objects.get(credit_code=CODE_B).pk,
    ]


def test_imported_page_opens_in_the_admin_editor(admin_client):
    run(write_csv(good_rows()))
    product = ProductPage.objects.get(title="示例胶囊")
    assert admin_client.get(f"/admin/pages/{product.pk}/edit/").status_code == 200
    assert admin_client.get(product.url).status_code == 200


def test_imported_pages_are_found_by_the_admin_page_search(admin_client):
    run(write_csv(good_rows()))
    response = admin_client.get("/admin/pages/search/", {"q": "示例胶囊"})
    assert response.status_code == 200
    found = [page.title for page in response.context["pages"]]
    assert "示例胶囊" in found


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030"], ids=["utf-8", "bom", "gb18030"]
)
def test_csv_encodings_import(encoding):
    text = write_csv(good_rows()).decode("utf-8-sig")
    assert run(text.encode(encoding)).products["created"] == 3


def test_xlsx_english_headers_and_shuffled_columns():
    order = list(COLUMN_KEYS)
    random.Random(6).shuffle(order)
    buffer = io.StringIO()
    buffer.write(",".join(order) + "\n")
    import csv

    writer = csv.writer(buffer)
    for row in good_rows():
        writer.writerow([row.get(key, "") for key in order])
    assert run(buffer.getvalue().encode()).products["created"] == 3
    assert run(write_xlsx(good_rows()), "xlsx").products["unchanged"] == 3


def test_second_import_changes_nothing():
    data = write_csv(good_rows())
    run(data)
    revisions = Revision.objects.count()
    report = run(data)
    assert report.ok
    assert report.enterprises == {"unchanged": 2}
    assert report.products == {"unchanged": 3}
    assert report.entries == {"unchanged": 4}
    assert Revision.objects.count() == revisions
    assert ProductPage.objects.count() == 3


def test_changed_cell_updates_only_that_product():
    run(write_csv(good_rows()))
    rows = good_rows()
    rows[2]["procurement_status"] = "仅线下/备案采购"
    rows[1]["registration_no"] = "粤中械备20150012号"  # matched by name + model, number added
    report = run(write_csv(rows))
    assert report.products == {"updated": 2, "unchanged": 1}
    assert ProductPage.objects.get(title="示例胶囊").procurement_status == "offline"
    assert (
        ProductPage.objects.get(title="一次性使用口腔器械盒").registration_no
        == "粤中械备20150012号"
    )
    assert ProductPage.objects.count() == 3


BAD_CASES = [
    (
        "credit_code",
        CODE_A[:-1] + ("0" if CODE_A[-1] != "0" else "1"),
        "统一社会信用代码",
        "校验位",
    ),
    ("product_type", "火箭", "产品类别", "无法识别"),
    ("registration_no", "粤械注准123", "注册证编号", "格式不正确"),
    ("enterprise_name", "", "企业名称", "不能为空"),
    ("product_name", "", "产品名称", "不能为空"),
    ("device_class", "第四类", "管理类别", "无法识别"),
    ("contact_phone", "call me", "联系电话", "联系电话"),
]


@pytest.mark.parametrize(("key", "value", "column", "reason"), BAD_CASES)
def test_each_kind_of_bad_row_is_reported_and_nothing_imported(key, value, column, reason):
    rows = good_rows()
    # Enterprise cells count from an enterprise's first row (later rows only warn).
    index = 3 if key == "contact_phone" else 1
    rows[index][key] = value
    report = run(write_csv(rows))
    assert not report.ok
    assert any(
        e.row == index + 2 and e.column == column and reason in e.message for e in report.errors
    ), [str(e) for e in report.errors]
    assert not EnterprisePage.objects.exists()
    assert not CatalogPage.objects.exists()


def test_every_bad_row_is_reported_at_once_including_duplicates():
    rows = good_rows()
    rows[0]["credit_code"] = "91442000000000001X"
    rows[2]["registration_no"] = "粤械注准20203060001"  # also in row 2
    rows.append(dict(rows[1]))  # duplicate of row 3
    rows[3]["credit_code"] = ""
    report = run(write_csv(rows))
    assert report.error_rows == [2, 4, 5, 6]
    duplicate = next(e for e in report.errors if e.row == 6)
    assert "与第 3 行重复" in duplicate.message
    lines = report.summary_lines()
    assert lines[0].startswith(f"文件有 4 行共 {len(report.errors)} 处错误，未导入任何数据")
    messages = "\n".join(lines)
    assert "第 5 行“统一社会信用代码”：统一社会信用代码不能为空。" in messages
    assert not Page.objects.filter(depth__gt=3).exists()


def test_dry_run_reports_and_changes_nothing():
    report = run(write_csv(good_rows()), dry_run=True)
    assert report.ok and report.products == {"created": 3} and report.catalog_created
    assert not EnterprisePage.objects.exists() and not CatalogPage.objects.exists()
    run(write_csv(good_rows()))
    again = run(write_csv(good_rows()), dry_run=True)
    assert again.products == {"unchanged": 3} and again.entries == {"unchanged": 4}


def test_draft_flag_leaves_pages_for_review(client):
    report = run(write_csv(good_rows()), draft=True)
    assert report.ok
    assert not ProductPage.objects.live().exists()
    assert not CatalogPage.objects.live().exists()
    product = ProductPage.objects.get(title="示例胶囊")
    assert product.has_unpublished_changes and product.latest_revision_id
    assert client.get("/api/v1/products").json()["count"] == 0
    assert client.get(f"/api/v1/products/{product.pk}").status_code == 404
    # Publishing the pending revision is not enough while its enterprise is a draft.
    product.latest_revision.publish()
    assert client.get(f"/api/v1/products/{product.pk}").status_code == 404
    product.get_parent().latest_revision.publish()
    assert client.get(f"/api/v1/products/{product.pk}").status_code == 200


def test_draft_update_of_live_page_keeps_live_content():
    run(write_csv(good_rows()))
    rows = good_rows()
    rows[2]["procurement_status"] = "带量采购备选"
    run(write_csv(rows), draft=True)
    product = ProductPage.objects.get(title="示例胶囊")
    assert product.procurement_status == ProcurementStatus.CENTRALIZED
    assert product.has_unpublished_changes
    assert product.latest_revision.as_object().procurement_status == "vbp_candidate"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_catalog_download_round_trips_into_a_fresh_catalog(client, file_format):
    run(write_csv(good_rows()))
    catalog = CatalogPage.objects.get()
    before = list(catalog_rows(catalog))
    response = client.get(f"{catalog.url}download/{file_format}/")
    assert response.status_code == 200
    content = b"".join(response)  # CSV streams: read it while the pages exist
    # A fresh tree: remove everything, import the download into a new catalog.
    for page in EnterprisePage.objects.all():
        page.delete()
    catalog.delete()
    assert not ProductPage.objects.exists()
    report = run(content, file_format, catalog_title="再次导入的目录")
    assert report.ok and report.products == {"created": 3}
    after = list(catalog_rows(CatalogPage.objects.get(title="再次导入的目录")))
    assert after == before
    assert before[0]["first_set"] == "是" and before[0]["product_type"] == "医疗器械"


def test_product_under_another_enterprise_is_refused():
    run(write_csv(good_rows()))
    rows = good_rows()
    rows[0]["credit_code"] = CODE_B
    rows[0]["enterprise_name"] = "慈溪示例医疗科技有限公司"
    rows[0]["region"] = "慈溪市"
    rows[0]["address"] = rows[0]["contact_name"] = rows[0]["contact_phone"] = ""
    rows[0]["website"] = rows[0]["enterprise_description"] = ""
    report = run(write_csv(rows[:1]))
    assert not report.ok and "另一企业" in report.errors[0].message


def test_command_prints_report_and_fails_on_bad_file(tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(write_csv(good_rows()))
    out = io.StringIO()
    call_command("import_catalog", str(good), "--catalog", "命令导入目录", stdout=out)
    assert "产品：新建 3" in out.getvalue()
    out = io.StringIO()
    call_command("import_catalog", str(good), "--catalog", "命令导入目录", "--dry-run", stdout=out)
    assert "无变化 3" in out.getvalue() and "试运行" in out.getvalue()
    rows = good_rows()
    rows[0]["product_type"] = "火箭"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(write_csv(rows))
    with pytest.raises(CommandError) as error:
        call_command("import_catalog", str(bad), "--catalog", "命令导入目录")
    assert error.value.returncode == 1
    assert "第 2 行“产品类别”：无法识别的产品类别“火箭”" in str(error.value)


def test_entries_of_a_larger_file_are_ordered_and_tree_is_consistent():
    rows = []
    for number in range(60):
        rows.append(
            {
                "enterprise_name": f"企业{number // 6}",
                "credit_code": complete_credit_code(f"91330282{number // 6:09d}"),
                "region": "慈溪市",
                "product_name": f"产品{number}",
                "product_type": ProductType.IVD.label,
                "device_class": "第二类",
                "registration_no": f"浙械注准2021240{number:04d}",
            }
        )
    report = run(write_csv(rows))
    assert (
        report.ok and report.products == {"created": 60} and report.enterprises == {"created": 10}
    )
    assert Page.find_problems() == ([], [], [], [], [])
    assert list(
        CatalogEntry.objects.order_by("sort_order").values_list("sort_order", flat=True)
    ) == list(range(1, 61))
    assert HEADERS[0] == "企业名称"
