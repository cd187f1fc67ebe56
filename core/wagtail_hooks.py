from wagtail import hooks

from .rich_text import PublicPageLinkHandler


@hooks.register("register_rich_text_features", order=10)
def link_only_to_public_pages(features):
    # After Wagtail's own hook (order 0), so this handler replaces its "page" links.
    features.register_link_type(PublicPageLinkHandler)
