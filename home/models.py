from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from core.visibility import PublicPageManager, hidden_q, routable_pages
from directory.models import CatalogPage, EnterprisePage, ProductPage
from events.models import EventPage


class HomePage(Page):
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
            page = routable_pages(Page.objects.filter(url_path=url_path)).specific().first()
            if page is not None:
                return page.route(request, [])
        result = super().route(request, path_components)
        # Wagtail's walk checks only that the page it ends on is live.
        if not routable_pages(Page.objects.filter(pk=result.page.pk)).exists():
            raise Http404
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The rule's hidden subtrees, looked up once for every list below.
        hidden = hidden_q()
        featured = CatalogPage.objects.exclude(hidden).filter(
            pk__in=self.featured_catalogs.values("catalog_id")
        )
        order = {item.catalog_id: item.sort_order for item in self.featured_catalogs.all()}
        context["featured_catalogs"] = sorted(featured, key=lambda page: order[page.pk])
        context["first_set_products"] = (
            ProductPage.objects.exclude(hidden).first_set().order_by("-first_published_at")[:6]
        )
        context["upcoming_events"] = EventPage.objects.exclude(hidden).upcoming()[:4]
        context["counts"] = {
            "enterprises": EnterprisePage.objects.exclude(hidden).count(),
            "products": ProductPage.objects.exclude(hidden).count(),
            "catalogs": CatalogPage.objects.exclude(hidden).count(),
        }
        return context


class HomeFeaturedCatalog(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_catalogs")
    catalog = models.ForeignKey(
        "directory.CatalogPage", verbose_name="目录", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("catalog")]
