"""Where a record's facts come from, which of its fields are placeholders, and
when staff last checked it.

A record taken from an official letter is not an example: its facts are shown
as the letter's, with the letter cited. A field the letter does not give but a
model needs (a credit code, an exact day) is named in `placeholders` with a
note; pages show the note in place of a placeholder date, and a 占位 badge
beside any other placeholder value. `is_example` stays for wholly synthetic
records.
"""

import re

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.panels import StaffOwnedFieldPanel


class SourceDocumentQuerySet(models.QuerySet):
    def citations(self, ids):
        """{id: citation with the original's address when there is one}, in one query."""
        docs = self.filter(pk__in={i for i in ids if i}).select_related("document")
        return {doc.pk: " ".join(filter(None, [doc.citation, doc.link])) for doc in docs}


@register_snippet
class SourceDocument(index.Indexed, models.Model):
    """An official document facts are taken from: a reply letter, a catalog, a notice."""

    title = models.CharField("文件标题", max_length=200)
    issuing_body = models.CharField("发文单位", max_length=100)
    document_number = models.CharField("文号", max_length=60, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True, help_text="未载明时留空。")
    url = models.URLField("原文链接", blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="原文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    access_note = models.CharField(
        "公开情况",
        max_length=200,
        blank=True,
        help_text="无原文链接时说明原因，如“原文标注公开方式：不公开”。",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("issuing_body"),
        FieldPanel("document_number"),
        FieldPanel("issued_on"),
        FieldPanel("url"),
        FieldPanel("document"),
        FieldPanel("access_note"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("document_number"),
        index.AutocompleteField("title"),
    ]
    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "信息来源文件"
        verbose_name_plural = "信息来源文件"
        ordering = ["-issued_on", "title"]

    def __str__(self):
        return self.citation

    @property
    def link(self):
        """The original: the stored file first, else the web address; '' when neither."""
        if self.document_id:
            return self.document.url
        return self.url

    @property
    def citation(self):
        """发文单位《标题》（文号），成文日期 — as a reader cites it, the date in
        the active language (downloads and the API build it in Chinese)."""
        text = f"{self.issuing_body}《{self.title}》"
        if self.document_number:
            text += f"（{self.document_number}）"
        if self.issued_on:
            text = gettext("%(citation)s，%(date)s") % {
                "citation": text,
                "date": date_format(self.issued_on, "DATE_FORMAT"),
            }
        return text


class ProvenanceMixin(models.Model):
    """Source, placeholder fields and last verification of a page."""

    fact_source = models.ForeignKey(
        SourceDocument,
        verbose_name="信息来源",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="本记录的事实所摘自的官方文件；示例数据留空。",
    )
    placeholders = models.JSONField(
        "占位字段",
        default=dict,
        blank=True,
        help_text=(
            "来源文件未载明、为满足系统要求而填写的字段及说明，"
            '如 {"credit_code": "系统生成的占位代码", "starts_at": "原文只载明“2021年底”"}。'
        ),
    )
    verified_on = models.DateField("核实日期", null=True, blank=True)
    verified_against = models.CharField(
        "核实依据", max_length=200, blank=True, help_text="工作人员核对所依据的材料，如答复函原文。"
    )

    # Fields that may be named in `placeholders` (a page's own data fields).
    placeholder_field_types = (
        models.CharField,
        models.TextField,
        models.DateField,
        models.DateTimeField,
        models.URLField,
    )

    class Meta:
        abstract = True

    @classmethod
    def provenance_panels(cls, staff_owned=False):
        panel = StaffOwnedFieldPanel if staff_owned else FieldPanel
        return [
            MultiFieldPanel(
                [
                    panel("fact_source"),
                    panel("placeholders"),
                    panel("verified_on"),
                    panel("verified_against"),
                ],
                heading="信息来源与核实",
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if placeholder_errors := self.placeholder_errors():
            errors["placeholders"] = placeholder_errors
        if self.verified_on and not self.verified_against.strip():
            errors["verified_against"] = "填写核实日期时须写明核实依据。"
        if errors:
            raise ValidationError(errors)

    def placeholder_errors(self):
        if not isinstance(self.placeholders, dict):
            return ["占位字段须为 {字段名: 说明} 的形式。"]
        errors = []
        for name, note in self.placeholders.items():
            try:
                field = self._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if not isinstance(field, self.placeholder_field_types) or name in ("title", "slug"):
                errors.append(f"“{name}”不是本记录可标为占位的字段。")
            elif not isinstance(note, str) or not note.strip() or len(note) > 200:
                errors.append(f"字段“{field.verbose_name}”须附 1–200 字的说明。")
        return errors

    def placeholder_fields(self):
        """[('统一社会信用代码', '系统生成的占位代码'), …]: each placeholder field's
        name as the admin shows it, and its note."""
        fields = []
        for name, note in (self.placeholders or {}).items():
            try:
                label = str(self._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = name
            fields.append((label, note))
        return fields

    def placeholder_labels(self):
        """['统一社会信用代码：系统生成的占位代码', …] for downloads and notes."""
        return [f"{label}：{note}" for label, note in self.placeholder_fields()]


CITATION = re.compile(r"^(?P<body>[^《]+)《(?P<title>[^》]+)》(?:（(?P<number>[^（）]+)）)?$")


def source_fields_from_citation(text):
    """{issuing_body, title, document_number} from '单位《标题》（文号）'; a text of
    another shape becomes the title, with the issuing body 未载明. Used by the
    migrations that turned free-text sources into SourceDocument rows."""
    text = text.strip()
    match = CITATION.match(text)
    if match is None:
        return {"issuing_body": "未载明", "title": text[:200], "document_number": ""}
    return {
        "issuing_body": match["body"].strip()[:100],
        "title": match["title"].strip()[:200],
        "document_number": (match["number"] or "").strip()[:60],
    }


def text_source_migration(app_label, model_name):
    """(forward, backward) for RunPython: a page model's free-text `source`
    becomes a SourceDocument row (one per distinct text) and back."""

    def forward(apps, schema_editor):
        Source = apps.get_model("directory", "SourceDocument")
        model = apps.get_model(app_label, model_name)
        for page in model.objects.exclude(source=""):
            fields = source_fields_from_citation(page.source)
            page.fact_source, _ = Source.objects.get_or_create(**fields)
            page.save(update_fields=["fact_source"])

    def backward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        for page in model.objects.exclude(fact_source=None).select_related("fact_source"):
            source = page.fact_source
            number = f"（{source.document_number}）" if source.document_number else ""
            page.source = f"{source.issuing_body}《{source.title}》{number}"[:300]
            page.save(update_fields=["source"])

    return forward, backward
