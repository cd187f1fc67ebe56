"""The search page says what it is doing: active filters as chips, a new
query without old filters unless kept, counts without filters, the last page."""

import pytest
from lxml import html as lxml_html

from directory.choices import DeviceClass, ProcurementStatus
from search.engines import get_engine
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dental(settings):
    settings.ELASTICSEARCH_URL = ""
    get_engine().reset()
    maker = factories.enterprise(title="中山示例齿科器材有限公司")
    factories.product(
        maker,
        title="一次性牙科手机",
        device_class=DeviceClass.CLASS_2,
        procurement_status=ProcurementStatus.SUNSHINE,
    )
    factories.product(
        maker,
        title="牙科种植体",
        device_class=DeviceClass.CLASS_3,
        procurement_status=ProcurementStatus.OFFLINE,
    )
    return maker


def page(client, params, status=200):
    response = client.get("/search/", params)
    assert response.status_code == status
    return lxml_html.fromstring(response.content.decode())


def texts(tree, xpath):
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def test_active_filters_show_as_removable_chips_with_clear_all(client, dental):
    tree = page(client, {"q": "牙科", "device_class": "2", "kind": "product"})
    chips = tree.xpath("//a[@class='chip']")
    assert {" ".join(c.text_content().split()) for c in chips} == {
        "类型：产品 ×（移除）",
        "管理类别：第二类 ×（移除）",
    }
    removal = next(c.get("href") for c in chips if "第二类" in c.text_content())
    assert "device_class" not in removal and "kind=product" in removal and "q=" in removal
    (clear,) = tree.xpath("//a[@class='chips__clear']")
    assert clear.text_content() == "清除全部"
    assert clear.get("href") == "?q=%E7%89%99%E7%A7%91"
    assert texts(tree, "//summary") == ["筛选（已选 2 项）"]


def test_a_new_query_from_the_form_starts_without_the_old_filters(client, dental):
    response = client.get(
        "/search/", {"new": "1", "q": "种植体", "device_class": "2", "sort": "name"}
    )
    assert response.status_code == 302
    assert response["Location"] == "?q=%E7%A7%8D%E6%A4%8D%E4%BD%93&sort=name"


def test_the_visitor_can_keep_the_filters_for_a_new_query(client, dental):
    response = client.get(
        "/search/",
        {"new": "1", "keep": "1", "q": "种植体", "sort": "relevance", "device_class": "3"},
    )
    assert response.status_code == 302
    assert response["Location"] == "?q=%E7%A7%8D%E6%A4%8D%E4%BD%93&device_class=3"
    tree = page(client, {"q": "牙科", "device_class": "3"})
    (keep,) = tree.xpath("//input[@name='keep']")
    assert keep.get("type") == "checkbox" and keep.get("checked") is None
    assert "保留当前 1 项筛选条件" in keep.getparent().text_content()


def test_zero_results_under_filters_says_how_many_there_are_without(client, dental):
    tree = page(client, {"q": "牙科", "procurement": "centralized"})
    (empty,) = texts(tree, "//div[@class='results__empty']")
    assert "去掉筛选条件后有 2 条结果" in empty
    (link,) = tree.xpath("//div[@class='results__empty']//a")
    assert link.get("href") == "?q=%E7%89%99%E7%A7%91"


def test_each_product_result_names_its_procurement_status(client, dental):
    tree = page(client, {"q": "牙科", "sort": "name"})
    assert sorted(texts(tree, "//p[@class='result__procurement']")) == [
        "采购状态：仅线下/备案采购",
        "采购状态：省平台阳光挂网",
    ]


def test_a_page_beyond_the_last_goes_to_the_last_page(client, dental):
    response = client.get("/search/", {"q": "牙科", "page": "99", "page_size": "1"})
    assert response.status_code == 302
    assert "page=2" in response["Location"]
    tree = page(client, {"q": "牙科", "page": "2", "page_size": "1"})
    assert "第 2 / 2 页" in tree.text_content()


def test_bad_input_is_a_chinese_message_not_an_error(client, dental):
    tree = page(client, {"q": "牙科", "page": "abc"}, status=400)
    assert texts(tree, "//p[@role='alert']") == ["参数 page 应为 1 到 10000 之间的整数。"]
    tree = page(client, {"q": "牙科", "device_class": "9"}, status=400)
    assert "无效" in texts(tree, "//p[@role='alert']")[0]


def test_drafts_never_appear_as_chips_counts_or_results(client, dental):
    factories.product(dental, title="牙科草稿产品", live=False)
    tree = page(client, {"q": "牙科草稿"})
    assert tree.xpath("//article") == []
    assert "牙科草稿产品" not in tree.text_content()


def test_two_search_landmarks_have_different_names(client, dental):
    tree = page(client, {"q": "牙科"})
    names = [form.get("aria-label") for form in tree.xpath("//form[@role='search']")]
    assert len(names) == 2 and len(set(names)) == 2
