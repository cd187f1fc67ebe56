"""The search vocabulary in the admin, as a snippet staff edit directly."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "搜索同义词"
    add_to_admin_menu = True
    list_display = ["term", "equivalents", "two_way", "source", "updated_at"]
    list_filter = ["source", "two_way"]
    search_fields = ["term", "equivalents"]
    panels = [
        FieldPanel("term"),
        FieldPanel("equivalents"),
        FieldPanel("two_way"),
        FieldPanel("source"),
    ]


register_snippet(SynonymViewSet)
