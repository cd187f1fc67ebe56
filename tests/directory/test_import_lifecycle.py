"""What an import may change, who may publish it, and what it leaves behind."""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.models import PageLogEntry

from directory.choices import ProcurementStatus, ProductType
from directory.importing import ImportOptions, import_catalog
from directory.models import CatalogEntry, CatalogPage, EnterprisePage, ProductPage
from directory.spreadsheets import write_csv
from directory.validators import validate_registration_no
from tests.directory.test_import import CODE_A, good_rows

pytestmark = pytest.mark.django_db
TITLE = "药械生产企业及产品目录（测试）"


def run(rows, **options):
    options.setdefault("catalog_title", TITLE)
    options.setdefault("filename", "目录.csv")
    return import_catalog(write_csv(rows), "csv", ImportOptions(**options))


def test_blank_cells_change_nothing_and_type_changes_only_by_its_column():
    run(good_rows())
    rows = good_rows()
    for key in ("model", "product_type", "device_class", "procurement_status", "address"):
        rows[0][key] = ""
    rows[0]["medical_insurance"] = "乙类"
    report = run(rows)
    assert report.ok, report.summary_lines()
    mammo = ProductPage.objects.get(title="数字乳腺X射线机")
    assert mammo.model_spec == "MX-1"
    assert mammo.product_type == ProductType.DEVICE and mammo.device_class == "3"
    assert mammo.procurement_status == ProcurementStatus.SUNSHINE
    assert mammo.medical_insurance == "class_b"
    assert EnterprisePage.objects.get(credit_code=CODE_A).address == "火炬开发区示例路 1 号"
    assert report.products == {"updated": 1, "unchanged": 2}
    updated = next(r for r in report.results if r.action == "updated")
    assert updated.name == "数字乳腺X射线机" and updated.changed == ["医保"]
    assert "更新的字段：医保 1" in report.summary_lines()


def test_dry_run_is_the_real_write_rolled_back():
    dry = run(good_rows(), dry_run=True)
    assert dry.ok and dry.catalog_created
    assert not EnterprisePage.objects.exists() and not CatalogPage.objects.exists()
    assert not PageLogEntry.objects.filter(action="directory.import").exists()
    real = run(good_rows())
    assert (dry.enterprises, dry.products, dry.entries) == (
        real.enterprises,
        real.products,
        real.entries,
    )


def test_every_imported_page_has_a_revision_and_a_history_entry(admin_client, admin_user):
    run(good_rows(), user=admin_user)
    rows = good_rows()
    rows[2]["procurement_status"] = "自行采购"
    run(rows, user=admin_user, filename="第二版.csv")
    for page in [*EnterprisePage.objects.all(), *ProductPage.objects.all()]:
        assert page.latest_revision_id
        entries = PageLogEntry.objects.filter(page=page, action="directory.import")
        assert entries.exists()
        assert entries.last().message == "导入自 目录.csv，操作人 admin"
    capsule = ProductPage.objects.get(title="示例胶囊")
    messages = [e.message for e in PageLogEntry.objects.filter(page=capsule)]
    assert "导入自 第二版.csv，操作人 admin" in messages
    history = admin_client.get(f"/admin/pages/{capsule.pk}/history/")
    assert "导入自 第二版.csv，操作人 admin" in history.content.decode()


@pytest.fixture
def editor(client):
    """A member of Wagtail's Editors group: may add and edit pages, not publish."""
    user = User.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.get(codename="add_catalogentry"))
    client.force_login(user)
    return user


def test_editors_import_ends_in_review_and_publishes_nothing(client, editor):
    run(good_rows())  # live pages, published by someone who may
    rows = good_rows()
    rows[0]["enterprise_name"] = "中山示例医疗器械股份有限公司"  # a rename
    rows[1]["enterprise_name"] = rows[2]["enterprise_name"] = rows[0]["enterprise_name"]
    rows[2]["procurement_status"] = "带量采购备选"
    rows.append({**rows[0], "product_name": "新产品", "registration_no": "粤械注准20203060099"})
    data = {"catalog_title": TITLE, "catalog_kind": "enterprise_product"}
    data["file"] = SimpleUploadedFile("编辑导入.csv", write_csv(rows), content_type="text/csv")
    preview = client.post("/admin/directory/import/", data)
    assert preview.status_code == 200 and preview.context["report"].moderated
    assert "提交审核" in preview.content.decode()
    confirm = client.post(
        "/admin/directory/import/", {"token": preview.context["token"], **preview.context["fields"]}
    )
    assert confirm.status_code == 302
    enterprise = EnterprisePage.objects.get(credit_code=CODE_A)
    assert enterprise.title == "中山示例医疗器械有限公司"  # the live page keeps its name
    assert enterprise.has_unpublished_changes and enterprise.workflow_in_progress
    assert enterprise.latest_revision.as_object().title == "中山示例医疗器械股份有限公司"
    capsule = ProductPage.objects.get(title="示例胶囊")
    assert capsule.procurement_status == ProcurementStatus.CENTRALIZED
    assert capsule.workflow_in_progress
    new = ProductPage.objects.get(title="新产品")
    assert not new.live and new.workflow_in_progress
    assert client.get(new.url or "/nope/").status_code == 404
    log = PageLogEntry.objects.filter(page=new, action="directory.import").get()
    assert log.message == "导入自 编辑导入.csv，操作人 editor"


