"""An attachment's file goes when its row goes (a request deleted with its
enterprise, or by a superuser), once the deletion has committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import RequestAttachment


@receiver(post_delete, sender=RequestAttachment)
def delete_attachment_file(sender, instance, **kwargs):
    file = instance.file
    transaction.on_commit(lambda: file.delete(save=False))
