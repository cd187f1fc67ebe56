import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests import factories
from tests.search.conftest import elasticsearch_url, search_engine  # noqa: F401


def restrict(page, kind=PageViewRestriction.PASSWORD):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get_or_create(name="内部")[0])
    return restriction


@pytest.fixture
def leaky_catalog():
    """A live catalog listing one public product and one public enterprise, and
    every kind of page the public must not see: a draft, a live product under
    an unpublished enterprise, a password-protected product, a product of a
    login-restricted enterprise, and that enterprise itself."""
    enterprise = factories.enterprise(title="公开企业")
    public = factories.product(enterprise, title="公开产品", registration_no="粤械注准20202060011")
    draft = factories.product(enterprise, title="草稿产品")
    draft.unpublish()
    hidden_enterprise = factories.enterprise(title="未发布企业")
    orphan = factories.product(hidden_enterprise, title="未发布企业的产品")
    hidden_enterprise.unpublish()
    password = factories.product(enterprise, title="密码保护产品")
    restrict(password)
    members = factories.enterprise(title="仅限登录企业")
    members_product = factories.product(members, title="仅限登录企业的产品")
    restrict(members, PageViewRestriction.LOGIN)
    other = factories.enterprise(title="公开的另一企业")
    catalog = factories.catalog(
        title="泄露检查目录",
        entries=[public, draft, orphan, password, members_product, members, other],
    )
    return {
        "catalog": catalog,
        "enterprise": enterprise,
        "public": public,
        "other": other,
        "hidden": [draft, orphan, password, members_product, members, hidden_enterprise],
        "hidden_titles": [
            "草稿产品",
            "未发布企业",
            "密码保护产品",
            "仅限登录企业",
        ],
    }
