"""Choice labels on pages: stored and exported in Chinese (they are data),
shown in the visitor's language.

    {% load labels %}{{ page.product_type_labels|translate_each|join_list }}
"""

from django import template
from django.utils.translation import gettext, pgettext

register = template.Library()


@register.filter
def translate_each(labels):
    """Each label through the catalog (a label it does not know stays as it is)."""
    return [gettext(str(label)) for label in labels]


@register.filter
def join_list(items):
    """Items joined as a list reads in the active language: 甲、乙 / A, B."""
    return pgettext("list separator", "、").join(str(item) for item in items)
