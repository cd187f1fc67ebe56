"""Admin wiring: the 邀请企业用户 action, and enterprise editors kept to
their own enterprise in choosers and listings Wagtail does not filter."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from core.visibility import public_pages
from directory.models import EnterprisePage

from . import two_factor_views, views
from .dashboard import EnterprisePanel
from .middleware import enterprise_paths
from .reports import CertificateReportMenuItem, ExpiringCertificatesView
from .roles import INVITE_PERMISSION
from .two_factor import may_use_two_factor


@hooks.register("register_admin_urls")
def register_invite_url():
    return [
        path(
            "accounts/invite/<int:page_id>/",
            views.invite_enterprise_user,
            name="accounts_invite_enterprise_user",
        ),
        path("two-factor/", two_factor_views.setup, name="accounts_two_factor"),
        path("two-factor/verify/", two_factor_views.verify, name="accounts_two_factor_verify"),
        path(
            "reports/certificates/",
            ExpiringCertificatesView.as_view(),
            name="accounts_certificate_report",
        ),
        path(
            "reports/certificates/results/",
            ExpiringCertificatesView.as_view(results_only=True),
            name="accounts_certificate_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def certificate_report_menu_item():
    return CertificateReportMenuItem(
        "证照到期",
        reverse("accounts_certificate_report"),
        name="certificates",
        icon_name="date",
        order=1200,
    )


@hooks.register("register_page_header_buttons")
def invite_button(page, user, view_name=None, next_url=None):
    if page.specific_class is EnterprisePage and user.has_perm(INVITE_PERMISSION):
        yield Button(
            "邀请企业用户",
            reverse("accounts_invite_enterprise_user", args=[page.pk]),
            icon_name="user",
            priority=60,
        )


@hooks.register("construct_page_chooser_queryset")
def page_chooser_for_enterprise_editors(pages, request):
    """Public pages, plus the editor's own drafts; never another enterprise's."""
    paths = enterprise_paths(request.user)
    if paths is None:
        return pages
    own = pages.none()
    for enterprise_path in paths:
        own = own | pages.filter(path__startswith=enterprise_path)
    return public_pages(pages) | own


@hooks.register("construct_homepage_panels")
def enterprise_dashboard_panel(request, panels):
    if enterprise_paths(request.user) is not None:
        panels.insert(0, EnterprisePanel(request.user))


class TwoFactorMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_two_factor(request.user)


@hooks.register("register_admin_menu_item")
def two_factor_menu_item():
    return TwoFactorMenuItem(
        "双重认证", reverse("accounts_two_factor"), name="two-factor", icon_name="key", order=10000
    )
