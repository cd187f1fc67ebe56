"""Staff see which queries found nothing or led to no click: counted per day
and normalised query, with no personal data; the admin report and adding a
synonym from it; the click endpoint never leads off-site or to a hidden page."""

import re

import pytest
from django.contrib.auth.models import User
from lxml import html as lxml_html
from wagtail.models import PageViewRestriction

from search.models import QueryStat, Synonym
from tests import factories
from tests.accounts.conftest import make_side

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/search-queries/"


def stat(query):
    return QueryStat.objects.values("searches", "zero_results", "clicked").get(query=query)


def result_links(client, q):
    tree = lxml_html.fromstring(client.get("/search/", {"q": q}).content.decode())
    return [a.get("href") for a in tree.xpath('//h3[@class="result__title"]/a')]


@pytest.fixture
def staff(client):
    client.force_login(User.objects.create_superuser("staff", "staff@example.com", "pw"))
    return client


def test_searches_are_counted_per_normalised_query(client, search_engine):
    factories.product(title="电子血压计")
    search_engine.sync()
    for q in ("血压计", "  血壓計 ", "血压计"):  # spaces and traditional fold to one query
        assert client.get("/search/", {"q": q}).status_code == 200
    client.get("/search/", {"q": "火箭发动机"})
    client.get("/search/", {"q": "血压计", "page": "2"})  # paging is not a new search
    client.get("/api/search/", {"q": "血压计"})  # programs are not counted
    client.get("/search/", {"kind": "product"})  # browsing without words neither
    assert stat("血压计") == {"searches": 3, "zero_results": 0, "clicked": 0}
    assert stat("火箭发动机") == {"searches": 1, "zero_results": 1, "clicked": 0}
    assert QueryStat.objects.count() == 2


def test_a_followed_result_counts_one_click_per_search(client, search_engine):
    product = factories.product(title="电子血压计")
    search_engine.sync()
    (link,) = result_links(client, "血压计")
    assert link.startswith(f"/search/go/{product.pk}/?t=")
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == product.url
    client.get(link)  # the same search's second click
    result_links(client, "血压计")  # a search without a click
    assert stat("血压计") == {"searches": 2, "zero_results": 0, "clicked": 1}


def test_no_personal_data_is_stored(client, search_engine):
    search_engine.sync()
    user = User.objects.create_user("visitor-zhang", "zhang@example.com", "pw")
    client.force_login(user)
    client.get("/search/", {"q": "血氧仪"}, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="UA-42")
    anonymous = type(client)()
    response = anonymous.get("/search/", {"q": "血氧仪"}, REMOTE_ADDR="198.51.100.9")
    assert "sessionid" not in response.cookies  # counting opens no session
    fields = {field.name for field in QueryStat._meta.get_fields()}
    assert fields == {"id", "day", "query", "searches", "zero_results", "clicked"}
    (row,) = QueryStat.objects.values()
    stored = " ".join(str(value) for value in row.values())
    for personal in ("203.0.113.7", "198.51.100.9", "visitor-zhang", "zhang@", "UA-42"):
        assert personal not in stored
    assert row["searches"] == 2


