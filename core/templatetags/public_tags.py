"""Tags for what machines read from a public page: canonical URL and JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe

from core.structured_data import structured_data

register = template.Library()
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's one address: the site's own host, only the `page` parameter kept."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
    elif request is not None:
        url = request.build_absolute_uri(request.path)
    else:
        return ""
    number = request.GET.get("page", "") if request is not None else ""
    if number.isdigit() and int(number) > 1:
        url += f"?page={int(number)}"
    return url


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """A schema.org description of `page`, or nothing for synthetic records
    (placeholders must not be harvested as facts)."""
    data = structured_data(page, context.get("request"), context)
    if not data:
        return ""
    # As Django's json_script: no "<", ">" or "&" can end the element early.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
