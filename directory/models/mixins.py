from django.db import models
from wagtail.admin.panels import FieldPanel


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
