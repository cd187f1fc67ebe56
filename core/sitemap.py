"""sitemap.xml and robots.txt: what crawlers may read, through the one rule."""

from django.apps import apps
from django.db.models import Q
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from .models import ExampleMixin
from .visibility import public_pages


def example_pages_q():
    """Pages of any content model that are flagged as synthetic."""
    q = Q(pk__in=[])
    for model in apps.get_models():
        if issubclass(model, ExampleMixin) and issubclass(model, Page):
            q |= Q(pk__in=model.objects.filter(is_example=True).values("pk"))
    return q


class PublicSitemap(Sitemap):
    """Public pages of the request's site; synthetic records stay out (their
    pages say noindex) so that no crawler takes them for official facts."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = public_pages(Page.objects.descendant_of(root, inclusive=True))
        return pages.exclude(example_pages_q()).order_by("path").defer_streamfields().specific()


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PublicSitemap})


ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /search/
Disallow: /api/search/
Disallow: /documents/

Sitemap: {sitemap}
"""


@require_GET
def robots_txt(request):
    text = ROBOTS.format(sitemap=request.build_absolute_uri("/sitemap.xml"))
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
