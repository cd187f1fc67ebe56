"""Search understands what people type: synonyms, pinyin, questions, parts of
numbers, several words; and says why each result matched. Both engines."""

import pytest

from directory.choices import DeviceClass, ProductType
from search.models import Synonym
from tests import factories
from tests.search.helpers import search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(catalogue):
    """Products registered under their generic names."""
    dental = catalogue["dental"]
    made = {
        "xray": factories.product(
            dental,
            title="数字化X射线摄影系统",
            registration_no="国械注准20193060111",
            device_class=DeviceClass.CLASS_3,
        ),
        "oximeter": factories.product(
            dental, title="指夹式脉搏血氧仪", registration_no="粤械注准20192070222"
        ),
        "implant": factories.product(dental, title="牙种植体系统"),
        "nifedipine": factories.product(
            dental,
            title="硝苯地平控释片",
            product_type=ProductType.DRUG,
            registration_no="国药准字H20000079",
            intended_use="用于治疗高血压、心绞痛",
        ),
        "kit": factories.product(
            dental,
            title="2019-nCoV核酸检测试剂盒",
            registration_no="国械注准20203400999",
            product_type=ProductType.IVD,
            device_class=DeviceClass.CLASS_3,
        ),
        "catheter": factories.product(
            catalogue["dobi"], title="一次性使用导尿管", model_spec="5F 双腔"
        ),
        "guangzhou": factories.product(
            factories.enterprise(title="广州示例医疗器械有限公司", region="广州市"),
            title="上臂式电子血压计",
        ),
        "elsewhere": factories.product(catalogue["dobi"], title="腕式电子血压计"),
    }
    catalogue["engine"].sync()
    return {**catalogue, **made}


@pytest.mark.parametrize(
    ("q", "expected", "why"),
    [
        ("X光机", "数字化X射线摄影系统", "同义词：X光机 → X射线摄影"),
        ("血氧仪", "指夹式脉搏血氧仪", None),
        ("种植牙", "牙种植体系统", "同义词：种植牙 → 牙种植体"),
        ("拜新同", "硝苯地平控释片", "同义词：拜新同 → 硝苯地平控释片"),
    ],
)
def test_synonyms_find_generic_names(shelf, q, expected, why):
    response = search(q=q)
    assert expected in titles(response)[:2]
    item = next(i for i in response["results"] if i["title"] == expected)
    if why:
        assert why in item["why"]


def test_generic_name_finds_trade_name_too(shelf):
    factories.product(shelf["dental"], title="拜新同（示例）", product_type=ProductType.DRUG)
    shelf["engine"].sync()
    assert "拜新同（示例）" in titles(search(q="硝苯地平控释片"))


def test_a_synonym_added_in_the_admin_applies_at_once(shelf, admin_client):
    assert search(q="夹手指测氧的")["count"] == 0
    response = admin_client.post(
        "/admin/snippets/search/synonym/add/",
        {"term": "测氧", "equivalents": "脉搏血氧仪", "two_way": "", "source": "staff"},
    )
    assert response.status_code == 302
    assert titles(search(q="测氧")) == ["指夹式脉搏血氧仪"]
    Synonym.objects.filter(term="测氧").delete()
    assert search(q="测氧")["count"] == 0


def test_the_default_vocabulary_is_loaded():
    assert Synonym.objects.count() >= 500
    assert Synonym.objects.get(term="X光机").equivalent_list()[0] == "X射线摄影"


@pytest.mark.parametrize("q", ["xueyangyi", "xue yang yi", "XueYangYi", "xyy", "maiboxueyang"])
def test_pinyin_and_initials_in_the_main_search(shelf, q):
    response = search(q=q)
    assert titles(response)[0] == "指夹式脉搏血氧仪"
    assert any(reason.startswith("拼音") for reason in response["results"][0]["why"])


def test_questions_do_not_need_every_word(shelf):
    assert titles(search(q="有没有血氧仪"))[0] == "指夹式脉搏血氧仪"
    assert titles(search(q="治疗高血压的药"))[0] == "硝苯地平控释片"
    assert titles(search(q="哪些企业生产牙种植体"))[0] == "牙种植体系统"


def test_things_not_in_the_directory_still_find_nothing(shelf):
    for q in ("火箭发动机", "量子计算机", "有没有卫星电话", "zzzqqq"):
        assert search(q=q)["count"] == 0, q


@pytest.mark.parametrize(
    "q", ["国械注准2019", "国械注准 2019", "国械注准２０１９", "国械注准2019号"]
)
def test_part_of_a_registration_number_is_an_identifier(shelf, q):
    found = titles(search(q=q))
    assert found[0] == "数字化X射线摄影系统"
    assert found.index("数字化X射线摄影系统") < found.index("2019-nCoV核酸检测试剂盒")
    assert "注册证号匹配" in search(q=q)["results"][0]["why"]


def test_year_and_class_code_and_trailing_number_sign(shelf):
    assert titles(search(q="2019306"))[0] == "数字化X射线摄影系统"
    assert titles(search(q="国械注准20193060111号")) == ["数字化X射线摄影系统"]


def test_credit_code_without_its_check_character(shelf):
    code = shelf["dobi"].credit_code
    first = search(q=code[:17])["results"][0]
    assert first["credit_code"] == code


def test_several_words_rank_what_matches_all_of_them_first(shelf):
    # Two words: both are needed.
    assert titles(search(q="广州 血压计")) == ["上臂式电子血压计"]
    assert titles(search(q="导尿管 5F"))[0] == "一次性使用导尿管"
    # Three or more: most are needed, all of them rank first.
    found = titles(search(q="广州 电子 血压计"))
    assert found[0] == "上臂式电子血压计"
    assert "腕式电子血压计" in found


def test_why_each_result_matched(shelf, client):
    body = client.get("/api/search/", {"q": "乳腺"}).json()
    assert "名称含“乳腺”" in body["results"][0]["why"]
    number = client.get("/api/search/", {"q": "粤械注准20182170123"}).json()
    assert number["results"][0]["why"][0] == "注册证号匹配"
    page = client.get("/search/", {"q": "X光机"}).content.decode()
    assert "同义词：X光机 → X射线摄影" in page


def test_zero_results_offer_what_would_find_something(shelf):
    response = search(q="血氧", kind="enterprise")
    assert response["count"] == 0
    assert response["suggestions"]["without_filters"] >= 1
    near = search(q="血氧计")["suggestions"]
    assert near is None or "血氧仪" in near["terms"]
    assert search(q="血氧计")["count"] >= 0


@pytest.mark.parametrize(
    ("term", "equivalents"),
    [("", "脉搏血氧仪"), ("测氧\x07", "脉搏血氧仪"), ("测氧", ""), ("测氧", "测氧")],
)
def test_a_bad_synonym_is_refused_with_a_message(admin_client, term, equivalents):
    response = admin_client.post(
        "/admin/snippets/search/synonym/add/",
        {"term": term, "equivalents": equivalents, "source": "staff"},
    )
    assert response.status_code == 200  # the form again, with its errors
    assert not Synonym.objects.filter(source="staff").exists()


def test_a_synonym_never_reveals_a_draft(shelf):
    factories.product(shelf["dental"], title="草稿脉搏血氧仪", live=False)
    shelf["engine"].sync()
    assert "草稿脉搏血氧仪" not in titles(search(q="血氧仪"))
    assert "草稿脉搏血氧仪" not in titles(search(q="xyy"))
