"""`{% related_policies page %}`: the policy notices behind a product or
catalog page. The tag lives here so that the directory never imports the
policies app; only its templates name the tag."""

from django import template
from django.utils.translation import gettext

from directory.choices import ProcurementStatus
from directory.models import CatalogPage, ProductPage
from policies.models import PolicyPage
from policies.regions import locate

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


@register.inclusion_tag("policies/includes/procurement_rules.html")
def procurement_rules(product):
    """The rules on the product's procurement status where its enterprise is:
    中山's 5 % / 20 % caps for a 中山 product, 浙江's 集中采购/阳光挂网/自行采购
    for a 慈溪 one. A place without recorded rules says so."""
    if product.procurement_status == ProcurementStatus.UNKNOWN:
        return {"shown": False}
    region = product.enterprise.region if product.enterprise else ""
    province, _ = locate(region)
    place = region
    if region and province and province not in region:
        place = gettext("%(region)s（%(province)s）") % {"region": region, "province": province}
    return {
        "shown": True,
        "place": place,  # '' when the enterprise's region is not known
        "rules": list(PolicyPage.objects.procurement_rules_for(product, region)),
    }
