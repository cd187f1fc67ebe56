"""The catalog's edit form shows the entries awaiting its review, so the
reviewer who approves the page knows which entries it adds and removes."""

from wagtail.admin.panels import Panel


class ProposedEntriesPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/proposed_entries_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.entries = []
            if self.instance is not None and self.instance.pk:
                self.entries = list(
                    self.instance.entries.awaiting_review()
                    .select_related("product", "enterprise")
                    .order_by("sort_order", "pk")
                )

        def is_shown(self):
            return bool(self.entries)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["entries"] = self.entries
            return context
