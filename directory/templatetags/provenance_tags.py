"""`{% fact record "field" %}` and `{% provenance record %}`: a record's facts
with their standing. A placeholder date reads as its note (原文未载明…), never
as a date; any other placeholder value carries a 占位 badge with its note.
Dates read in the visitor's language (DATE_FORMAT, DATETIME_FORMAT)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext

from directory.models.product import days_left, validity_note

register = template.Library()


def placeholder_note(record, field_name):
    return (getattr(record, "placeholders", None) or {}).get(field_name, "")


def _display(value, format_name):
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), format_name or "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, format_name or "DATE_FORMAT")
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
        ' <span class="badge badge--placeholder" title="{}">{}</span>'
        '<span class="visually-hidden">{}</span>',
        note,
        gettext("占位"),
        gettext("（%(text)s）") % {"text": note},
    )


@register.filter
def is_placeholder(record, field_name):
    return bool(placeholder_note(record, field_name))


@register.simple_tag
def expiry_badge(valid_until):
    """Beside a certificate's or licence's end date: the days left near its
    end, or that it has expired; nothing otherwise."""
    note = validity_note(valid_until)
    if not note:
        return ""
    kind = " badge--expired" if days_left(valid_until) < 0 else ""
    return format_html(' <span class="badge{}">{}</span>', kind, note)


@register.inclusion_tag("directory/includes/provenance.html")
def provenance(record):
    """Where the record's facts come from, its placeholder fields, and when staff checked it."""
    return {
        "record": record,
        "source": getattr(record, "fact_source", None),
        # Field names in the visitor's language where the catalog has them;
        # the notes are staff's words, as entered.
        "placeholder_fields": [
            (gettext(label), note) for label, note in record.placeholder_fields()
        ],
    }
