"""Staff edit pages in the Wagtail admin; bad values come back with the field named."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory.models import DirectoryIndexPage, EnterprisePage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(User.objects.create_superuser("staff", "staff@example.com", "pw"))
    return client


def test_every_page_type_opens_in_the_editor(staff):
    product = factories.product()
    pages = [
        product,
        product.get_parent(),
        factories.catalog(entries=[product]),
        factories.event(),
        *Page.objects.filter(depth__in=[2, 3]),
    ]
    for page in pages:
        response = staff.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def enterprise_form(**fields):
    data = {
        "title": "后台新建企业有限公司",
        "slug": "admin-made",
        "credit_code": factories.credit_code(),
        "region": "中山市",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def test_the_editor_refuses_a_bad_credit_code_and_names_the_field(staff):
    parent = DirectoryIndexPage.objects.get()
    url = f"/admin/pages/add/directory/enterprisepage/{parent.pk}/"
    code = factories.credit_code()
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = staff.post(url, enterprise_form(credit_code=bad))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "统一社会信用代码校验位错误" in errors["credit_code"][0]
    assert not EnterprisePage.objects.filter(slug="admin-made").exists()

    response = staff.post(url, enterprise_form(credit_code=code.lower()))
    assert response.status_code == 302
    assert EnterprisePage.objects.get(slug="admin-made").credit_code == code