def test_replace_lists_removals_first_then_removes_them():
    run(good_rows())
    rows = good_rows()[1:3]
    preview = run(rows, replace=True, dry_run=True)
    assert preview.removed == ["产品：数字乳腺X射线机", "企业：慈溪示例医疗科技有限公司"]
    assert CatalogEntry.objects.count() == 4
    out = io.StringIO()
    path = "目录.csv"
    with open(path, "wb") as handle:
        handle.write(write_csv(rows))
    try:
        call_command(
            "import_catalog", path, "--catalog", TITLE, "--replace", "--dry-run", stdout=out
        )
        assert "从目录中移除 2 条：产品：数字乳腺X射线机、企业：慈溪示例医疗科技有限公司" in (
            out.getvalue()
        )
        assert CatalogEntry.objects.count() == 4
        call_command("import_catalog", path, "--catalog", TITLE, "--replace", stdout=io.StringIO())
    finally:
        import os

        os.remove(path)
    catalog = CatalogPage.objects.get()
    assert [e.product.title for e in catalog.get_entries()] == ["一次性使用口腔器械盒", "示例胶囊"]
    assert ProductPage.objects.filter(title="数字乳腺X射线机").exists()  # the page stays


def test_admin_preview_lists_removals_before_the_summary(admin_client):
    run(good_rows())
    data = {"catalog_title": TITLE, "catalog_kind": "enterprise_product", "replace": "on"}
    data["file"] = SimpleUploadedFile("a.csv", write_csv(good_rows()[:3]), content_type="text/csv")
    text = admin_client.post("/admin/directory/import/", data).content.decode()
    assert "将从目录中移除 1 条" in text
    assert text.index("import-removals") < text.index("import-summary")
    assert CatalogEntry.objects.count() == 4


def test_import_sets_the_catalog_edition():
    import datetime

    run(good_rows())
    report = run(
        good_rows(),
        document_number="慈卫〔2025〕12号",
        issuing_body="慈溪市卫生健康局",
        published_on=datetime.date(2025, 3, 1),
        valid_until=datetime.date(2027, 2, 28),
        declared_count=147,
    )
    assert report.ok and "文号" in report.catalog_changed
    catalog = CatalogPage.objects.get()
    assert catalog.document_number == "慈卫〔2025〕12号"
    assert catalog.issuing_body == "慈溪市卫生健康局" and catalog.declared_count == 147
    assert catalog.valid_until == datetime.date(2027, 2, 28)
    bad = run(good_rows(), valid_until=datetime.date(2020, 1, 1))
    assert not bad.ok and "有效期截止日期不能早于发布日期" in bad.errors[0].message


OFFICIAL_NUMBERS = [
    ("医疗器械", "第三类", "国械注进20163211234"),
    ("医疗器械", "第三类", "国械注许20183401234号"),
    ("医疗器械", "第三类", "国食药监械（准）字2012第3210123号"),
    ("医疗器械", "", "粤食药监械(进)字2010第2260123号"),
    ("药品", "", "H20150001"),
    ("化学药品", "", "进口药品注册证号 H20150002"),
    ("体外诊断试剂", "", "国药准字S20000003"),
]


@pytest.mark.parametrize(("kind", "device_class", "number"), OFFICIAL_NUMBERS)
def test_identifiers_in_every_official_form(kind, device_class, number):
    rows = good_rows()[:1]
    rows[0].update(product_type=kind, device_class=device_class, registration_no=number)
    rows[0]["contact_phone"] = "0760-88888888（总机）、0760-88888889 转 8001"
    report = run(rows)
    assert report.ok, report.summary_lines()
    product = ProductPage.objects.get()
    product.full_clean()  # valid in the admin too


def test_a_number_refused_by_the_admin_is_refused_with_the_same_words():
    with pytest.raises(ValidationError) as admin_error:
        validate_registration_no("粤械注准123")
    rows = good_rows()[:1]
    rows[0]["registration_no"] = "粤械注准123"
    (error,) = run(rows).errors
    assert error.message == admin_error.value.messages[0]
    rows[0]["registration_no"] = "粤械注准20202060001"  # encodes class II, row says III
    (error,) = run(rows).errors
    product = ProductPage(
        title="x", product_type="device", device_class="3", registration_no="粤械注准20202060001"
    )
    with pytest.raises(ValidationError) as admin_error:
        product.clean()
    assert error.message == admin_error.value.message_dict["registration_no"][0]
