"""The shape of a search document, and helpers that every source uses.

A document is one plain dict: the same dict is the Elasticsearch `_source`
and the embedded engine's record. Common fields (filled by `base_document`):

- kind, page_id, title, title_length, url, summary, published, is_example
- pinyin, initials: of the title, for pinyin queries
- name_sort: the title's pinyin syllables, the key of the name order
- all_text: everything a word may be found in (dropped once indexed)
- id_terms: exact keys of identifiers (`identifier_terms`)
- facets: {facet name: [values]} for filters and counts
- details: kind-specific facts returned as they are in each API result
"""

import re

from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from wagtail.models import Site

from core.ordering import pinyin_key

from . import text

SUMMARY_LENGTH = 160
# A device registration number: prefix (国械注准, 粤械注准, 国械注进…), year,
# class and category code, serial.
DEVICE_NUMBER = re.compile(r"([\u3400-\u9fff]*械注[准进许])(\d{4})(\d{3})(\d{3,5})")


def root_url_path():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


def url_of(url_path, root):
    """The page's URL as Wagtail's `page.url` gives it for the default site."""
    return iri_to_uri("/" + url_path[len(root) :] if url_path.startswith(root) else url_path)


def plain(rich_text):
    return re.sub(r"\s+", " ", strip_tags(rich_text or "")).strip()


def identifier_terms(*identifiers):
    """Exact-match keys for IDs: the whole ID and its distinctive tails.

    A buyer may type a whole registration number, only its digits, the last
    few digits, its prefix and year (国械注准2019) or year and class code; a
    credit code whole, by its organisation code or without its check character.
    """
    terms = set()
    for identifier in identifiers:
        whole = text.compact(identifier)
        if not whole:
            continue
        terms.add(whole)
        digits = "".join(re.findall(r"[0-9a-z]+", whole))
        terms.add(digits)
        minimum = 4 if digits.isdigit() else 6
        terms.update(digits[-length:] for length in range(minimum, len(digits)))
        if len(whole) == 18 and whole.isalnum():  # credit code: organisation code
            terms.add(whole[8:17])
            terms.add(whole[:17])  # typed without its check character
        device = DEVICE_NUMBER.fullmatch(whole)
        if device:  # 国械注准 2019 306 0123: by year, year and class code
            prefix, year, category = device.group(1), device.group(2), device.group(3)
            terms.update({year, prefix + year, year + category, prefix + year + category})
    return sorted(term for term in terms if term)


def name_sort(title):
    """A string that sorts titles by pinyin (长春 as chang chun), as the
    directory index does: both engines sort names by it."""
    return " ".join(pinyin_key(title)[0])


def base_document(kind, page, root, summary="", all_text="", id_terms=(), is_example=None):
    full_pinyin, initials = text.pinyin(page.title)
    published = page.first_published_at
    return {
        "kind": kind,
        "page_id": page.pk,
        "title": page.title,
        "title_length": len(page.title),
        "url": url_of(page.url_path, root),
        "summary": (summary or "")[:SUMMARY_LENGTH],
        "published": published.isoformat() if published else None,
        "is_example": bool(
            getattr(page, "is_example", False) if is_example is None else is_example
        ),
        "pinyin": full_pinyin,
        "initials": initials,
        "name_sort": name_sort(page.title),
        "all_text": all_text,
        "id_terms": list(id_terms),
        "facets": {},
        "details": {},
    }
