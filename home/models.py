from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

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

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """Find a descendant by its URL path in two queries rather than two per
        level; a path that names no page (a catalog's download route, a typo)
        takes Wagtail's usual walk down the tree."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = Page.objects.filter(url_path=url_path).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One look at the view restrictions for every list below (`.public()` looks each time).
        private = Page.objects.all().private_q()
        context["featured_catalogs"] = [
            item.catalog
            for item in self.featured_catalogs.select_related("catalog")
            if item.catalog.live
        ]
        context["first_set_products"] = (
            ProductPage.objects.live()
            .exclude(private)
            .filter(recognitions__isnull=False)
            .distinct()
            .order_by("-first_published_at")[:6]
        )
        context["upcoming_events"] = (
            EventPage.objects.live()
            .exclude(private)
            .filter(ends_at__gte=timezone.now())
            .order_by("starts_at")[:4]
        )
        context["counts"] = {
            "enterprises": EnterprisePage.objects.live().exclude(private).count(),
            "products": ProductPage.objects.live().exclude(private).count(),
            "catalogs": CatalogPage.objects.live().exclude(private).count(),
        }
        return context


class HomeFeaturedCatalog(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_catalogs")
    catalog = models.ForeignKey(
        "directory.CatalogPage", verbose_name="目录", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("catalog")]
