"""Every page type, as a browser sees it: one heading, labelled controls, no
script errors, and no sideways scrolling on a phone."""

import pytest
from django.core.management import call_command

from directory.models import CatalogPage, EnterprisePage, ProductPage
from events.models import EventPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_tree"),
]

CHECKS = """() => ({
  lang: document.documentElement.lang,
  h1: document.querySelectorAll("h1").length,
  unlabelled: [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")).length,
  imagesWithoutAlt: [...document.querySelectorAll("img")].filter(img => !img.hasAttribute("alt")).length,
  overflow: document.documentElement.scrollWidth - window.innerWidth,
})"""


def page_urls():
    urls = ["/", "/enterprises/", "/catalogs/", "/events/", "/search/?q=乳腺"]
    for model in (EnterprisePage, ProductPage, CatalogPage, EventPage):
        urls.append(model.objects.live().order_by("pk").first().url)
    return urls


@pytest.mark.parametrize("width", [1280, 375])
def test_pages_are_well_formed_at_desktop_and_phone_widths(browser, live_server, width):
    call_command("load_demo", verbosity=0)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        for url in page_urls():
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            found = page.evaluate(CHECKS)
            assert found["lang"] == "zh-hans", url
            assert found["h1"] == 1, url
            assert found["unlabelled"] == 0, url
            assert found["imagesWithoutAlt"] == 0, url
            assert found["overflow"] <= 0, (url, found["overflow"])
        assert errors == []
    finally:
        context.close()
