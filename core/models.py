"""Abstract pieces every content app builds its pages from."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction

from .visibility import PublicPageManager, restricted_paths


class RuleRestrictionsMixin:
    """Before serving a page Wagtail reads its and its ancestors' view
    restrictions (two queries). The one rule already knows every restricted
    page (kept per content version): a page under none of them has none."""

    def get_view_restrictions(self):
        if self.alias_of_id or any(self.path.startswith(p) for p in restricted_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


class ExampleMixin(models.Model):
    """Marks synthetic records, so that they are never taken for official data."""

    is_example = models.BooleanField(
        "示例数据",
        default=False,
        help_text="勾选后页面会标注“示例数据，非官方信息”。",
    )

    settings_panels = [FieldPanel("is_example")]

    class Meta:
        abstract = True


class SectionIndexPage(RuleRestrictionsMixin, Page):
    """A top-level section under the home page (名录, 目录, 活动): one of each."""

    introduction = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    objects = PublicPageManager()

    class Meta:
        abstract = True
