"""Event facts shown on other apps' pages, through the one visibility rule."""

from django import template

from core.visibility import public_ids

register = template.Library()


@register.simple_tag
def events_presenting(page):
    """Public events at which this enterprise or product was presented."""
    return list(page.presented_at_events.all().for_public().order_by("-starts_at"))


@register.simple_tag
def public_events_of(records):
    """{record pk: event} for the records whose event the public may see."""
    records = [record for record in records if record.event_id]
    visible = public_ids({record.event_id for record in records})
    return {record.pk: record.event for record in records if record.event_id in visible}


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
