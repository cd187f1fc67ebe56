"""`{% related_policies page %}`: the policy notices behind a product or
catalog page. The tag lives here so that the directory never imports the
policies app; only its templates name the tag."""

from django import template

from directory.models import CatalogPage, ProductPage
from policies.models import PolicyPage

register = template.Library()


@register.inclusion_tag("policies/includes/related_policies.html")
def related_policies(page):
    """Policies for a product (by its enterprise's region) or a catalog;
    nothing for other pages."""
    if isinstance(page, ProductPage):
        region = page.enterprise.region if page.enterprise else ""
        policies = PolicyPage.objects.applying_to_product(page, region)
    elif isinstance(page, CatalogPage):
        policies = PolicyPage.objects.applying_to_catalog(page)
    else:
        policies = PolicyPage.objects.none()
    return {"policies": list(policies)}
