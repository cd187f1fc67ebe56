"""申报与协助 in the admin, on Wagtail's model views: enterprise editors
submit and follow their own requests; staff see the queue (filtered by state
and kind) and handle it. Every view looks requests up through
`AssistanceRequest.objects.for_user`, so another enterprise's request is a
404 whatever the permission policy would say."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from accounts.denials import forbidden

from . import handling
from .forms import HandlingForm, RequestForm
from .models import AssistanceRequest, RequestAttachment


class DenyWithStatusMixin:
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)


class ForUserMixin(DenyWithStatusMixin):
    """Single-object views: the object comes from the user's requests only
    (404 otherwise, before any permission check), and a permission refused
    is a 403, not Wagtail's redirect to the dashboard."""

    def dispatch(self, request, *args, **kwargs):
        get_object_or_404(self.get_queryset(), pk=unquote(str(kwargs["pk"])))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AssistanceRequest.objects.for_user(self.request.user)

    def get_base_object_queryset(self):
        return self.get_queryset()


class RequestIndexView(DenyWithStatusMixin, generic.IndexView):
    def get_base_queryset(self):
        requests = AssistanceRequest.objects.for_user(self.request.user)
        return requests.select_related("enterprise")


class SubmitRequestView(DenyWithStatusMixin, generic.CreateView):
    page_title = "提交申报"
    submit_button_label = "提交申报"

    def save_instance(self):
        instance = self.form.save(commit=False)
        handling.submit(instance, self.form.cleaned_data["attachments"], self.request.user)
        self.form.save_m2m()
        log(instance, "wagtail.create", user=self.request.user)
        return instance

    def get_success_message(self, instance):
        return f"申报已提交（第 {instance.pk} 号），状态变化时将以邮件通知。"


class HandleRequestView(ForUserMixin, generic.EditView):
    page_title = "处理申报"
    submit_button_label = "保存并通知企业"
    template_name = "assistance/admin/handle.html"

    def save_instance(self):
        instance = self.form.save()
        handling.record_change(instance, self.form.cleaned_data["reply"], self.request.user)
        log(instance, "wagtail.edit", user=self.request.user)
        return instance

    def get_success_message(self):
        state = self.object.get_state_display()
        return f"第 {self.object.pk} 号申报已更新为“{state}”，已邮件通知企业。"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **details_context(self.object, True)}


class RequestInspectView(ForUserMixin, generic.InspectView):
    template_name = "assistance/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.pk)

    def get_context_data(self, **kwargs):
        staff = self.permission_policy.user_has_permission(self.request.user, "change")
        return {**super().get_context_data(**kwargs), **details_context(self.object, staff)}


class RequestHistoryView(ForUserMixin, history.HistoryView):
    permission_required = "change"
    any_permission_required = None


class RequestUsageView(ForUserMixin, usage.UsageView):
    pass


class RequestDeleteView(ForUserMixin, generic.DeleteView):
    pass


def details_context(assistance_request, staff):
    return {
        "request_item": assistance_request,
        "products": assistance_request.products.order_by("title"),
        "attachments": assistance_request.attachments.all(),
        "changes": assistance_request.changes.select_related("changed_by"),
        "show_staff_names": staff,
    }


def download_attachment(request, pk):
    attachments = RequestAttachment.objects.filter(
        request__in=AssistanceRequest.objects.for_user(request.user)
    )
    attachment = get_object_or_404(attachments, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name)
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response


class AssistanceRequestViewSet(ModelViewSet):
    model = AssistanceRequest
    name = "assistance"
    icon = "help"
    menu_label = "申报与协助"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["__str__", "kind", "state", "enterprise", "submitted_at", "updated_at"]
    list_filter = ["state", "kind"]
    index_view_class = RequestIndexView
    add_view_class = SubmitRequestView
    edit_view_class = HandleRequestView
    inspect_view_class = RequestInspectView
    history_view_class = RequestHistoryView
    usage_view_class = RequestUsageView
    delete_view_class = RequestDeleteView

    def get_form_class(self, for_update=False):
        return HandlingForm if for_update else RequestForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("attachment/<int:pk>/", download_attachment, name="attachment"),
        ]


assistance_viewset = AssistanceRequestViewSet()
