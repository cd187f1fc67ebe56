"""Calendar files end in `.ics`, with no trailing slash, as calendar clients
expect; Wagtail's page URLs always end in a slash. This pattern hands such
paths to Wagtail's page serving, where the event pages' `calendar.ics/`
routes answer them."""

from django.urls import re_path
from wagtail import views

urlpatterns = [re_path(r"^((?:[\w\-]+/)*[\w\-]+\.ics)$", views.serve, name="calendar_file")]
