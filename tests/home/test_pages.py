import datetime

import pytest
from wagtail.models import Page

from directory.choices import RecognitionKind
from directory.models import FirstSetRecognition
from home.models import HomeFeaturedCatalog, HomePage
from tests import factories

pytestmark = pytest.mark.django_db


def test_home_page_shows_search_counts_catalogs_products_and_events(client):
    home = HomePage.objects.get()
    product = factories.product(title="数字乳腺X射线机")
    FirstSetRecognition.objects.create(page=product, kind=RecognitionKind.FIRST_SET, level="city")
    catalog = factories.catalog(
        title="2022年度中山优质产品推荐目录",
        published_on=datetime.date(2022, 11, 1),
        valid_until=datetime.date(2025, 10, 31),
    )
    HomeFeaturedCatalog.objects.create(page=home, catalog=catalog)
    factories.event(title="年度医企对接会")

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html
    assert "<strong>1</strong>家企业" in html
    assert "<strong>1</strong>个产品" in html
    assert "<strong>1</strong>份目录" in html
    for fact in ["2022年度中山优质产品推荐目录", "已过期", "数字乳腺X射线机", "年度医企对接会"]:
        assert fact in html, fact
    for section in ["/enterprises/", "/catalogs/", "/events/"]:
        assert f'href="{section}"' in html
    assert 'lang="zh-hans"' in html


def test_home_page_query_count_stays_small(client, django_assert_max_num_queries):
    product = factories.product()
    FirstSetRecognition.objects.create(page=product, kind=RecognitionKind.FIRST_SET, level="city")
    factories.event()
    client.get("/")
    # Wagtail's .public() reads the view restrictions once per queryset: five of these.
    with django_assert_max_num_queries(16):
        assert client.get("/").status_code == 200


def test_unknown_address_gives_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_500_template_needs_no_context():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "服务暂时不可用" in html


def test_breadcrumbs_follow_the_ancestors(client):
    enterprise = factories.enterprise(title="面包屑企业")
    product = factories.product(parent=enterprise, title="面包屑产品")
    html = client.get(product.url).content.decode()
    crumbs = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))
    ]
    assert ">首页<" in crumbs
    assert Page.objects.get(slug="enterprises").title in crumbs
    assert "面包屑企业" in crumbs and "面包屑产品" in crumbs
