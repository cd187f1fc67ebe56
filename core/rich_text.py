"""Rich-text links to pages, through the one visibility rule.

Wagtail renders a link to any page that exists, so a public record linking
to a draft or private page would show its URL (and in the admin's internal
form, its id). Here a link to a page the public may not see becomes an
`<a>` without `href`: its words stay, as plain text, and nothing points at
the hidden page.
"""

from wagtail.rich_text.pages import PageLinkHandler

from .visibility import public_pages


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        queryset = public_pages().filter(id__in=[i for i in ids if i.isdigit()])
        pages = {str(page.id): page for page in queryset.defer_streamfields().specific()}
        return [pages.get(i) for i in ids]