def test_the_report_is_refused_to_editors_and_anonymous_visitors(client, search_engine):
    search_engine.sync()
    client.get("/search/", {"q": "机密搜索词"})
    anonymous = client.get(REPORT)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    side = make_side("甲", "a")
    client.force_login(side.editor)
    for url in (REPORT, REPORT + "results/", REPORT + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        assert "机密搜索词" not in response.content.decode()
    menu = client.get("/admin/").content.decode()
    assert "搜索词统计" not in menu


def test_the_report_lists_queries_by_zero_results(staff, search_engine):
    factories.product(title="电子血压计")
    search_engine.sync()
    for q in ["血压计", "测氧夹", "测氧夹", "测氧夹", "火箭发动机"]:
        staff.get("/search/", {"q": q})
    tree = lxml_html.fromstring(staff.get(REPORT).content.decode())
    rows = [
        [cell.text_content().strip() for cell in tr.xpath("td")]
        for tr in tree.xpath('//div[@id="listing-results"]//tbody/tr')
    ]
    assert [row[:4] for row in rows] == [
        ["测氧夹", "3", "3", "3"],
        ["火箭发动机", "1", "1", "1"],
        ["血压计", "0", "1", "1"],
    ]
    assert staff.get(REPORT + "results/?days=7").status_code == 200
    export = staff.get(REPORT + "?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "搜索词,搜索次数,无结果次数,无点击次数" in body and "测氧夹,3,3,3" in body


def test_a_synonym_added_from_the_report_finds_results_at_once(staff, search_engine):
    factories.product(title="指夹式脉搏血氧仪")
    search_engine.sync()
    staff.get("/search/", {"q": "测氧夹"})
    assert stat("测氧夹")["zero_results"] == 1
    tree = lxml_html.fromstring(staff.get(REPORT).content.decode())
    (add,) = tree.xpath('//a[text()="添加同义词"]/@href')
    form = lxml_html.fromstring(staff.get(add).content.decode())
    assert form.xpath('//input[@name="term"]/@value') == ["测氧夹"]

    response = staff.post(
        add, {"term": "测氧夹", "equivalents": "脉搏血氧仪", "source": "staff"}, follow=False
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Synonym.objects.filter(term="测氧夹", source="staff").exists()
    page = lxml_html.fromstring(staff.get("/search/", {"q": "测氧夹"}).content.decode())
    found = [h.text_content() for h in page.xpath('//h3[@class="result__title"]/a')]
    assert found == ["指夹式脉搏血氧仪"]
    assert "同义词：测氧夹 → 脉搏血氧仪" in page.text_content()
    tree = lxml_html.fromstring(staff.get(REPORT).content.decode())
    assert tree.xpath('//a[text()="编辑同义词"]')


def _hidden(kind):
    if kind == "draft":
        return factories.product(title="草稿血压计", live=False)
    product = factories.product(title="受限血压计")
    if kind == "private":
        PageViewRestriction.objects.create(page=product, restriction_type="login")
    elif kind == "private section":
        PageViewRestriction.objects.create(page=product.get_parent(), restriction_type="login")
    elif kind == "unpublished":
        product.unpublish()
    return product


@pytest.mark.parametrize("kind", ["draft", "private", "private section", "unpublished"])
def test_the_click_endpoint_never_leads_to_a_hidden_page(client, search_engine, kind):
    public = factories.product(title="公开血压计")
    search_engine.sync()
    (link,) = result_links(client, "血压计")
    token = link.split("?t=", 1)[1]
    hidden = _hidden(kind)
    response = client.get(f"/search/go/{hidden.pk}/?t={token}")
    assert response.status_code == 404
    assert "受限血压计" not in response.content.decode()
    assert "草稿血压计" not in response.content.decode()
    assert stat("血压计")["clicked"] == 0  # a refused click counts nothing
    assert client.get(link)["Location"] == public.url


@pytest.mark.parametrize(
    "url",
    [
        "/search/go/999999/",
        "/search/go/99999999999999999999/",
        "/search/go/0/",
        "/search/go/-1/",
        "/search/go/abc/",
        "/search/go//evil.example/",
        "/search/go/%2F%2Fevil.example/",
        "/search/go/https://evil.example/",
    ],
)
def test_the_click_endpoint_refuses_unknown_pages_and_foreign_urls(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Location" not in response


@pytest.mark.parametrize(
    "query",
    ["t=forged", "t=", "next=https://evil.example", "url=//evil.example", "t=" + "x" * 5000],
)
def test_a_bad_token_still_leads_only_to_the_public_page(client, search_engine, query):
    product = factories.product(title="公开血压计")
    response = client.get(f"/search/go/{product.pk}/?{query}")
    assert response.status_code == 302 and response["Location"] == product.url
    assert re.match(r"^/[^/\\]", response["Location"])
    assert not QueryStat.objects.exists()


def test_reviewers_read_the_report_and_add_synonyms(client, search_engine):
    from django.contrib.auth.models import Group

    from accounts.roles import REVIEWER

    reviewer = User.objects.create_user("reviewer", "reviewer@example.com", "pw")
    reviewer.groups.add(Group.objects.get(name=REVIEWER.name))
    client.force_login(reviewer)
    factories.product(title="电子血压计")
    search_engine.sync()
    client.get("/search/", {"q": "测氧夹"})
    assert "测氧夹" in client.get(REPORT).content.decode()
    assert client.get("/admin/snippets/search/synonym/add/").status_code == 200
