from django.conf import settings
from django.http import Http404
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as serve_document

from core.language import switch_language
from core.sitemap import robots_txt, sitemap


def serve_stored_document(request, document_id, document_filename):
    """Wagtail's document view, with Wagtail's privacy checks; a file gone from
    storage (the disk or an object-storage bucket) is a 404, never a 500."""
    try:
        return serve_document(request, document_id, document_filename)
    except FileNotFoundError as missing:
        raise Http404("文件不存在或已被删除。") from missing


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("language/<str:language>/", switch_language, name="switch_language"),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/<int:document_id>/<path:document_filename>",
        serve_stored_document,
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("config.api_urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every page not matched above; it must stay last.
urlpatterns += [path("", include("events.urls")), path("", include(wagtail_urls))]
