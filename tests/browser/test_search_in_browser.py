"""A buyer's path through the site in a real browser."""

import pytest

from directory.choices import DeviceClass, ProcurementStatus
from search.engines import get_engine
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_tree"),
]


@pytest.fixture
def products():
    get_engine().reset()
    dental = factories.enterprise(title="中山示例齿科器材有限公司", region="中山市")
    factories.product(
        dental,
        title="一次性牙科手机",
        registration_no="粤械注准20182170123",
        device_class=DeviceClass.CLASS_2,
        procurement_status=ProcurementStatus.SUNSHINE,
    )
    factories.product(
        dental,
        title="牙科种植体",
        registration_no="国械注准20173170456",
        device_class=DeviceClass.CLASS_3,
        procurement_status=ProcurementStatus.OFFLINE,
    )
    return dental


def test_search_filter_and_open_a_product(page, live_server, products):
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "牙科")
    page.keyboard.press("Enter")
    page.wait_for_selector(".result")
    assert page.locator(".results__count strong").inner_text() == "2"
    assert page.locator(".result__title em").first.inner_text() == "牙科"

    page.locator(".facet a", has_text="第二类").click()
    page.wait_for_url("**device_class=2**")
    assert page.locator(".result").count() == 1
    shared = page.url  # the filtered view is a plain, shareable URL

    page.locator(".result__title a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "一次性牙科手机"
    assert "阳光挂网" in page.content()

    page.goto(shared)
    assert page.locator(".result").count() == 1


def test_suggestions_appear_while_typing_pinyin(page, live_server, products):
    page.goto(live_server.url + "/search/")
    page.fill("#search-q", "yake")
    # A selector, not a JavaScript predicate: the site's CSP forbids eval.
    page.wait_for_selector("#search-suggestions option:nth-child(2)", state="attached")
    options = page.locator("#search-suggestions option")
    values = {options.nth(i).get_attribute("value") for i in range(options.count())}
    assert {"一次性牙科手机", "牙科种植体"} <= values
