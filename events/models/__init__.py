from .pages import (
    EventAttachment,
    EventFollowUp,
    EventIndexPage,
    EventPage,
    EventQuerySet,
    EventStatus,
    EventType,
)
from .registration import Registration, RegistrationStatus, Role

__all__ = [
    "EventAttachment",
    "EventFollowUp",
    "EventIndexPage",
    "EventPage",
    "EventQuerySet",
    "EventStatus",
    "EventType",
    "Registration",
    "RegistrationStatus",
    "Role",
]
