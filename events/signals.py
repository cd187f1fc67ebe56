"""Publishing an event that was published before raises its SEQUENCE, so
calendar clients that subscribed replace the copy they hold."""

from django.db.models import F
from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import EventPage


@receiver(page_published, sender=EventPage)
def raise_sequence(sender, instance, **kwargs):
    # On the first publish both stamps are the same moment.
    if instance.first_published_at != instance.last_published_at:
        EventPage.objects.filter(pk=instance.pk).update(sequence=F("sequence") + 1)
        instance.sequence = EventPage.objects.values_list("sequence", flat=True).get(pk=instance.pk)
