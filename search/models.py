import re

from django.db import models


class SearchDocument(models.Model):
    """The latest searchable state of one public page, or a tombstone.

    Rows are written in the same transaction as the publish that caused them,
    so a draft can never reach search. Every change replaces the row, giving
    it a higher id: engines catch up by reading rows above the last id they
    applied (the embedded engine in every process, the Elasticsearch pusher
    once per change).
    """

    key = models.CharField(max_length=40, unique=True)  # "product:42"
    page_id = models.PositiveIntegerField()
    deleted = models.BooleanField(default=False)
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = "搜索文档"

    def __str__(self):
        return self.key


class EngineCursor(models.Model):
    """How far an external engine (Elasticsearch) has applied SearchDocument
    rows, and which process may push to it: the lease holder (one for all
    workers and machines, see search/engines/elastic_push.py)."""

    engine = models.CharField(max_length=200, unique=True)
    last_id = models.BigIntegerField(default=0)
    lease_holder = models.CharField(max_length=120, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    pushed_at = models.DateTimeField("上次推送成功", null=True, blank=True)
    failing_since = models.DateTimeField("推送失败始于", null=True, blank=True)
    last_error = models.TextField("最近的推送错误", blank=True)

    def __str__(self):
        return f"{self.engine} @ {self.last_id}"


class Synonym(models.Model):
    """One entry of the search vocabulary: what people type → what products
    are registered as. Applied at query time, so an edit works at once on
    both engines without rebuilding any index."""

    class Source(models.TextChoices):
        DEVICE_CATALOG = "device_catalog", "医疗器械分类目录·品名举例"
        MEDICINE = "medicine", "商品名↔通用名（集采、医保目录）"
        CLINICAL = "clinical", "临床常用说法"
        STAFF = "staff", "编辑添加"

    term = models.CharField(
        "搜索词", max_length=60, unique=True, help_text="人们会输入的说法，如“X光机”。"
    )
    equivalents = models.CharField(
        "规范名称",
        max_length=400,
        help_text="产品登记所用的名称，多个用“、”或逗号分隔，如“X射线摄影、X射线机”。",
    )
    two_way = models.BooleanField(
        "双向", default=False, help_text="规范名称也能找到搜索词（如商品名 ↔ 通用名）。"
    )
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.STAFF)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "搜索同义词"
        verbose_name_plural = "搜索同义词"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.equivalents}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .vocabulary import key, split_equivalents

        errors = {}
        control = re.compile(r"[\x00-\x1f\x7f]")
        if control.search(self.term or "") or not key(self.term or ""):
            errors["term"] = "搜索词不能为空，也不能含控制字符。"
        targets = split_equivalents(self.equivalents or "")
        if control.search(self.equivalents or "") or not targets:
            errors["equivalents"] = "请至少填写一个规范名称，不能含控制字符。"
        elif all(key(target) == key(self.term or "") for target in targets):
            errors["equivalents"] = "规范名称不能与搜索词相同。"
        if errors:
            raise ValidationError(errors)

    def equivalent_list(self):
        return [part.strip() for part in re.split(r"[、,，;；]", self.equivalents) if part.strip()]


class QueryStat(models.Model):
    """How one normalised query fared on one day: searches, searches that
    found nothing, searches followed by a click on a result. Nothing about
    who searched (no IP, user or session) is kept; rows older than
    `search.stats.RETENTION_DAYS` are pruned."""

    day = models.DateField("日期")
    query = models.CharField("搜索词", max_length=100)
    searches = models.PositiveIntegerField("搜索次数", default=0)
    zero_results = models.PositiveIntegerField("无结果次数", default=0)
    clicked = models.PositiveIntegerField("有点击的搜索", default=0)

    class Meta:
        verbose_name = "搜索词统计"
        verbose_name_plural = "搜索词统计"
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="one_stat_per_day")]

    def __str__(self):
        return f"{self.day} {self.query}"
