"""What searchers looked for, counted per day and normalised query, so staff
see which queries find nothing or lead nowhere (the 搜索词统计 report).

No personal data: a row holds a day, the normalised query and three counts.
Counting costs one `UPDATE … SET searches = searches + 1` on the request
path (an INSERT only for a query's first search of the day). Rows are
bounded: at most MAX_QUERIES_PER_DAY queries a day, pruned after
RETENTION_DAYS (checked once a day, on the first new row).

A click is counted when a visitor follows a result through
`/search/go/<page id>/?t=<token>`: the token is signed, names the query and
day, and carries a random nonce that only lives in the cache, so a search
followed by several clicks counts once and no visitor can be told apart.
"""

import datetime
import secrets

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import QueryStat

RETENTION_DAYS = 90
MAX_QUERIES_PER_DAY = 5000
CLICK_SALT = "search.stats.click"
CLICK_TOKEN_AGE = 2 * 24 * 3600
MAX_QUERY = QueryStat._meta.get_field("query").max_length


def record_search(normalized, found):
    """Count one search of `normalized` (the folded query text)."""
    query = (normalized or "").strip()[:MAX_QUERY]
    if not query:
        return
    today = timezone.localdate()
    zero = 0 if found else 1
    counts = {"searches": F("searches") + 1, "zero_results": F("zero_results") + zero}
    if QueryStat.objects.filter(day=today, query=query).update(**counts):
        return
    _prune_once_a_day(today)
    if QueryStat.objects.filter(day=today).count() >= MAX_QUERIES_PER_DAY:
        return  # a flood of distinct queries stops here, not in the table
    try:
        with transaction.atomic():
            QueryStat.objects.create(day=today, query=query, searches=1, zero_results=zero)
    except IntegrityError:  # another request made the row first
        QueryStat.objects.filter(day=today, query=query).update(**counts)


def _prune_once_a_day(today):
    if cache.add(f"search:stats-pruned:{today.isoformat()}", True, 24 * 3600):
        QueryStat.objects.filter(day__lt=today - datetime.timedelta(days=RETENTION_DAYS)).delete()


def click_token(normalized):
    """A token for the result links of one search."""
    query = (normalized or "").strip()[:MAX_QUERY]
    if not query:
        return ""
    day = timezone.localdate().isoformat()
    return signing.dumps([query, day, secrets.token_urlsafe(8)], salt=CLICK_SALT, compress=True)


def record_click(token):
    """Count the search behind `token` as followed by a click, once."""
    try:
        query, day, nonce = signing.loads(token, salt=CLICK_SALT, max_age=CLICK_TOKEN_AGE)
        day = datetime.date.fromisoformat(day)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    if not cache.add(f"search:clicked:{nonce}", True, CLICK_TOKEN_AGE):
        return False
    rows = QueryStat.objects.filter(day=day, query=query, clicked__lt=F("searches"))
    return bool(rows.update(clicked=F("clicked") + 1))


def report(days=30):
    """Per query over the last `days` days, most zero-result searches first."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    return (
        QueryStat.objects.filter(day__gte=since)
        .values("query")
        .annotate(
            searches_total=Sum("searches"),
            zero_total=Sum("zero_results"),
            no_click_total=Sum("searches") - Sum("clicked"),
        )
        .order_by("-zero_total", "-no_click_total", "-searches_total", "query")
    )
