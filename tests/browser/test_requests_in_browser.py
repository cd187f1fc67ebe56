"""申报与协助 in Chromium: an enterprise editor submits a request about a
product with an attachment; a reviewer finds it in the queue, accepts it with
a reply; the enterprise is mailed and sees the state and the reply on its
dashboard."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import mail

from accounts import invitations, roles
from assistance.models import AssistanceRequest
from tests import factories
from tests.browser.test_self_service_in_browser import fresh_page, sign_in  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_tree"),
]


def submit(page, label):
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_a_request_is_submitted_handled_and_answered(page, fresh_page, live_server):  # noqa: F811
    roles.apply_roles(apps)  # transactional tests flush what migrations made
    base = live_server.url
    enterprise = factories.enterprise(title="申报测试有限公司")
    product = factories.product(enterprise, title="申报测试监护仪")
    invitation = invitations.invite("applicant@example.test", enterprise)
    invitations.accept(invitation, "Applicant-2026-pass")
    reviewer = User.objects.create_user("shenhe2", "r2@example.test", "Reviewer-2026-pass")
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWER.name))

    sign_in(page, base, "applicant@example.test", "Applicant-2026-pass")
    page.get_by_role("link", name="提交申报").click()
    page.select_option("#id_kind", label="省平台挂网协助")
    page.get_by_label(product.title).check()
    page.fill("#id_message", "请协助办理省平台挂网。")
    page.set_input_files(
        "input[name=attachments]",
        {"name": "挂网申请表.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n"},
    )
    submit(page, "提交申报")
    assert "申报已提交" in page.content()
    request = AssistanceRequest.objects.get()
    assert list(request.products.all()) == [product] and request.attachments.count() == 1

    staff = fresh_page()
    sign_in(staff, base, "shenhe2", "Reviewer-2026-pass")
    staff.goto(base + "/admin/assistance/?state=submitted")
    with staff.expect_navigation():
        staff.get_by_role("link", name=str(request)).click()
    assert "挂网申请表.pdf" in staff.content() and "请协助办理省平台挂网" in staff.content()
    staff.select_option("#id_state", label="已受理")
    staff.fill("#id_reply", "已受理，将于五个工作日内联系贵企业。")
    submit(staff, "保存并通知企业")
    assert "已邮件通知企业" in staff.content()

    assert [message.to for message in mail.outbox] == [["applicant@example.test"]]
    assert "已受理" in mail.outbox[0].subject and "五个工作日" in mail.outbox[0].body
    page.goto(base + "/admin/")
    panel = page.locator("#assistance-panel-heading").locator("xpath=../..").inner_text()
    assert "已受理" in panel and "五个工作日" in panel
