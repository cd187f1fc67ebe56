"""Open data: live, public event notices as read-only JSON (see directory.api)."""

from django.utils import timezone
from wagtail.rich_text import expand_db_html

from directory.api import (
    api_view,
    bool_param,
    choice_param,
    json_response,
    listing,
    not_found,
    page_url,
    parse_id,
    text_param,
)
from events.models import EventPage, EventStatus, EventType


def _datetime(value):
    return timezone.localtime(value).isoformat() if value else None


def event_data(page, request):
    return {
        "id": page.pk,
        "title": page.title,
        "event_type": page.event_type,
        "event_type_label": EventType(page.event_type).label if page.event_type else "",
        "status": page.status,
        "status_label": EventStatus(page.status).label if page.status else "",
        "status_reason": page.status_reason,
        "starts_at": _datetime(page.starts_at),
        "ends_at": _datetime(page.ends_at),
        "new_starts_at": _datetime(page.new_starts_at),
        "new_ends_at": _datetime(page.new_ends_at),
        "region": page.region,
        "venue": page.venue,
        "address": page.address,
        "organisers": page.organisers,
        "co_organisers": page.co_organisers,
        "hosts": page.hosts,
        "audience": page.audience,
        "summary": page.summary,
        "registration_deadline": _datetime(page.registration_deadline),
        "capacity": page.capacity,
        "contact_name": page.contact_name,
        "contact_phone": page.contact_phone,
        "is_example": page.is_example,
        "url": page_url(page, request),
    }


def public_events():
    return EventPage.objects.for_public()


@api_view
def event_list(request):
    queryset = public_events().order_by("-starts_at", "pk")
    event_type = choice_param(request, "event_type", EventType)
    if event_type:
        queryset = queryset.filter(event_type=event_type)
    status = choice_param(request, "status", EventStatus)
    if status:
        queryset = queryset.filter(status=status)
    upcoming = bool_param(request, "upcoming")
    if upcoming is not None:
        now = timezone.now()
        queryset = (
            queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")
            if upcoming
            else queryset.filter(ends_at__lt=now)
        )
    query = text_param(request, "q")
    if query:
        queryset = queryset.filter(title__icontains=query)
    return listing(request, queryset, lambda pages, req: [event_data(p, req) for p in pages])


@api_view
def event_detail(request, pk):
    pk = parse_id(pk)
    page = public_events().filter(pk=pk).first() if pk else None
    if page is None:
        return not_found("活动")
    data = event_data(page, request)
    data["body"] = expand_db_html(page.body)
    data["agenda"] = [
        {key: str(value) for key, value in dict(block.value).items()} for block in page.agenda
    ]
    return json_response(data)
