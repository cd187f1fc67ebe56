"""What search knows about each public event: found by its title, venue,
organisers and the enterprises and products presented there.

Registered with `search.registry` in `EventsConfig.ready()`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.visibility import public_page_ids
from search.documents import base_document, plain, root_url_path
from search.registry import DocumentSource, Facet

from .models import EventPage, EventStatus, EventType

FACETS = (
    Facet("event_type", _("活动类型"), dict(EventType.choices)),
    Facet("region", _("地区")),
)


def _presented_titles(events):
    """Titles of the public enterprises and products each event presents."""
    titles = {event.pk: [] for event in events}
    public = public_page_ids()
    relations = (
        (EventPage.enterprises.through, "enterprisepage"),
        (EventPage.products.through, "productpage"),
    )
    for relation, target in relations:
        rows = relation.objects.filter(
            eventpage_id__in=titles, **{f"{target}_id__in": public}
        ).values_list("eventpage_id", f"{target}__title")
        for event_id, title in rows:
            titles[event_id].append(title)
    return titles


def event_document(event, presented, root):
    local_start = timezone.localtime(event.current_starts_at)
    document = base_document(
        "event",
        event,
        root,
        summary=event.summary or plain(event.body),
        all_text=" ".join(
            [
                event.title,
                event.venue,
                event.address,
                event.region,
                event.organisers,
                event.co_organisers,
                event.hosts,
                event.summary,
                plain(event.body),
                *presented,
            ]
        ),
    )
    document["facets"] = {
        "event_type": [event.event_type],
        "region": [event.region] if event.region else [],
    }
    document["details"] = {
        "event_type": event.event_type,
        "event_type_label": EventType(event.event_type).label,
        "status": event.status,
        "status_label": EventStatus(event.status).label,
        "starts_at": (
            None
            if event.time_pending or "starts_at" in event.placeholders
            else local_start.isoformat()
        ),
        "venue": event.venue,
        "region": event.region,
    }
    return document


class EventSource(DocumentSource):
    def __init__(self):
        from directory.models import EnterprisePage, ProductPage

        super().__init__(
            kind="event",
            label=gettext_noop("活动"),
            models=(EventPage,),
            facets=FACETS,
            watches=(EnterprisePage, ProductPage),
        )

    def build(self, page_ids):
        documents = self.empty(page_ids)
        events = list(EventPage.objects.for_public().filter(pk__in=page_ids))
        if not events:
            return documents
        presented = _presented_titles(events)
        root = root_url_path()
        for event in events:
            documents[self.key(event.pk)] = event_document(event, presented[event.pk], root)
        return documents

    def dependents(self, page_ids):
        """An event shows the titles of the enterprises and products it presents."""
        ids = set(
            EventPage.enterprises.through.objects.filter(
                enterprisepage_id__in=page_ids
            ).values_list("eventpage_id", flat=True)
        )
        ids |= set(
            EventPage.products.through.objects.filter(productpage_id__in=page_ids).values_list(
                "eventpage_id", flat=True
            )
        )
        return ids
