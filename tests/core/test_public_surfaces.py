"""Every public surface answers to the one visibility rule.

Each scenario hides a product (or its enterprise) in another way; every
surface is then read as an anonymous visitor and must not name it. A new
public URL must be added to SURFACES (a test below fails until it is), so
it is attacked the same way.
"""

import io

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "机密乳腺探测仪"
SECRET_NO = "粤械注准20232069999"


def _xlsx_text(content):
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def _text(client, url, xlsx=False):
    response = client.get(url)
    assert response.status_code in (200, 302, 404), (url, response.status_code)
    if response.status_code != 200:  # not found, or sent to log in
        return ""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return _xlsx_text(body) if xlsx else body.decode()


def _followed(client, url):
    """A redirecting surface: only to a public page of this site, read there."""
    response = client.get(url)
    if response.status_code == 302:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")
        return _text(client, response["Location"])
    return _text(client, url)


def _draft(enterprise):
    return factories.product(parent=enterprise, title=SECRET, registration_no=SECRET_NO, live=False)


def _unpublished(enterprise):
    product = factories.product(parent=enterprise, title=SECRET, registration_no=SECRET_NO)
    product.unpublish()
    return product


def _password_protected(enterprise):
    product = factories.product(parent=enterprise, title=SECRET, registration_no=SECRET_NO)
    PageViewRestriction.objects.create(
        page=product, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return product


def _under_unpublished_enterprise(enterprise):
    hidden = factories.enterprise(title="未发布的机密企业有限公司", live=False)
    return factories.product(parent=hidden, title=SECRET, registration_no=SECRET_NO)


def _section_made_private(enterprise):
    product = factories.product(title=SECRET, registration_no=SECRET_NO)
    PageViewRestriction.objects.create(
        page=product.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    return product


SCENARIOS = {
    "draft": _draft,
    "unpublished": _unpublished,
    "password": _password_protected,
    "unpublished enterprise": _under_unpublished_enterprise,
    "private section": _section_made_private,
}

# URL name (or pattern) → how a visitor reads it, given the scenario's pages.
SURFACES = {
    "home page": lambda c, s: _text(c, "/"),
    "sitemap": lambda c, s: _text(c, "/sitemap.xml"),
    "directory index": lambda c, s: _text(c, s["enterprise"].get_parent().url),
    "enterprise page": lambda c, s: _text(c, s["enterprise"].url),
    "hidden product page": lambda c, s: _text(c, s["product"].url),
    "hidden enterprise page": lambda c, s: _text(c, s["product"].get_parent().url),
    "catalog page": lambda c, s: _text(c, s["catalog"].url),
    "catalog csv": lambda c, s: _text(c, s["catalog"].url + "download/csv/"),
    "catalog xlsx": lambda c, s: _text(c, s["catalog"].url + "download/xlsx/", xlsx=True),
    "search": lambda c, s: _text(c, "/search/?q=乳腺"),
    "search_download csv": lambda c, s: _text(c, "/search/download.csv?q=乳腺"),
    "search_download xlsx": lambda c, s: _text(c, "/search/download.xlsx?q=乳腺", xlsx=True),
    "search_api": lambda c, s: _text(c, "/api/search/?q=乳腺"),
    "search_api by number": lambda c, s: _text(c, f"/api/search/?q={SECRET_NO}"),
    "search_suggest": lambda c, s: _text(c, "/api/search/suggest/?q=机密"),
    "search_feed": lambda c, s: _text(c, "/search/feed/?q=乳腺"),
    "search_feed of every product": lambda c, s: _text(c, "/search/feed/?kind=product"),
    "search_follow": lambda c, s: _followed(c, f"/search/go/{s['product'].pk}/"),
    "api products": lambda c, s: _text(c, "/api/v1/products?page_size=100"),
    "api product": lambda c, s: _text(c, f"/api/v1/products/{s['product'].pk}"),
    "api enterprises": lambda c, s: _text(c, "/api/v1/enterprises?page_size=100"),
    "api enterprise": lambda c, s: _text(c, f"/api/v1/enterprises/{s['product'].get_parent().pk}"),
    "api catalogs": lambda c, s: _text(c, "/api/v1/catalogs"),
    "api catalog": lambda c, s: _text(c, f"/api/v1/catalogs/{s['catalog'].pk}"),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_hidden_product_is_on_no_public_surface(client, search_engine, scenario):
    enterprise = factories.enterprise(title="公开的示例企业有限公司")
    visible = factories.product(parent=enterprise, title="公开乳腺机")
    product = SCENARIOS[scenario](enterprise)
    catalog = factories.catalog(title="公开目录", entries=[visible, product])
    search_engine.sync()
    pages = {"enterprise": enterprise, "product": product, "catalog": catalog}
    hidden_enterprise = product.get_parent().specific
    secrets = [SECRET, SECRET_NO]
    if hidden_enterprise.pk != enterprise.pk:
        secrets += [hidden_enterprise.title, hidden_enterprise.credit_code]
    for name, read in SURFACES.items():
        text = read(client, pages)
        for secret in secrets:
            assert secret not in text, f"{scenario}: {secret} on {name}"
    catalog_html = SURFACES["catalog page"](client, pages)
    assert "公开乳腺机" in catalog_html and "已录入 1 条" in catalog_html


def test_every_public_url_is_attacked_above():
    """A URL pattern outside the admin must be listed in SURFACES."""
    covered = {"search", "search_download", "search_api", "search_suggest", "sitemap"}
    covered |= {"search_feed", "search_follow"}
    covered.add("robots_txt")  # fixed text
    covered.add("switch_language")  # sets a cookie and redirects; tests/core/test_language.py
    covered.add("calendar_file")  # event calendars: test_a_hidden_event_is_on_no_public_surface
    covered.add("accept_invitation")  # shows no content; tests/accounts feeds it bad tokens
    # Wagtail's own forms for restricted pages show no content.
    covered |= {"wagtailcore_authenticate_with_password", "wagtailcore_login"}
    public = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(("admin/", "documents/", "api/v1/")):
                continue  # the admin; Wagtail's documents (own privacy); the API below
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and pattern.name not in (None, "wagtail_serve"):
                public.add(pattern.name)

    walk(get_resolver().url_patterns)
    assert public <= covered, f"not attacked: {public - covered}"


def _hide_event(scenario, event):
    if scenario == "unpublished":
        event.unpublish()
    elif scenario == "password":
        PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    elif scenario == "private section":
        PageViewRestriction.objects.create(
            page=event.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )


EVENT_SURFACES = {
    "home page": "/",
    "event index": "/events/",
    "sitemap": "/sitemap.xml",
    "calendar": "/events/calendar.ics",
    "calendar by type": "/events/calendar/matchmaking.ics",
    "atom feed": "/events/feed/",
    "search": "/api/search/?q=机密",
    "api events": "/api/v1/events?page_size=100",
}


@pytest.mark.parametrize("scenario", ["draft", "unpublished", "password", "private section"])
def test_a_hidden_event_is_on_no_public_surface(client, search_engine, scenario):
    event = factories.event(title="机密对接会", live=scenario != "draft")
    _hide_event(scenario, event)
    search_engine.sync()
    urls = {**EVENT_SURFACES, "event page": event.url, "event file": event.url + "calendar.ics"}
    for name, url in urls.items():
        assert "机密对接会" not in _text(client, url), f"{scenario}: event on {name}"


PROPOSED_CATALOG = "审核中的示例目录"
PROPOSED_ENTERPRISE = "待审核加入的企业有限公司"

# Surfaces that list a catalog's entries, and surfaces that name a page's catalogs.
CATALOG_LISTINGS = {
    name: SURFACES[name] for name in ("catalog page", "catalog csv", "catalog xlsx", "api catalog")
}
CATALOG_LISTINGS.update(
    {
        "api products in catalog": lambda c, s: _text(
            c, f"/api/v1/products?catalog={s['catalog'].pk}&page_size=100"
        ),
        "api enterprises in catalog": lambda c, s: _text(
            c, f"/api/v1/enterprises?catalog={s['catalog'].pk}&page_size=100"
        ),
        "search in catalog": lambda c, s: _text(c, f"/api/search/?catalog={s['catalog'].pk}"),
        "search page in catalog": lambda c, s: _text(c, f"/search/?catalog={s['catalog'].pk}"),
        "search_download in catalog": lambda c, s: _text(
            c, f"/search/download.csv?catalog={s['catalog'].pk}"
        ),
    }
)
MEMBER_SURFACES = {
    "product page": lambda c, s: _text(c, s["product"].url),
    "enterprise page": lambda c, s: _text(c, s["member"].url),
    "maker's page": lambda c, s: _text(c, s["product"].get_parent().url),
    "api product": lambda c, s: _text(c, f"/api/v1/products/{s['product'].pk}"),
    "search results and facets": lambda c, s: _text(c, "/api/search/?q=待审核"),
    "search page facets": lambda c, s: _text(c, "/search/?q=待审核"),
}


def test_a_proposed_catalog_entry_is_on_no_public_surface(client, search_engine):
    """Public pages proposed for a catalog (a moderated import awaiting review):
    the catalog lists neither, and neither page names the catalog."""
    from directory.choices import EntryReview
    from directory.models import CatalogEntry

    enterprise = factories.enterprise(title="公开的示例企业有限公司")
    visible = factories.product(parent=enterprise, title="公开乳腺机")
    maker = factories.enterprise(title="另一家示例企业有限公司")
    product = factories.product(parent=maker, title=f"待审核{SECRET}", registration_no=SECRET_NO)
    member = factories.enterprise(title=PROPOSED_ENTERPRISE, description="<p>待审核企业</p>")
    catalog = factories.catalog(title=PROPOSED_CATALOG, entries=[visible])
    for page in (product, member):
        key = "product" if page is product else "enterprise"
        CatalogEntry.objects.create(catalog=catalog, review=EntryReview.ADDITION, **{key: page})
    search_engine.sync()
    pages = {"catalog": catalog, "product": product, "member": member}
    for name, read in CATALOG_LISTINGS.items():
        text = read(client, pages)
        for secret in (SECRET, SECRET_NO, PROPOSED_ENTERPRISE):
            assert secret not in text, f"{secret} listed on {name}"
    for name, read in MEMBER_SURFACES.items():
        assert PROPOSED_CATALOG not in read(client, pages), f"catalog named on {name}"
    (listed,) = client.get("/api/v1/catalogs").json()["results"]
    assert listed["entry_count"] == 1
    # The same surfaces do show what is in force (the test can fail).
    assert "公开乳腺机" in CATALOG_LISTINGS["catalog page"](client, pages)
    assert PROPOSED_CATALOG in _text(client, visible.url)
