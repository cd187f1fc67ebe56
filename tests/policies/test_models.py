import datetime

import pytest
from django.core.exceptions import ValidationError

from policies.models import PolicyArea, PolicyPage
from policies.regions import locate, locate_in_text
from tests import factories

pytestmark = pytest.mark.django_db


def check(page):
    """Validate as the editor's form does, before the page has a place in the tree."""
    page.full_clean(exclude=["path", "depth", "url_path", "locale", "content_type"])


def policy(**fields):
    fields.setdefault("title", "测试政策")
    fields.setdefault("slug", "test-policy")
    fields.setdefault("summary", "要点")
    return PolicyPage(**fields)


def test_clean_writes_the_official_number():
    page = policy(document_number="中工信[2020]214 号", issued_on=datetime.date(2020, 6, 1))
    check(page)
    assert page.document_number == "中工信〔2020〕214号"


def test_a_bad_number_is_a_field_error():
    page = policy(document_number="二〇二〇年第214号")
    with pytest.raises(ValidationError) as error:
        check(page)
    assert "document_number" in error.value.message_dict


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (
            {
                "in_force_from": datetime.date(2021, 3, 1),
                "in_force_until": datetime.date(2021, 2, 1),
            },
            "in_force_until",
        ),
        (
            {"issued_on": datetime.date(2021, 2, 9), "in_force_until": datetime.date(2020, 1, 1)},
            "in_force_until",
        ),
        (
            {"document_number": "浙医保发〔2021〕10号", "issued_on": datetime.date(2019, 2, 9)},
            "issued_on",
        ),
    ],
)
def test_inconsistent_dates_are_refused(fields, field):
    with pytest.raises(ValidationError) as error:
        check(policy(**fields))
    assert field in error.value.message_dict
    assert any("日期" in message for message in error.value.message_dict[field])


def test_a_number_of_next_year_is_accepted():
    # 中市监函〔2022〕1号 was issued on 2021-12-31.
    check(policy(document_number="中市监函〔2022〕1号", issued_on=datetime.date(2021, 12, 31)))


def test_unstated_dates_show_as_such_and_month_precision_hides_the_day():
    page = policy(issued_on=datetime.date(2020, 6, 1), issued_precision="month")
    assert page.issued_display == "2020年6月"
    assert page.in_force_from_display == page.in_force_until_display == "未载明"
    assert policy().issued_display == "未载明"


def test_choice_lists_survive_a_revision_and_refuse_unknown_values():
    page = factories.policy(product_types=["drug", "consumable"], procurement_statuses=["offline"])
    page = PolicyPage.objects.get(pk=page.pk)
    assert page.product_types == ["drug", "consumable"]
    restored = page.get_latest_revision_as_object()
    assert restored.product_types == ["drug", "consumable"]
    assert PolicyPage.objects.filter(product_types__contains=",consumable,").exists()
    page.product_types = ["drug", "rocket"]
    with pytest.raises(ValidationError) as error:
        check(page)
    assert "rocket" in str(error.value)


def test_an_area_city_must_lie_in_its_province():
    with pytest.raises(ValidationError) as error:
        PolicyArea(province="浙江省", city="中山市").clean()
    assert "广东省" in str(error.value)
    PolicyArea(province="浙江省", city="宁波市").clean()


def test_places_are_located_with_the_cities_above_them():
    assert locate("慈溪市") == ("浙江省", ("慈溪市", "宁波市"))
    assert locate("中山市") == ("广东省", ("中山市",))
    assert locate("浙江省宁波市") == ("浙江省", ("宁波市",))
    assert locate("火星市") == (None, ())
    assert locate_in_text("中山市工业和信息化局等五部门") == ("广东省", ("中山市",))
    assert locate_in_text("宁波市科学技术局") == ("浙江省", ("宁波市",))
    assert locate_in_text("浙江省医疗保障局") == ("浙江省", ())
    assert locate_in_text("示例发布单位（非官方）") == (None, ())
