from django import template

from accounts.models import PublicUpdate

register = template.Library()


@register.simple_tag
def public_updates(page, limit=20):
    """The latest lines of a page's 更新记录 (only published changes exist)."""
    return list(PublicUpdate.objects.filter(page_id=page.pk)[:limit])
