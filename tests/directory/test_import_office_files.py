"""Files as offices write them import without help."""

import pytest

from directory.choices import DeviceClass, MedicalInsurance, ProcurementStatus, ProductType
from directory.importing import ImportOptions, import_catalog
from directory.models import EnterprisePage, ProductPage
from tests.directory.office_files import (
    CODE_A,
    office_csv,
    office_rows,
    office_xlsx,
)

pytestmark = pytest.mark.django_db


def run(data, file_format, **options):
    options.setdefault("catalog_title", "慈溪市药械生产企业及产品目录")
    return import_catalog(data, file_format, ImportOptions(**options))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_office_file_imports_with_words_people_write(file_format):
    data = office_xlsx() if file_format == "xlsx" else office_csv()
    report = run(data, file_format)
    assert report.ok, report.summary_lines()
    assert report.rows == 5 and report.products == {"created": 5}
    assert report.enterprises == {"created": 2}
    assert report.unknown_headers in ([], ["企业信息", "产品信息"])
    mammo = ProductPage.objects.get(title="数字乳腺X射线机")
    assert mammo.product_type == ProductType.DEVICE
    assert mammo.device_class == DeviceClass.CLASS_3
    assert mammo.procurement_status == ProcurementStatus.SUNSHINE
    assert mammo.medical_insurance == MedicalInsurance.CLASS_B
    assert mammo.recognitions.get().level == "province"
    needle = ProductPage.objects.get(title="一次性使用采血针")
    assert needle.registration_no == "浙械注准20212150002"  # trailing 号 dropped
    assert needle.procurement_status == ProcurementStatus.VBP_WINNER
    assert needle.medical_insurance == MedicalInsurance.CLASS_A
    mask = ProductPage.objects.get(title="医用外科口罩")
    assert mask.product_type == ProductType.CONSUMABLE
    assert mask.registration_no == "浙械注准20212140003"
    assert mask.procurement_status == ProcurementStatus.OFFLINE
    capsule = ProductPage.objects.get(title="示例胶囊")
    assert capsule.procurement_status == ProcurementStatus.SELF_PROCURED
    reagent = ProductPage.objects.get(registration_no="国药准字S20000003")
    assert reagent.product_type == ProductType.IVD and reagent.device_class == ""
    # Repeated enterprise rows that differ a little: warnings, the first row's value kept.
    enterprise = EnterprisePage.objects.get(credit_code=CODE_A)
    assert enterprise.contact_phone == "0574-63000001（总机）"
    assert [(w.row, w.column) for w in report.warnings] == [(report.warnings[0].row, "联系电话")]
    assert "已采用第" in report.warnings[0].message
    assert any("提醒 1 条" in line for line in report.summary_lines())


def test_the_sheet_can_be_named_and_an_unknown_one_is_listed():
    data = office_xlsx(sheet_title="2025年目录")
    assert run(data, "xlsx", sheet="2025年目录", dry_run=True).ok
    report = run(data, "xlsx", sheet="第二批")
    assert not report.ok
    assert "找不到工作表“第二批”" in report.errors[0].message
    assert "“填表说明”、“2025年目录”" in report.errors[0].message


def test_a_different_name_for_one_credit_code_names_both_rows():
    rows = office_rows()
    rows[1][1] = "慈溪另一家医疗器械有限公司"
    report = run(office_xlsx(rows), "xlsx")
    assert not report.ok
    (error,) = report.errors
    assert error.row == 6 and error.column == "企业名称"
    assert "第 5 行为“慈溪示例医疗器械有限公司”" in error.message
    assert "本行为“慈溪另一家医疗器械有限公司”" in error.message
    assert not EnterprisePage.objects.exists()


def test_name_written_with_full_width_brackets_is_the_same_enterprise():
    rows = office_rows()
    rows[0][1] = "慈溪示例医疗器械(集团)有限公司"
    rows[1][1] = "慈溪示例医疗器械（集团）有限公司"
    rows[2][1] = "慈溪示例医疗器械（集团） 有限公司"
    report = run(office_xlsx(rows), "xlsx")
    assert report.ok and report.enterprises == {"created": 2}
    assert EnterprisePage.objects.get(credit_code=CODE_A).title == rows[0][1]


def test_unknown_word_in_a_row_lists_what_is_accepted():
    rows = office_rows()
    rows[2][10] = "看情况"
    report = run(office_csv(rows), "csv")
    (error,) = report.errors
    assert error.row == 6 and error.column == "采购状态"
    assert "可填写：" in error.message and "自行采购" in error.message
