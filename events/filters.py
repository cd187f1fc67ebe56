"""The events index's filters: type, year and region, from the query string.
An unknown value is ignored rather than an error: old links keep working."""

from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models import EventType


class EventFilters(forms.Form):
    type = forms.ChoiceField(label=_("类型"), required=False)
    year = forms.TypedChoiceField(label=_("年份"), required=False, coerce=int, empty_value=None)
    region = forms.ChoiceField(label=_("地区"), required=False)

    def __init__(self, data, events):
        super().__init__(data)
        events = events.with_schedule()
        years = sorted(
            set(events.annotate(y=ExtractYear("schedule_starts")).values_list("y", flat=True)),
            reverse=True,
        )
        regions = sorted(set(events.exclude(region="").values_list("region", flat=True)))
        types = [(value, gettext(label)) for value, label in EventType.choices]
        self.fields["type"].choices = [("", gettext("全部类型")), *types]
        self.fields["year"].choices = [("", gettext("全部年份"))] + [
            (y, gettext("%(year)s年") % {"year": y}) for y in years if y
        ]
        self.fields["region"].choices = [("", gettext("全部地区"))] + [(r, r) for r in regions]

    def cleaned(self):
        """Valid filters as keyword arguments for EventQuerySet.filtered."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "event_type": data.get("type") or "",
            "year": data.get("year"),
            "region": data.get("region") or "",
        }

    @property
    def active(self):
        return any(self.cleaned().values())
