"""Where request attachments live: never under MEDIA_ROOT (which a web
server may serve to anyone), only behind the view that checks who asks.

`STORAGES["private"]`, when configured (e.g. a private bucket), wins;
otherwise a folder under the var directory."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.VAR_DIR / "private", base_url=None)
