"""Event notices under /api/v1/events: public pages only."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from core.api import Filter, PublicDetailView, PublicListView
from directory.api.provenance import ProvenanceMixin, with_sources
from events.models import EventPage, EventStatus, EventType


class ShanghaiDateTimeField(serializers.DateTimeField):
    """Times as Asia/Shanghai wall clock with its offset (+08:00)."""

    def to_representation(self, value):
        return timezone.localtime(value).isoformat() if value else None


class EventSerializer(ProvenanceMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    event_type = serializers.CharField()
    event_type_label = serializers.CharField(source="get_event_type_display")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    status_reason = serializers.CharField()
    starts_at = ShanghaiDateTimeField(allow_null=True)
    ends_at = ShanghaiDateTimeField(allow_null=True)
    new_starts_at = ShanghaiDateTimeField(allow_null=True)
    new_ends_at = ShanghaiDateTimeField(allow_null=True)
    region = serializers.CharField()
    venue = serializers.CharField()
    address = serializers.CharField()
    organisers = serializers.CharField()
    co_organisers = serializers.CharField()
    hosts = serializers.CharField()
    audience = serializers.CharField()
    summary = serializers.CharField()
    registration_deadline = ShanghaiDateTimeField(allow_null=True)
    capacity = serializers.IntegerField(allow_null=True)
    contact_name = serializers.CharField()
    contact_phone = serializers.CharField()
    is_example = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "nullable": True})
    def get_url(self, page):
        return page.get_url(request=self.context.get("request"))


class AgendaItemSerializer(serializers.Serializer):
    time = serializers.CharField()
    title = serializers.CharField()
    speaker = serializers.CharField()


class EventDetailSerializer(EventSerializer):
    body = serializers.SerializerMethodField()
    agenda = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "description": "HTML"})
    def get_body(self, page):
        return expand_db_html(page.body or "")

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, page):
        return [
            {key: str(block.value.get(key) or "") for key in ("time", "title", "speaker")}
            for block in page.agenda
        ]


@extend_schema(summary="活动列表")
class EventList(PublicListView):
    serializer_class = EventSerializer
    filters = (
        Filter("event_type", EventType, "活动类型"),
        Filter("status", EventStatus, "状态"),
        Filter("upcoming", "bool", "true：未结束的活动；false：已结束的活动"),
        Filter("q", "text", "标题包含的文字"),
    )

    def get_queryset(self):
        return with_sources(EventPage.objects.for_public()).order_by("-starts_at", "pk")

    def filter_public(self, queryset, values):
        if values["event_type"]:
            queryset = queryset.filter(event_type=values["event_type"])
        if values["status"]:
            queryset = queryset.filter(status=values["status"])
        if values["upcoming"] is not None:
            now = timezone.now()
            queryset = (
                queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")
                if values["upcoming"]
                else queryset.filter(ends_at__lt=now)
            )
        if values["q"]:
            queryset = queryset.filter(title__icontains=values["q"])
        return queryset


@extend_schema(summary="活动详情")
class EventDetail(PublicDetailView):
    serializer_class = EventDetailSerializer
    not_found = "活动不存在或尚未公开。"

    def get_queryset(self):
        return EventPage.objects.for_public()
