"""Abstract pieces every content app builds its pages from."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .visibility import PublicPageManager


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


class SectionIndexPage(Page):
    """A top-level section under the home page (名录, 目录, 活动): one of each."""

    introduction = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    objects = PublicPageManager()

    class Meta:
        abstract = True
