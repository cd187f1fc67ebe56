"""Registering for an event on a phone-sized screen, as a person would."""

import pytest

from events.models import Registration, RegistrationStatus
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_tree"),
]

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_register_on_a_phone_fix_a_mistake_then_cancel(browser, live_server):
    event = factories.event(title="慈溪医企对接会", registration_enabled=True, capacity=30)
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(live_server.url + event.url)
        page.get_by_role("link", name="在线报名").click()
        page.wait_for_url("**/register/")
        assert page.evaluate(OVERFLOW) <= 0
        trap = page.locator("#id_website").bounding_box()
        assert trap is None or trap["x"] + trap["width"] <= 0  # never on screen

        page.get_by_label("姓名").fill("王医生")
        page.get_by_label("单位").fill("慈溪市人民医院")
        page.get_by_label("医疗机构").check()
        page.get_by_label("联系电话").fill("1380000")  # too short
        page.get_by_label("电子邮箱").fill("wang@example.com")
        page.get_by_label("拟对接的产品或需求").fill("数字乳腺X射线机")
        page.get_by_label("我同意", exact=False).check()
        page.get_by_role("button", name="提交报名").click()

        alert = page.get_by_role("alert")
        assert "请输入有效的联系电话" in alert.inner_text()
        assert page.get_by_label("姓名").input_value() == "王医生"  # nothing lost
        assert page.evaluate(OVERFLOW) <= 0
        assert not Registration.objects.exists()

        page.get_by_label("联系电话").fill("13800001234")
        page.get_by_label("我同意", exact=False).check()
        page.get_by_role("button", name="提交报名").click()
        page.get_by_role("heading", name="报名成功").wait_for()
        registration = Registration.objects.get()
        assert registration.reference in page.inner_text("main")
        assert page.evaluate(OVERFLOW) <= 0

        page.get_by_role("button", name="取消报名").click()
        page.get_by_role("heading", name="报名已取消").wait_for()
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CANCELLED
        assert errors == []
    finally:
        context.close()
