"""Where each API record's facts come from, and which of its values are placeholders.

Every record of /api/v1/ carries `provenance`; a date the source does not give
is `null` in the record (never a made-up day) and named in
`provenance.placeholders` with its note. Other placeholder values stay, named
there too, so that nobody takes them for official facts.
"""

import datetime

from rest_framework import serializers


class SourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    issuing_body = serializers.CharField()
    document_number = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    url = serializers.CharField(source="link", help_text="原文链接；未公开时为空")
    access_note = serializers.CharField(help_text="原文的公开情况")
    citation = serializers.CharField()


class ProvenanceSerializer(serializers.Serializer):
    is_example = serializers.BooleanField(help_text="示例数据，非官方信息")
    source = SourceSerializer(source="fact_source", allow_null=True, help_text="事实摘自的文件")
    placeholders = serializers.DictField(
        child=serializers.CharField(), help_text="占位字段及说明：这些值并非原文信息"
    )
    verified_on = serializers.DateField(allow_null=True, help_text="工作人员最近核实的日期")
    verified_against = serializers.CharField(help_text="核实依据")


class ProvenanceMixin(serializers.Serializer):
    """Adds `provenance` and gives placeholder dates as null."""

    provenance = ProvenanceSerializer(source="*")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name in getattr(instance, "placeholders", None) or {}:
            if isinstance(getattr(instance, name, None), datetime.date) and name in data:
                data[name] = None
        return data


def with_sources(queryset):
    """One join instead of a query per record for `provenance.source`."""
    return queryset.select_related("fact_source", "fact_source__document")
