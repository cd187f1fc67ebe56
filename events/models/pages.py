import functools

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.models import ExampleMixin, RuleRestrictionsMixin, SectionIndexPage
from core.visibility import PublicPageQuerySet, is_public
from directory.models import ProvenanceMixin
from events.blocks import AgendaItemBlock
from events.registration.routes import RegistrationRoutesMixin


class EventType(models.TextChoices):
    MATCHMAKING = "matchmaking", gettext_noop("对接会")
    SUMMIT = "summit", gettext_noop("高峰会")
    TRAINING = "training", gettext_noop("培训")
    EXHIBITION = "exhibition", gettext_noop("展会")
    MEETING = "meeting", gettext_noop("工作会议")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", gettext_noop("如期举行")
    POSTPONED = "postponed", gettext_noop("延期")
    CANCELLED = "cancelled", gettext_noop("取消")


class EventQuerySet(PublicPageQuerySet):
    def with_schedule(self):
        """Annotate the time that holds now: the new time of a postponed event
        when it is known, else the announced one."""
        if "schedule_starts" in self.query.annotations:
            return self
        return self.annotate(
            schedule_starts=Coalesce("new_starts_at", "starts_at"),
            schedule_ends=Coalesce("new_ends_at", "new_starts_at", "ends_at"),
        )

    def upcoming(self, now=None):
        """Not over yet, soonest first. A postponed event without a new time
        stays among them, in the place of its announced time."""
        now = now or timezone.now()
        pending = models.Q(status=EventStatus.POSTPONED, new_starts_at__isnull=True)
        return (
            self.with_schedule()
            .filter(models.Q(schedule_ends__gte=now) | pending)
            .order_by("schedule_starts", "pk")
        )

    def past(self, now=None):
        now = now or timezone.now()
        pending = models.Q(status=EventStatus.POSTPONED, new_starts_at__isnull=True)
        return (
            self.with_schedule()
            .filter(schedule_ends__lt=now)
            .exclude(pending)
            .order_by("-schedule_starts", "-pk")
        )

    def filtered(self, event_type="", year=None, region=""):
        queryset = self.with_schedule()
        if event_type:
            queryset = queryset.filter(event_type=event_type)
        if year:
            queryset = queryset.filter(schedule_starts__year=year)
        if region:
            queryset = queryset.filter(region=region)
        return queryset


EventManager = PageManager.from_queryset(EventQuerySet)


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = "活动索引"

    def public_events(self):
        return EventPage.objects.child_of(self).for_public()

    @path("calendar.ics/", name="calendar")
    def calendar_all(self, request):
        from events.calendar import calendar_response

        events = self.public_events().upcoming()
        return calendar_response(events, request, self.title, "events.ics")

    @path("calendar/<str:event_type>.ics/", name="calendar_by_type")
    def calendar_by_type(self, request, event_type):
        from events.calendar import calendar_response

        if event_type not in EventType.values:
            raise Http404
        label = EventType(event_type).label
        events = self.public_events().filter(event_type=event_type).upcoming()
        return calendar_response(events, request, f"{self.title}·{label}", f"{event_type}.ics")

    @path("feed/", name="feed")
    def feed(self, request):
        from events.feeds import EventNoticesFeed

        return EventNoticesFeed()(request, index=self)

    def get_context(self, request, *args, **kwargs):
        from events.filters import EventFilters

        context = super().get_context(request, *args, **kwargs)
        events = self.public_events()
        filters = EventFilters(request.GET, events)
        events = events.filtered(**filters.cleaned())
        context["filters"] = filters
        context["upcoming_events"] = events.upcoming()
        context["past_events"] = Paginator(events.past(), 20).get_page(request.GET.get("page"))
        context["event_types"] = [(value, gettext(label)) for value, label in EventType.choices]
        return context


