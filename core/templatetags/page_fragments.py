"""`{% page_fragment "name" %}…{% end_page_fragment %}`: a part of a page's own
view, rendered once per content version.

The anonymous page cache (`core.page_cache`) serves whole responses to
visitors without a session; this serves everyone else (signed-in staff,
enterprise editors, every query string) from the same rendering. Its key
carries the content version, so any change announced through the one change
hook (`core.changes`) makes the next request render afresh; nothing is purged
by hand. A preview, a sub-route of the page (registration form, download,
calendar) and any request but GET or HEAD always render afresh: a draft never
lands in the cache, and a form's CSRF token never leaves it. A page whose view
shows state that changes without a publish (`shows_live_state`, such as an
event's free seats) skips the base template's "main" fragment and caches its
own fragments around that state.
"""

import hashlib
from urllib.parse import unquote

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.page_cache import CACHE_SECONDS
from core.visibility import current_version

register = template.Library()
MAIN = "main"  # the base template's fragment around the content block


def fragment_key(name, request, page):
    """The cache key of fragment `name` of `page` as `request` asks for it, or
    None when this rendering must not be shared."""
    version = current_version()
    if version is None:
        return None
    if request is None or page is None or not getattr(page, "pk", None):
        return None
    if name == MAIN and getattr(page, "shows_live_state", False):
        return None
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    url_parts = page.get_url_parts(request=request)
    if not url_parts or unquote(url_parts[2]) != request.path:
        return None
    parts = (name, version, page.pk, get_language(), request.get_full_path())
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"page-fragment:{digest}"


class PageFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        key = fragment_key(self.name, context.get("request"), context.get("page"))
        if key is None:
            return self.nodelist.render(context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


@register.tag
def page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("page_fragment takes one argument: a quoted name")
    nodelist = parser.parse(("end_page_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(bits[1].strip("\"'"), nodelist)
