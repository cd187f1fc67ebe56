import datetime

import pytest
from wagtail.models import PageViewRestriction

from directory.models import FirstUseRecord
from events.models import EventFollowUp, EventPage
from tests import factories

pytestmark = pytest.mark.django_db


def presenting(event, enterprises=(), products=()):
    event = EventPage.objects.get(pk=event.pk)
    event.enterprises.set(enterprises)
    event.products.set(products)
    event.save_revision().publish()
    return event


def html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_event_names_what_was_presented_and_their_pages_name_the_event(client):
    maker = factories.enterprise(title="宁波杜比医疗科技有限公司")
    device = factories.product(maker, title="数字乳腺X射线机")
    event = presenting(factories.event(title="慈溪医企对接会"), [maker], [device])
    page = html(client, event)
    assert "宁波杜比医疗科技有限公司" in page and "数字乳腺X射线机" in page
    assert "慈溪医企对接会" in html(client, maker)
    assert "慈溪医企对接会" in html(client, device)


def test_hidden_pages_never_show_through_an_event(client, site_tree):
    draft_maker = factories.enterprise(title="草稿企业", live=False)
    private_product = factories.product(title="内部产品")
    PageViewRestriction.objects.create(
        page=private_product, restriction_type=PageViewRestriction.LOGIN
    )
    shown = factories.product(title="公开产品")
    event = presenting(factories.event(), [draft_maker], [private_product, shown])
    page = html(client, event)
    assert "公开产品" in page and "草稿企业" not in page and "内部产品" not in page
    draft_event = presenting(factories.event(title="草稿里的对接会"), [], [shown])
    EventPage.objects.get(pk=draft_event.pk).unpublish()
    assert "草稿里的对接会" not in html(client, shown)


def test_event_shows_its_first_use_outcomes_and_products_name_the_event(client):
    event = factories.event(
        title="2020年医企对接会", starts_at=datetime.datetime(2020, 11, 5, 1, tzinfo=datetime.UTC)
    )
    products = [factories.product(title=f"对接产品{n}") for n in range(3)]
    hospitals = [factories.hospital(title=f"慈溪市第{n + 1}人民医院") for n in range(3)]
    for product, hospital in zip(products, hospitals, strict=True):
        FirstUseRecord.objects.create(
            page=product,
            hospital=hospital,
            event=event,
            started_on=datetime.date(2021, 3, 1),
        )
    FirstUseRecord.objects.create(page=products[0], hospital=hospitals[0], event=event)
    hidden = factories.product(title="未公开产品", live=False)
    hidden_hospital = factories.hospital(title="不应出现的医院")
    FirstUseRecord.objects.create(page=hidden, hospital=hidden_hospital, event=event)
    EventFollowUp.objects.create(page=event, description="与3家医院开展后续对接洽谈")
    page = html(client, event)
    assert "3 家医疗机构首试首用" in page
    assert "不应出现的医院" not in page and "未公开产品" not in page
    assert "与3家医院开展后续对接洽谈" in page
    product_page = html(client, products[1])
    assert "促成活动" in product_page and "2020年医企对接会" in product_page


def test_product_does_not_link_a_hidden_event(client):
    event = factories.event(title="已撤下的对接会")
    product = factories.product()
    FirstUseRecord.objects.create(
        page=product, hospital=factories.hospital(title="某医院"), event=event
    )
    EventPage.objects.get(pk=event.pk).unpublish()
    page = html(client, product)
    assert "某医院" in page and "已撤下的对接会" not in page
