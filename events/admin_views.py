"""Per-event registration counts and the door's check-in list."""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe

from events.models import EventPage, Registration, RegistrationStatus

VIEW_PERMISSION = "events.view_registration"
CHECK_IN_PERMISSION = "events.change_registration"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _private(response):
    add_never_cache_headers(response)
    return response


def summary(request):
    _require(request, VIEW_PERMISSION)
    status = RegistrationStatus
    events = (
        EventPage.objects.filter(Q(registration_enabled=True) | Q(registrations__isnull=False))
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=status.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=status.WAITING)),
            cancelled=Count("registrations", filter=Q(registrations__status=status.CANCELLED)),
            checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("-starts_at")
        .distinct()
    )
    return _private(
        TemplateResponse(
            request,
            "events/admin/summary.html",
            {"events": events, "page_title": "活动报名汇总"},
        )
    )


def qr_svg(reference):
    return mark_safe(segno.make(reference, error="m").svg_inline(scale=3))  # noqa: S308 - generated SVG


def check_in_list(request, event_id):
    """Confirmed attendees with a QR code of their reference each; staff scan
    or type a reference, or tick a name, to check someone in."""
    _require(request, VIEW_PERMISSION)
    event = get_object_or_404(EventPage, pk=event_id)
    if request.method == "POST":
        _require(request, CHECK_IN_PERMISSION)
        reference = request.POST.get("reference", "").strip().upper()[:12]
        registration = event.registrations.filter(
            reference=reference, status=RegistrationStatus.CONFIRMED
        ).first()
        if registration is None:
            messages.error(request, f"未找到报名编号“{reference}”的有效报名。")
        elif registration.checked_in_at:
            when = timezone.localtime(registration.checked_in_at)
            messages.warning(request, f"{registration.name} 已于 {when:%H:%M} 签到。")
        else:
            Registration.objects.filter(pk=registration.pk).update(checked_in_at=timezone.now())
            messages.success(
                request, f"{registration.name}（{registration.organisation}）签到成功。"
            )
        return redirect("events_check_in_list", event_id=event.pk)
    attendees = [
        (registration, qr_svg(registration.reference))
        for registration in event.registrations.filter(
            status=RegistrationStatus.CONFIRMED
        ).order_by("organisation", "name")
    ]
    context = {
        "event": event,
        "attendees": attendees,
        "counts": event.registrations.counts(),
        "page_title": f"签到表：{event.title}",
    }
    return _private(TemplateResponse(request, "events/admin/check_in_list.html", context))
