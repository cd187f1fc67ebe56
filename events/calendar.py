"""iCalendar (RFC 5545) for events: one event, or a feed of upcoming ones.

Times are written in Asia/Shanghai with its VTIMEZONE, so calendar clients
anywhere show the local time of the event. Each event keeps one UID for
life (its page id), and SEQUENCE grows with every publish, so a client that
subscribed replaces the event it holds when the notice changes.
"""

from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

SHANGHAI = ZoneInfo("Asia/Shanghai")
UID_DOMAIN = "events.local-medical-portal"
PRODID = "-//本地药械信息公开平台//活动日历//ZH"


def event_uid(page):
    return f"event-{page.pk}@{UID_DOMAIN}"


def _description(page, url):
    parts = []
    if page.status_reason and page.status != "scheduled":
        parts.append(f"{page.get_status_display()}：{page.status_reason}")
    if page.time_pending:
        parts.append("新的时间另行通知。")
    if page.summary:
        parts.append(page.summary)
    for label, value in (
        ("主办单位", page.organisers),
        ("协办单位", page.co_organisers),
        ("承办单位", page.hosts),
        ("联系方式", f"{page.contact_name} {page.contact_phone}".strip()),
    ):
        if value:
            parts.append(f"{label}：{value}")
    parts.append(url)
    return "\n".join(parts)


def vevent(page, request):
    url = request.build_absolute_uri(page.url)
    event = icalendar.Event()
    event.add("uid", event_uid(page))
    event.add("sequence", page.sequence)
    event.add("dtstamp", page.last_published_at or timezone.now())
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    event.add("dtstart", timezone.localtime(page.current_starts_at, SHANGHAI))
    event.add("dtend", timezone.localtime(page.current_ends_at, SHANGHAI))
    title = page.title
    if page.is_cancelled:
        title = f"【已取消】{title}"
    elif page.time_pending:
        title = f"【延期，时间待定】{title}"
    event.add("summary", title)
    event.add(
        "status",
        "CANCELLED" if page.is_cancelled else "TENTATIVE" if page.time_pending else "CONFIRMED",
    )
    location = "，".join(part for part in (page.venue, page.address) if part)
    if location:
        event.add("location", location)
    event.add("description", strip_tags(_description(page, url)))
    event.add("url", url)
    event.add("categories", [page.get_event_type_display()])
    return event


def calendar(pages, request, name):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for page in pages:
        # A day the source does not give is no appointment to put in a calendar.
        if "starts_at" not in page.placeholders:
            cal.add_component(vevent(page, request))
    cal.add_missing_timezones()
    return cal


def calendar_response(pages, request, name, filename):
    body = calendar(pages, request, name).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
