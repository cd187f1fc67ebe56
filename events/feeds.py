"""Atom feed of new event notices (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.context_processors import site_name
from events.calendar import event_uid


class EventNoticesFeed(Feed):
    feed_type = Atom1Feed
    description = _("本地药械信息公开平台发布的医企对接会、高峰会、培训和展会通知。")

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return f"{index.title} · {site_name()}"

    def link(self, index):
        return index.url

    def feed_url(self, index):
        return f"{index.url}feed/"

    def items(self, index):
        from events.models import EventPage

        return (
            EventPage.objects.child_of(index)
            .for_public()
            .order_by("-first_published_at", "-pk")[:30]
        )

    def item_title(self, page):
        if page.status == "cancelled":
            return gettext("【已取消】%(title)s") % {"title": page.title}
        if page.status == "postponed":
            return gettext("【延期】%(title)s") % {"title": page.title}
        return page.title

    def item_description(self, page):
        from django.template.loader import render_to_string

        return render_to_string("events/includes/feed_item.html", {"event": page})

    def item_link(self, page):
        return page.url

    def item_guid(self, page):
        return f"urn:{event_uid(page)}"

    item_guid_is_permalink = False

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_categories(self, page):
        return [gettext(page.get_event_type_display())]
