"""The enterprise editor's dashboard panel: their pages, what waits for
review and what reviewers said."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from directory.models.product import validity_note

from .certificates import expiring_certificates
from .models import EnterpriseAccess


class UserPanel(Component):
    """A dashboard panel about what one user may see."""

    def __init__(self, user):
        self.user = user


class EnterprisePanel(UserPanel):
    name = "enterprise_panel"
    template_name = "accounts/admin/enterprise_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        enterprises = [
            access.enterprise
            for access in EnterpriseAccess.objects.for_user(self.user).select_related("enterprise")
        ]
        pages = Page.objects.none()
        for enterprise in enterprises:
            pages = pages | Page.objects.descendant_of(enterprise, inclusive=True)
        reviews = (
            TaskState.objects.filter(workflow_state__base_content_type__isnull=False)
            .filter(
                workflow_state__object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
            )
            .select_related("workflow_state", "task")
            .order_by("-started_at")[:20]
        )
        titles = dict(pages.values_list("pk", "draft_title"))
        today = timezone.localdate()
        expiring = expiring_certificates(today).filter(pk__in=pages.values("pk"))
        return {
            "expiring": [
                {"page": page, "note": validity_note(page.valid_until, today)} for page in expiring
            ],
            "enterprises": enterprises,
            "pages": pages.order_by("path"),
            "reviews": [
                {
                    "page_id": int(state.workflow_state.object_id),
                    "title": titles.get(int(state.workflow_state.object_id), ""),
                    "status": state.get_status_display(),
                    "comment": state.comment,
                    "when": state.finished_at or state.started_at,
                }
                for state in reviews
            ],
        }
