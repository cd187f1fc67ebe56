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
    """How far an external engine (Elasticsearch) has applied SearchDocument rows."""

    engine = models.CharField(max_length=200, unique=True)
    last_id = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.engine} @ {self.last_id}"
