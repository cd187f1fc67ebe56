"""Enterprise self-service end to end in Chromium: an editor accepts an
invitation, sets a password, changes the phone number (public at once, in
更新记录) and a product's 适用范围 (not public), submits it; a reviewer
compares it with the live version and approves; the public page and search
show the change."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from accounts import invitations, roles
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_tree"),
]
PASSWORD = "Zhongshan-2026-editor"


@pytest.fixture
def fresh_page(browser):
    """Pages in contexts of their own (another user, a visitor with an empty
    cache), closed before the live server stops."""
    contexts = []

    def make():
        contexts.append(browser.new_context(locale="zh-CN"))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, base, username, password):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def click_hidden_action(page, selector):
    """Buttons folded into the editor's action menu, clicked as a user would
    after opening it; returns when the next page has loaded."""
    with page.expect_navigation():
        page.locator(selector).first.dispatch_event("click")


def save_draft(page):
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()


def test_editor_changes_reviewer_approves_public_sees(page, fresh_page, live_server):
    roles.apply_roles(apps)  # transactional tests flush what migrations made
    base = live_server.url
    enterprise = factories.enterprise(
        title="浏览器测试医疗器械有限公司", contact_phone="0760-1111111"
    )
    product = factories.product(
        enterprise, title="浏览器测试血氧仪", intended_use="用于成人血氧监测"
    )
    reviewer = User.objects.create_user("shenheyuan", "r@example.test", "Reviewer-2026-pass")
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWER.name))

    invitation = invitations.invite("editor@example.test", enterprise)
    link = invitations.link_for(invitation)
    page.goto(base + re.sub(r"^https?://[^/]+", "", link))
    page.fill("input[name=new_password1]", PASSWORD)
    page.fill("input[name=new_password2]", PASSWORD)
    page.get_by_role("button", name="设置密码").click()
    page.wait_for_url(re.compile(r"/admin/login/"))
    sign_in(page, base, "editor@example.test", PASSWORD)

    page.goto(f"{base}/admin/pages/{enterprise.pk}/edit/")
    page.fill("#id_contact_phone", "0760-2222222")
    save_draft(page)
    public = fresh_page()
    public.goto(base + enterprise.url)
    body = public.content()
    assert "0760-2222222" in body and "更新记录" in body and "企业自行更新" in body

    page.goto(f"{base}/admin/pages/{product.pk}/edit/")
    page.fill("#id_intended_use", "用于成人及儿童血氧监测")
    save_draft(page)
    click_hidden_action(page, "button[name=action-submit]")
    public.goto(base + product.url)
    assert "用于成人血氧监测" in public.content() and "儿童" not in public.content()

    reviewer_page = fresh_page()
    sign_in(reviewer_page, base, "shenheyuan", "Reviewer-2026-pass")
    reviewer_page.goto(f"{base}/admin/pages/{product.pk}/revisions/compare/live...latest/")
    comparison = reviewer_page.content()
    assert "用于成人血氧监测" in comparison and "儿童" in comparison
    reviewer_page.goto(f"{base}/admin/pages/{product.pk}/edit/")
    approve = 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    click_hidden_action(reviewer_page, approve)
    reviewer_page.wait_for_timeout(2000)
    assert "已被更新" in reviewer_page.locator(".messages").inner_text()

    public = fresh_page()  # a visitor who never saw the old page

    public.goto(base + product.url)
    assert "用于成人及儿童血氧监测" in public.content() and "经工作人员审核" in public.content()
    public.goto(base + "/search/?q=" + "儿童血氧")
    assert "浏览器测试血氧仪" in public.content()
