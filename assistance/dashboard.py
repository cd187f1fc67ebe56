"""The enterprise editor's dashboard: their requests, each with its state
and the latest reply."""

from django.db.models import Prefetch

from accounts.dashboard import UserPanel

from .models import AssistanceRequest, RequestChange


class RequestsPanel(UserPanel):
    name = "assistance_requests"
    template_name = "assistance/admin/requests_panel.html"
    order = 60

    def get_context_data(self, parent_context=None):
        replies = RequestChange.objects.exclude(reply="")
        requests = (
            AssistanceRequest.objects.for_user(self.user)
            .select_related("enterprise")
            .prefetch_related(Prefetch("changes", queryset=replies, to_attr="replies"))[:20]
        )
        return {"requests": requests}
