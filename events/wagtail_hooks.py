"""Staff side of registration: the list with export, the per-event summary
with counts, and the printable check-in list. Personal data is only here."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from events import admin_views
from events.models import Registration


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = "活动报名"
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "name",
        "organisation",
        "role",
        "phone",
        "email",
        "status",
        "reference",
        "checked_in_at",
        "created_at",
    ]
    list_filter = ["event", "status", "role"]
    search_fields = ["name", "organisation", "phone", "email", "reference"]
    list_export = [
        "event",
        "reference",
        "name",
        "organisation",
        "role",
        "phone",
        "email",
        "needs",
        "status",
        "created_at",
        "checked_in_at",
        "cancelled_at",
    ]
    export_headings = {
        "event": "活动",
        "reference": "报名编号",
        "name": "姓名",
        "organisation": "单位",
        "role": "身份",
        "phone": "联系电话",
        "email": "电子邮箱",
        "needs": "拟对接的产品或需求",
        "status": "状态",
        "created_at": "报名时间",
        "checked_in_at": "签到时间",
        "cancelled_at": "取消时间",
    }
    export_filename = "registrations"
    # Staff correct a name or mark attendance; seats move only through the
    # public form and its cancel link, which keep the waiting list right.
    form_fields = ["name", "organisation", "role", "phone", "email", "needs", "checked_in_at"]
    ordering = ["event", "created_at", "pk"]


class SummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("registrations")


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [
        path("events/registrations/", admin_views.summary, name="events_registration_summary"),
        path(
            "events/<int:event_id>/check-in/",
            admin_views.check_in_list,
            name="events_check_in_list",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_summary_menu_item():
    return SummaryMenuItem(
        "报名汇总", reverse("events_registration_summary"), icon_name="table", order=301
    )
