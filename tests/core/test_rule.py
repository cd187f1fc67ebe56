"""The visibility rule itself, and that nothing public queries pages its own way."""

import pathlib
import re

import pytest
from wagtail.models import PageViewRestriction

from core.visibility import is_public, public_pages
from directory.models import ProductPage
from home.models import HomeFeaturedCatalog, HomePage
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = [p for p in ROOT.iterdir() if (p / "apps.py").exists() or (p / "models.py").exists()]


def test_live_page_under_an_unpublished_or_private_ancestor_is_hidden():
    draft_enterprise = factories.enterprise(live=False)
    orphan = factories.product(parent=draft_enterprise)
    shown = factories.product()
    assert orphan.live and not is_public(orphan)
    assert is_public(shown)
    assert list(ProductPage.objects.for_public()) == [shown]
    PageViewRestriction.objects.create(
        page=shown.get_parent().get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert not public_pages(ProductPage.objects.all()).exists()


def test_home_page_does_not_feature_a_login_restricted_catalog(client):
    open_catalog = factories.catalog(title="公开推荐目录")
    closed = factories.catalog(title="仅登录可见目录")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    home = HomePage.objects.get()
    for catalog in (open_catalog, closed):
        HomeFeaturedCatalog.objects.create(page=home, catalog=catalog)
    html = client.get("/").content.decode()
    assert "公开推荐目录" in html
    assert "仅登录可见目录" not in html


def test_rich_text_link_to_a_hidden_page_renders_as_plain_text(client):
    hidden = factories.product(title="草稿产品", live=False)
    shown = factories.product(title="公开产品")
    enterprise = factories.enterprise(
        description=(
            f'<p>见<a linktype="page" id="{hidden.pk}">草稿链接</a>与'
            f'<a linktype="page" id="{shown.pk}">公开链接</a></p>'
        )
    )
    html = client.get(enterprise.url).content.decode()
    assert "草稿链接" in html and "公开链接" in html
    assert f'href="{shown.url}"' in html
    assert hidden.url not in html
    assert "linktype" not in html and f'id="{hidden.pk}"' not in html


# Querying pages' publication or privacy directly, bypassing core.visibility.
BYPASS = re.compile(r"\.live\(\)|\.public\(\)|private_q|[(,]\s*live=True|__live=")


def test_no_module_decides_for_itself_what_is_public():
    offenders = []
    for app in APPS:
        for path in app.rglob("*.py"):
            if "migrations" in path.parts or path.parent.name == "core":
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if BYPASS.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("site_tree")
def test_rule_follows_each_committed_change():
    product = factories.product()
    assert is_public(product)
    product.get_parent().specific.unpublish()
    assert not is_public(product)
    PageViewRestriction.objects.create(
        page=product.get_parent().get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    other = factories.enterprise()
    assert not is_public(other)
