"""The public site as a phone (390 px) and a desktop (1366 px) see it: the
first result without scrolling, tables as cards, filter chips, and axe-core
with no serious or critical violation. Screenshots of every page type are
kept in tests/browser/artifacts/ (git-ignored) for a person to look at."""

from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import CatalogPage, ProductPage
from events.models import EventPage
from search.engines import get_engine
from tests.browser.test_search_in_browser import products  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_tree"),
]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    targets: v.nodes.map(n => n.target.join(" ")).slice(0, 3)}));
}"""


def page_types():
    """One URL per page type, with a catalog, enterprise and product that
    have table rows (entries, products, 首试首用 records)."""
    product = ProductPage.objects.live().filter(first_use_records__isnull=False).first()
    catalog = max(CatalogPage.objects.live(), key=lambda c: c.entries.count())
    return {
        "home": "/",
        "directory": "/enterprises/",
        "catalogs": "/catalogs/",
        "events": "/events/",
        "search": "/search/?q=乳腺",
        "enterprise": product.get_parent().url,
        "product": product.url,
        "catalog": catalog.url,
        "event": EventPage.objects.live().order_by("pk").first().url,
        "not-found": "/no-such-page/",
    }


def screenshot(page, width, name):
    folder = ARTIFACTS / str(width)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.fixture
def demo(settings):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make browser`.")
    settings.ELASTICSEARCH_URL = ""
    get_engine().reset()
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_every_page_type_passes_axe_and_is_photographed(browser, live_server, demo, viewport):
    # axe-core is injected as an inline script, which the site's CSP refuses.
    context = browser.new_context(viewport=viewport, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    found = {}
    try:
        for name, url in page_types().items():
            page.goto(live_server.url + url)
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(RUN_AXE)
            found[name] = [v for v in violations if v["impact"] in ("serious", "critical")]
            found[name] += [v for v in violations if v["id"] == "landmark-unique"]
            screenshot(page, viewport["width"], name)
    finally:
        context.close()
    assert found == {name: [] for name in found}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_tables_are_cards_on_a_phone_and_tables_on_a_desktop(browser, live_server, demo, viewport):
    urls = page_types()
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    try:
        for name in ("catalog", "enterprise", "product"):
            page.goto(live_server.url + urls[name])
            row = page.locator("table.table-cards tbody tr").first
            display = row.evaluate("el => getComputedStyle(el).display")
            header_visible = page.locator("table.table-cards thead").evaluate(
                "el => el.getBoundingClientRect().width > 1"
            )
            if viewport is PHONE:
                assert display in ("block", "flex"), name
                assert not header_visible, name
                # Every cell of a card says which column it is.
                label = row.locator("td:not(.table-cards__title)").last.evaluate(
                    "el => getComputedStyle(el, '::before').content"
                )
                assert label not in ("none", "normal", '""'), name
            else:
                assert display == "table-row", name
                assert header_visible, name
        if viewport is PHONE:
            page.goto(live_server.url + urls["catalog"])
            # A table row once ran 222 px tall with 类别 one character a line:
            # in a card every value gets a full line (at most two lines).
            heights = page.locator("td[data-label='类别']").evaluate_all(
                "cells => cells.map(c => c.getBoundingClientRect().height"
                " / parseFloat(getComputedStyle(c).lineHeight))"
            )
            assert heights and max(heights) <= 2.05
    finally:
        context.close()


def test_phone_sees_the_first_result_and_the_home_search_without_scrolling(
    browser, live_server, demo
):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=乳腺")
        first = page.locator(".result").first.bounding_box()
        assert first["y"] + first["height"] <= PHONE["height"], first
        assert not page.locator("#filters").evaluate("el => el.open")
        # The skip link reaches the results in two key presses.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#results"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#results"

        page.goto(live_server.url + "/")
        for selector in ("#hero-search-q", ".stats"):
            box = page.locator(selector).bounding_box()
            assert box["y"] + box["height"] <= PHONE["height"], selector
    finally:
        context.close()


@pytest.mark.usefixtures("site_tree", "products")
def test_filters_fold_behind_a_button_and_show_as_chips_on_a_phone(browser, live_server, settings):
    settings.ELASTICSEARCH_URL = ""
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=牙科")
        assert page.locator(".facet a", has_text="第二类").is_hidden()
        page.locator("summary", has_text="筛选").click()
        page.locator(".facet a", has_text="第二类").click()
        page.wait_for_url("**device_class=2**")
        assert "".join(page.locator("summary").inner_text().split()) == "筛选（已选1项）"
        assert page.locator(".chip").inner_text().startswith("管理类别：第二类")
        assert page.locator(".result").count() == 1

        # A new query drops the filter unless the visitor keeps it.
        page.fill("#search-q", "牙科种植体")
        page.locator(".search-form button").click()
        page.wait_for_url("**q=%E7%89%99%E7%A7%91%E7%A7%8D%E6%A4%8D%E4%BD%93")
        assert page.locator(".chip").count() == 0
        assert page.locator(".result").count() == 1

        page.goto(live_server.url + "/search/?q=牙科&device_class=2")
        page.fill("#search-q", "牙科")
        page.check("input[name=keep]")
        page.locator(".search-form button").click()
        page.wait_for_url("**device_class=2")
        assert page.locator(".chip").count() == 1

        page.locator(".chips__clear").click()
        page.wait_for_load_state()
        assert page.locator(".chip").count() == 0
        assert page.locator(".results__count strong").inner_text() == "2"
    finally:
        context.close()


@pytest.mark.usefixtures("site_tree", "products")
def test_filters_sit_open_beside_the_results_on_a_desktop(browser, live_server, settings):
    settings.ELASTICSEARCH_URL = ""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=牙科&device_class=2")
        assert page.locator(".facet a", has_text="第三类").is_visible()
        filters = page.locator("#filters").bounding_box()
        results = page.locator("#results").bounding_box()
        assert filters["x"] + filters["width"] <= results["x"]
        assert page.locator(".chips__clear").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_language_switch_turns_the_interface_english_and_back(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/catalogs/")
        assert (
            page.locator("html").get_attribute("lang") == "zh-hans"
        )  # the browser's own is ignored
        page.locator(".language-switch a", has_text="English").click()
        page.wait_for_url("**/catalogs/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator(".site-nav a", has_text="Catalogs").is_visible()
        page.goto(live_server.url + "/enterprises/")  # the choice stays
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".language-switch a", has_text="中文").click()
        page.wait_for_url("**/enterprises/")
        assert page.locator(".site-nav a", has_text="企业与产品名录").is_visible()
        screenshot(page, viewport["width"], "language-switch")
    finally:
        context.close()
