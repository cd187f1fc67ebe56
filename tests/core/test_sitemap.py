"""sitemap.xml lists public pages only, by the one visibility rule."""

import xml.etree.ElementTree as ET

import pytest
from django.utils.timezone import localtime
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {loc.text for loc in root.findall("s:url/s:loc", NS)}


def test_sitemap_lists_public_pages_and_nothing_hidden(client):
    public_maker = factories.enterprise(title="公开企业")
    public_product = factories.product(public_maker, title="公开产品")
    draft = factories.product(public_maker, title="草稿产品", live=False)
    private = factories.enterprise(title="私密企业")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    product_of_private = factories.product(private, title="私密企业的产品")
    unpublished = factories.enterprise(title="待发布企业")
    orphan = factories.product(unpublished, title="未发布企业的产品")
    unpublished.unpublish()
    example = factories.enterprise(title="示例企业", is_example=True)
    catalog = factories.catalog(title="公开目录")
    event = factories.event(title="公开活动")

    locations = sitemap_locations(client)

    for page in (public_maker, public_product, catalog, event):
        assert page.get_full_url() in locations, page.title
    assert "http://localhost/" in locations  # the home page
    for page in (draft, private, product_of_private, unpublished, orphan, example):
        page.refresh_from_db()
        assert page.get_full_url() not in locations, page.title
    assert all(location.startswith("http://localhost/") for location in locations)


def test_sitemap_has_last_modified_dates(client):
    maker = factories.enterprise(title="公开企业")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    (url,) = [
        u
        for u in root.findall("s:url", NS)
        if u.findtext("s:loc", namespaces=NS) == maker.get_full_url()
    ]
    assert (
        url.findtext("s:lastmod", namespaces=NS)
        == localtime(maker.last_published_at).date().isoformat()
    )


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_search(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ("/admin/", "/search/"):
        assert f"Disallow: {path}" in text


def test_sitemap_refuses_other_methods(client):
    assert client.post("/robots.txt").status_code == 405