class EventPage(
    RuleRestrictionsMixin,
    RegistrationRoutesMixin,
    RoutablePageMixin,
    ProvenanceMixin,
    ExampleMixin,
    Page,
):
    """A notice for a matchmaking meeting, summit, training or exhibition."""

    # Free seats change with every registration, which publishes nothing:
    # the page is never served from the page fragment cache.
    shows_live_state = True

    event_type = models.CharField("活动类型", max_length=20, choices=EventType.choices)
    status = models.CharField(
        "状态", max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_reason = models.CharField(
        "延期或取消原因", max_length=300, blank=True, help_text="延期或取消时向公众说明的原因。"
    )
    starts_at = models.DateTimeField("开始时间", help_text="原定时间；延期后请填写下方的新时间。")
    ends_at = models.DateTimeField("结束时间")
    new_starts_at = models.DateTimeField(
        "延期后开始时间", null=True, blank=True, help_text="新时间未定时留空。"
    )
    new_ends_at = models.DateTimeField("延期后结束时间", null=True, blank=True)
    region = models.CharField("地区", max_length=40, blank=True, help_text="如“中山市”“慈溪市”。")
    venue = models.CharField("会场", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    organisers = models.CharField("主办单位", max_length=300, blank=True)
    co_organisers = models.CharField("协办单位", max_length=300, blank=True)
    hosts = models.CharField("承办单位", max_length=300, blank=True)
    audience = models.CharField("参加对象", max_length=300, blank=True)
    summary = models.TextField("简介", blank=True)
    body = RichTextField("正文", blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"])
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name="议程", blank=True)
    registration_enabled = models.BooleanField(
        "开放在线报名", default=False, help_text="勾选后活动页面提供报名表。"
    )
    registration_deadline = models.DateTimeField("报名截止", null=True, blank=True)
    capacity = models.PositiveIntegerField(
        "名额", null=True, blank=True, help_text="留空表示不限。"
    )
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    enterprises = ParentalManyToManyField(
        "directory.EnterprisePage",
        verbose_name="参展/参会企业",
        blank=True,
        related_name="presented_at_events",
    )
    products = ParentalManyToManyField(
        "directory.ProductPage",
        verbose_name="展示产品",
        blank=True,
        related_name="presented_at_events",
    )
    # Raised on every publish after the first: calendar clients replace an
    # event they hold only when its SEQUENCE grows (RFC 5545 3.8.7.4).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("event_type"),
                FieldPanel("status"),
                FieldPanel("status_reason"),
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("new_starts_at"),
                FieldPanel("new_ends_at"),
            ],
            heading="时间与状态",
        ),
        MultiFieldPanel(
            [FieldPanel("region"), FieldPanel("venue"), FieldPanel("address")], heading="地点"
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("co_organisers"),
                FieldPanel("hosts"),
                FieldPanel("audience"),
            ],
            heading="主办与参加对象",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("enterprises"), FieldPanel("products")], heading="参会企业与展示产品"
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("registration_deadline"),
                FieldPanel("capacity"),
            ],
            heading="报名",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone")], heading="联系方式"
        ),
        InlinePanel("attachments", label="附件"),
        InlinePanel("follow_ups", label="后续成果（对接洽谈等）"),
        *ProvenanceMixin.provenance_panels(),
    ]
    settings_panels = Page.settings_panels + ExampleMixin.settings_panels
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.SearchField("organisers"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    objects = EventManager()
    subpage_types = []

    class Meta:
        verbose_name = "活动"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "结束时间不能早于开始时间。"
        if (
            self.registration_deadline
            and self.ends_at
            and self.registration_deadline > self.current_ends_at
        ):
            errors["registration_deadline"] = "报名截止时间不能晚于活动结束时间。"
        if self.new_ends_at and not self.new_starts_at:
            errors["new_starts_at"] = "填写了延期后结束时间，请同时填写延期后开始时间。"
        if self.new_starts_at and self.new_ends_at and self.new_ends_at < self.new_starts_at:
            errors["new_ends_at"] = "延期后结束时间不能早于延期后开始时间。"
        if self.new_starts_at and self.status != EventStatus.POSTPONED:
            errors["new_starts_at"] = "只有状态为“延期”的活动才能填写新时间。"
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        # A revision never carries the sequence back: only publishing moves it.
        obj = super().with_content_json(content)
        obj.sequence = self.sequence
        return obj

    def route(self, request, path_components):
        # Registration exists for the public only: a private event's form is
        # a 404 rather than a login prompt.
        if path_components and not is_public(self):
            raise Http404
        return super().route(request, path_components)

    @path("calendar.ics/", name="calendar")
    def calendar_file(self, request):
        from events.calendar import calendar_response

        return calendar_response([self], request, self.title, f"event-{self.pk}.ics")

    @property
    def current_starts_at(self):
        return self.new_starts_at or self.starts_at

    @property
    def current_ends_at(self):
        if self.new_starts_at:
            return self.new_ends_at or self.new_starts_at
        return self.ends_at

    @property
    def is_postponed(self):
        return self.status == EventStatus.POSTPONED

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def time_pending(self):
        """Postponed with no new time yet: the announced time no longer holds."""
        return self.is_postponed and not self.new_starts_at

    @property
    def is_past(self):
        return not self.time_pending and self.current_ends_at < timezone.now()

    def public_enterprises(self):
        return self.enterprises.all().for_public().order_by("title")

    def public_products(self):
        return self.products.all().for_public().order_by("title")

    def public_outcomes(self):
        """首试首用 records that name this event, on public product pages."""
        from core.visibility import public_page_ids
        from directory.models import FirstUseRecord

        return (
            FirstUseRecord.objects.filter(event=self, page_id__in=public_page_ids())
            .select_related("page")
            .order_by("started_on", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Callables and querysets: the template asks for them only when its
        # page fragments are not cached already.
        context["attachments"] = self.attachments.select_related("document")
        outcomes = functools.cache(lambda: list(self.public_outcomes()))
        context["outcomes"] = outcomes
        context["outcome_hospitals"] = lambda: len({str(record.hospital) for record in outcomes()})
        context["presented_enterprises"] = functools.cache(self.public_enterprises)
        context["presented_products"] = functools.cache(self.public_products)
        context["follow_ups"] = self.follow_ups.all()
        context["registration"] = self.registration_state()
        return context


class EventAttachment(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]


class EventFollowUp(Orderable):
    """An outcome other than a first use: a follow-up meeting, a signed agreement."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="follow_ups")
    happened_on = models.DateField("日期", null=True, blank=True)
    description = models.CharField("成果", max_length=300)

    panels = [FieldPanel("happened_on"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "后续成果"
