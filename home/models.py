import functools

from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from core.models import RuleRestrictionsMixin
from core.visibility import PublicPageManager, find_routable, routable_pages
from directory.models import CatalogPage, EnterprisePage, ProductPage
from events.models import EventPage


class HomePage(RuleRestrictionsMixin, Page):
    """The front door: one search box, then what is new and what is coming."""

    introduction = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("featured_catalogs", label="推荐目录", max_num=6),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    objects = PublicPageManager()

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """Find a descendant by its URL path in a few queries rather than two
        per level, and only under live ancestors (a product of an unpublished
        enterprise is not served). A path that names no page (a catalog's
        download route, a typo) takes Wagtail's usual walk down the tree."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = find_routable(url_path)
            if page is not None:
                return page.route(request, [])
        result = super().route(request, path_components)
        # Wagtail's walk checks only that the page it ends on is live.
        if not routable_pages(Page.objects.filter(pk=result.page.pk)).exists():
            raise Http404
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Callables: the template asks for them only when the page fragment is
        # not cached already (core/templatetags/page_fragments.py).
        context["featured_catalogs"] = functools.cache(self.featured_in_order)
        context["first_set_products"] = functools.cache(
            lambda: ProductPage.objects.for_public().first_set().order_by("-first_published_at")[:6]
        )
        context["upcoming_events"] = functools.cache(
            lambda: EventPage.objects.for_public().upcoming()[:4]
        )
        context["counts"] = functools.cache(self.public_counts)
        return context

    def featured_in_order(self):
        featured = CatalogPage.objects.for_public().filter(
            pk__in=self.featured_catalogs.values("catalog_id")
        )
        order = {item.catalog_id: item.sort_order for item in self.featured_catalogs.all()}
        return sorted(featured, key=lambda page: order[page.pk])

    @staticmethod
    def public_counts():
        return {
            "enterprises": EnterprisePage.objects.for_public().count(),
            "products": ProductPage.objects.for_public().count(),
            "catalogs": CatalogPage.objects.for_public().count(),
        }


class HomeFeaturedCatalog(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_catalogs")
    catalog = models.ForeignKey(
        "directory.CatalogPage", verbose_name="目录", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("catalog")]
