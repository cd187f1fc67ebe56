from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from directory.admin_views import IMPORT_PERMISSION, import_view
from directory.importing.writing import LOG_ACTION
from directory.models import CatalogEntry


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("directory/import/", import_view, name="directory_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem("导入目录", reverse("directory_import"), icon_name="upload", order=250)


class CatalogEntryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("catalog", "enterprise", "product")


class CatalogEntryViewSet(ModelViewSet):
    """Catalog lines, editable one by one; whole catalogs arrive by import."""

    model = CatalogEntry
    index_view_class = CatalogEntryIndexView
    icon = "list-ol"
    menu_label = "目录条目"
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "__str__",
        "catalog",
        Column("review", label="审核状态", accessor="get_review_display"),
        "sort_order",
        "note",
    ]
    list_filter = ["catalog", "review"]
    form_fields = ["catalog", "enterprise", "product", "sort_order", "note"]
    ordering = ["catalog", "sort_order", "pk"]


@hooks.register("register_admin_viewset")
def register_catalog_entry_viewset():
    return CatalogEntryViewSet("catalog_entries")


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class ImportedFormatter(LogFormatter):
        label = "导入"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"导入自 {data.get('file', '')}，操作人 {data.get('user', '')}"
