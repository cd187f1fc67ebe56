"""Panels for facts that staff own: editable with a permission, shown
read-only without it. A field or formset missing from a user's form is never
saved from what they post (Wagtail's permissioned forms drop it)."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel

# Held by staff reviewers (accounts.roles); enterprise editors lack it.
STAFF_OWNED_PERMISSION = "accounts.edit_staff_owned_fields"


def _may_edit(request, permission):
    return request is None or request.user.has_perm(permission)


class StaffOwnedFieldPanel(FieldPanel):
    """A field only staff can change; others see its value."""

    def __init__(self, field_name, permission=STAFF_OWNED_PERMISSION, **kwargs):
        kwargs.pop("read_only", None)
        super().__init__(field_name, permission=permission, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("read_only", None)
        return kwargs

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                self.read_only = True
                self.heading = self.panel.heading or self.panel.db_field.verbose_name
                self.help_text = "由工作人员维护，如需更正请联系平台。"

        def is_shown(self):
            return self.read_only or super().is_shown()


class StaffOwnedInlinePanel(InlinePanel):
    """Inline records only staff can change; others see them as a list.
    Pair with `StaffOwnedFormsetsForm`, which drops the formset."""

    def __init__(self, relation_name, permission=STAFF_OWNED_PERMISSION, **kwargs):
        super().__init__(relation_name, **kwargs)
        self.permission = permission

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "permission": self.permission}

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if form is not None and self.relation_name not in form.formsets:
            return self.ReadOnlyBoundPanel(
                panel=self, instance=instance, request=request, form=form, prefix=prefix
            )
        return super().get_bound_panel(instance, request, form, prefix)

    class ReadOnlyBoundPanel(Panel.BoundPanel):
        template_name = "core/panels/read_only_rows.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            manager = getattr(self.instance, self.panel.relation_name)
            names = [child.field_name for child in self.panel.child_edit_handler.children]
            context["rows"] = [_describe(row, names) for row in manager.all()]
            return context


def _describe(row, names):
    """'认定类型：首台（套）；认定日期：2023-01-01' for one inline record."""
    parts = []
    for name in names:
        display = getattr(row, f"get_{name}_display", None)
        value = display() if display else getattr(row, name)
        if value not in (None, ""):
            parts.append(f"{row._meta.get_field(name).verbose_name}：{value}")
    return "；".join(parts)


class StaffOwnedFormsetsForm(WagtailAdminPageForm):
    """Drops the formsets of `StaffOwnedInlinePanel`s for users without the
    permission, so posted rows are ignored and the saved ones kept."""

    staff_owned_formsets = {}  # relation name -> permission

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request_user = self.for_user
        for relation, permission in self.staff_owned_formsets.items():
            if request_user is not None and not request_user.has_perm(permission):
                self.formsets.pop(relation, None)
