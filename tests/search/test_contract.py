"""One contract, two engines: what a user of /api/search/ can rely on."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from core.ordering import sorted_by_pinyin
from directory.models import CatalogEntry
from search import service
from tests import factories
from tests.search.helpers import facet, search, titles

pytestmark = pytest.mark.django_db


def test_two_characters_find_longer_words(catalogue):
    found = titles(search(q="乳腺"))
    assert set(found) == {"数字乳腺X射线机", "乳腺癌筛查设备"}


@pytest.mark.parametrize("q", ["ＰＥＴ－ＣＴ", "PET-CT", "pet ct", "Pet-Ct"])
def test_width_and_case_do_not_matter(catalogue, q):
    assert titles(search(q=q)) == ["正电子发射断层扫描（PET-CT）系统"]


def test_single_character_query(catalogue):
    assert "一次性牙科手机" in titles(search(q="牙"))


def test_traditional_characters_find_simplified(catalogue):
    assert titles(search(q="數字乳腺"))[0] == "数字乳腺X射线机"


@pytest.mark.parametrize(
    "q", ["粤械注准20182170123", "20182170123", "2170123", "粤械注准 2018 2170123"]
)
def test_registration_number_finds_its_product_first(catalogue, q):
    response = search(q=q)
    assert response["results"][0]["title"] == "一次性牙科手机"
    assert response["results"][0]["registration_no"] == "粤械注准20182170123"


def test_credit_code_whole_or_organisation_code_finds_enterprise_first(catalogue):
    code = catalogue["dobi"].credit_code
    for q in (code, code.lower(), code[8:17]):
        first = search(q=q)["results"][0]
        assert (first["kind"], first["credit_code"]) == ("enterprise", code)


def test_title_matches_rank_before_text_matches(catalogue):
    # "宁波杜比" is in the enterprise's title and in its products' text.
    found = search(q="宁波杜比")
    assert found["results"][0]["title"] == "宁波杜比医疗科技有限公司"
    assert found["count"] == 3


def test_results_carry_the_facts_that_matter(catalogue):
    item = search(q="数字乳腺")["results"][0]
    assert item["kind"] == "product"
    assert item["enterprise"]["title"] == "宁波杜比医疗科技有限公司"
    assert item["enterprise"]["url"] == catalogue["dobi"].url
    assert item["url"] == catalogue["mammography"].url
    assert item["first_set"] is True
    assert item["catalogs"] == [
        {"id": catalogue["catalog"].pk, "title": "首台（套）高端医疗装备产品目录"}
    ]
    assert item["highlight"]["title"] == "<em>数字乳腺</em>X射线机"


def test_facets_count_the_matching_records(catalogue):
    response = search()
    assert facet(response, "kind") == {"enterprise": 2, "product": 5, "catalog": 1}
    assert facet(response, "product_type") == {"device": 4, "drug": 1}
    assert facet(response, "device_class") == {"2": 3, "3": 1}
    assert facet(response, "region") == {"慈溪市": 3, "中山市": 4}
    assert facet(response, "procurement") == {
        "sunshine": 2,
        "offline": 1,
        "centralized": 1,
        "vbp_winner": 1,
    }
    # Both enterprises have a product in the catalog.
    assert facet(response, "catalog") == {str(catalogue["catalog"].pk): 4}
    assert facet(response, "first_set") == {"true": 2, "false": 5}


def test_filters_combine_and_counts_follow(catalogue):
    # The buyer's question: a local class II dental device on the provincial platform.
    response = search(q="牙科", device_class="2", procurement="sunshine", kind="product")
    assert titles(response) == ["一次性牙科手机"]
    response = search(kind="product", device_class="2")
    assert response["count"] == 3
    # A facet's own filter does not hide its other values.
    assert facet(response, "device_class") == {"2": 3, "3": 1}
    assert facet(response, "procurement") == {"sunshine": 2, "offline": 1}
    both = search(kind="product", device_class=["2", "3"])
    assert both["count"] == 4


def test_catalog_and_first_set_filters(catalogue):
    catalog = str(catalogue["catalog"].pk)
    assert set(titles(search(catalog=catalog, kind="product"))) == {
        "数字乳腺X射线机",
        "正电子发射断层扫描（PET-CT）系统",
    }
    assert titles(search(first_set="true", kind="product")) == ["数字乳腺X射线机"]


def test_sorting_and_pagination(catalogue):
    by_name = titles(search(kind="product", sort="name"))
    assert by_name == sorted_by_pinyin(by_name)
    assert by_name[:2] == ["乳腺癌筛查设备", "示例复方丹参片"]  # ru, shi: pinyin, not code points
    first = search(kind="product", sort="name", page_size=2)
    second = search(kind="product", sort="name", page_size=2, page=2)
    assert titles(first) + titles(second) == by_name[:4]
    past_the_end = search(kind="product", page=9, page_size=2)
    assert past_the_end["count"] == 5
    assert past_the_end["results"] == []
    newest = titles(search(kind="product", sort="newest"))
    assert newest[0] == "示例复方丹参片"  # first published last


def test_drafts_never_leak(catalogue):
    engine = catalogue["engine"]
    factories.product(catalogue["dobi"], title="草稿乳腺探头", live=False)
    mammography = catalogue["mammography"]
    mammography.title = "草稿标题不得公开"
    mammography.save_revision()  # a draft waiting for review
    engine.sync()
    assert "草稿乳腺探头" not in titles(search(q="乳腺"))
    assert search(q="草稿")["count"] == 0
    assert "数字乳腺X射线机" in titles(search(q="乳腺"))


def test_unpublish_and_republish(catalogue):
    engine = catalogue["engine"]
    catalogue["handpiece"].unpublish()
    engine.sync()
    assert search(q="牙科手机")["count"] == 0
    catalogue["handpiece"].save_revision().publish()
    engine.sync()
    assert titles(search(q="牙科手机")) == ["一次性牙科手机"]


def test_unpublishing_an_enterprise_hides_its_products(catalogue):
    engine = catalogue["engine"]
    catalogue["dobi"].unpublish()
    engine.sync()
    assert search(q="乳腺")["count"] == 0


def test_delete_and_move(catalogue):
    engine = catalogue["engine"]
    catalogue["screening"].delete()
    engine.sync()
    assert titles(search(q="乳腺")) == ["数字乳腺X射线机"]
    catalogue["mammography"].move(catalogue["dental"], pos="last-child")
    engine.sync()
    item = search(q="数字乳腺")["results"][0]
    assert item["enterprise"]["title"] == "中山示例齿科器材有限公司"
    assert item["url"].startswith(catalogue["dental"].url)


def test_catalog_membership_changes_show_up(catalogue):
    engine = catalogue["engine"]
    catalog = str(catalogue["catalog"].pk)
    CatalogEntry.objects.create(catalog=catalogue["catalog"], product=catalogue["handpiece"])
    engine.sync()
    assert "一次性牙科手机" in titles(search(catalog=catalog))
    CatalogEntry.objects.filter(product=catalogue["mammography"]).delete()
    engine.sync()
    assert "数字乳腺X射线机" not in titles(search(catalog=catalog))


def test_private_pages_are_not_found(catalogue):
    engine = catalogue["engine"]
    restriction = PageViewRestriction.objects.create(
        page=catalogue["dental"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="内部"))
    engine.sync()
    assert search(q="牙科")["count"] == 0
    assert "中山示例齿科器材有限公司" not in titles(search(kind="enterprise"))
    restriction.delete()
    engine.sync()
    assert search(q="牙科")["count"] == 1


def test_highlights_escape_markup(catalogue):
    factories.product(catalogue["dobi"], title="<script>alert(1)</script>乳腺贴片")
    catalogue["engine"].sync()
    item = next(i for i in search(q="乳腺")["results"] if "贴片" in i["title"])
    assert item["highlight"]["title"] == "&lt;script&gt;alert(1)&lt;/script&gt;<em>乳腺</em>贴片"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("ruxian", "乳腺癌筛查设备"),
        ("rx", "乳腺癌筛查设备"),
        ("乳腺", "乳腺癌筛查设备"),
        ("yakeshouji", "一次性牙科手机"),
    ],
)
def test_suggestions_by_chinese_pinyin_and_initials(catalogue, prefix, expected):
    assert expected in [s["title"] for s in service.suggestions(prefix)]


def test_api_contract(catalogue, client):
    response = client.get("/api/search/", {"q": "乳腺", "kind": "product", "page_size": 1})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "page", "page_size", "results", "facets", "suggestions"}
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 1)
    result = body["results"][0]
    assert {"kind", "title", "url", "registration_no", "enterprise", "highlight"} <= set(result)
    assert set(body["facets"]) == {
        "kind",
        "product_type",
        "device_class",
        "catalog",
        "region",
        "procurement",
        "first_set",
        "recognition",
        "medical_insurance",
        "event_type",  # registered by the events app
    }
    assert {"value", "label", "count"} == set(body["facets"]["kind"][0])


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "abc"},
        {"page_size": "101"},
        {"page_size": "-1"},
        {"sort": "price"},
        {"q": "乳" * 2000},
        {"q": "乳腺\x00\x07"},
        {"kind": "clinic"},
        {"device_class": "4"},
        {"catalog": "abc"},
        {"page": "99999999999999999999"},
        {"page": "101", "page_size": "100"},
    ],
)
def test_bad_parameters_are_a_400_with_a_message(catalogue, client, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"]
    page = client.get("/search/", params)
    assert page.status_code == 400
    assert "搜索" in page.content.decode()


def test_search_page_renders_results_and_facets(catalogue, client):
    response = client.get("/search/", {"q": "乳腺", "device_class": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<em>乳腺</em>癌筛查设备" in html
    assert "第二类" in html
    assert 'aria-current="true"' in html  # the chosen filter is marked


def test_suggest_api_refuses_bad_input_and_answers_empty_input(catalogue, client):
    assert client.get("/api/search/suggest/", {"q": "乳" * 2000}).status_code == 400
    assert client.get("/api/search/suggest/", {"q": "rx\x00"}).status_code == 400
    assert client.get("/api/search/suggest/", {"q": ""}).json() == {"suggestions": []}
    found = client.get("/api/search/suggest/", {"q": "rx"}).json()["suggestions"]
    assert {
        "kind": "product",
        "title": "乳腺癌筛查设备",
        "url": catalogue["screening"].url,
    } in found


def test_the_query_is_escaped_wherever_the_page_repeats_it(catalogue, client):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("q", ["！！！", "---", "   ", "《》", "%", "*", "\\"])
def test_queries_with_nothing_to_search_for_answer_calmly(catalogue, client, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == (8 if not q.strip() else 0)
