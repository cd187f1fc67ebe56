"""Delete registrants' personal data a stated number of days after their event."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Registration

DEFAULT_DAYS = 30


class Command(BaseCommand):
    help = f"删除活动结束 N 天（默认 {DEFAULT_DAYS} 天）后的报名个人信息。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除。")

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("--days 不能为负数。")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        # A postponed event counts from its new end; one still without a new
        # time has not happened, so its registrations stay.
        expired = Registration.objects.annotate(
            event_ended=Coalesce("event__new_ends_at", "event__new_starts_at", "event__ends_at")
        ).filter(event_ended__lt=cutoff)
        expired = expired.exclude(event__status="postponed", event__new_starts_at__isnull=True)
        count = expired.count()
        if not dry_run:
            Registration.objects.filter(pk__in=list(expired.values_list("pk", flat=True))).delete()
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(f"{verb} {count} 条报名记录（活动结束已超过 {days} 天）。")
