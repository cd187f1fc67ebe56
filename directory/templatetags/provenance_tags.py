"""`{% fact record "field" %}` and `{% provenance record %}`: a record's facts
with their standing. A placeholder date reads as its note (原文未载明…), never
as a date; any other placeholder value carries a 占位 badge with its note."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"


def placeholder_note(record, field_name):
    return (getattr(record, "placeholders", None) or {}).get(field_name, "")


def _display(value, date_format):
    if isinstance(value, datetime.datetime):
        return format_date(timezone.localtime(value), date_format or DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return format_date(value, date_format or DATE_FORMAT)
    return "" if value is None else str(value)


@register.simple_tag
def fact(record, field_name, date_format=""):
    """The field's value as the page shows it, marked when it is a placeholder."""
    value = getattr(record, field_name, None)
    note = placeholder_note(record, field_name)
    if note and isinstance(value, datetime.date):
        return format_html('<em class="unstated">{}</em>', note)
    return format_html("{}{}", _display(value, date_format), placeholder_badge(record, field_name))


@register.simple_tag
def placeholder_badge(record, field_name):
    """' 占位' with its note when the field is a placeholder, else nothing."""
    note = placeholder_note(record, field_name)
    if not note:
        return ""
    return format_html(
        ' <span class="badge badge--placeholder" title="{}">占位</span>'
        '<span class="visually-hidden">（{}）</span>',
        note,
        note,
    )


@register.filter
def is_placeholder(record, field_name):
    return bool(placeholder_note(record, field_name))


@register.inclusion_tag("directory/includes/provenance.html")
def provenance(record):
    """Where the record's facts come from, its placeholder fields, and when staff checked it."""
    return {
        "record": record,
        "source": getattr(record, "fact_source", None),
        "placeholder_labels": record.placeholder_labels(),
    }
