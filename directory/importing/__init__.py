"""Importing an official catalog spreadsheet into enterprise and product pages.

read the file (reading) → read each cell through its column's vocabulary and
check the rows together (rows) → match existing pages and check them by the
models' rules (matching) → if anything is wrong: report, import nothing →
write through the page lifecycle in one transaction (writing).

A dry run (and the admin's preview) runs the same write and rolls it back,
so what it reports is what the import will do.
"""

import datetime
import time
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from wagtail.models import Page

from core import changes
from directory.choices import CatalogKind, RecognitionLevel
from directory.models import CatalogIndexPage, CatalogPage, DirectoryIndexPage

from . import writing
from .matching import label_of, prepare
from .reading import SpreadsheetError, parse_rows
from .report import ImportReport, RowError
from .rows import check_together, clean_rows

__all__ = ["ImportOptions", "ImportReport", "RowError", "import_catalog"]

# Catalog fields an import may set: the edition the file belongs to.
EDITION_FIELDS = (
    "issuing_body",
    "document_number",
    "published_on",
    "valid_from",
    "valid_until",
    "declared_count",
)


@dataclass
class ImportOptions:
    catalog_title: str
    dry_run: bool = False
    draft: bool = False
    replace: bool = False  # the file is the catalog's whole entry list
    sheet: str = ""
    filename: str = ""
    catalog_kind: str = CatalogKind.ENTERPRISE_PRODUCT
    # The catalog's edition; blank values leave an existing catalog's unchanged.
    issuing_body: str = ""
    document_number: str = ""
    published_on: datetime.date | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    declared_count: int | None = None
    # For a new enterprise whose region cell is empty.
    default_region: str = ""
    first_set_level: str = RecognitionLevel.CITY
    user: object = None  # None: the command line, with every permission


class _Rollback(Exception):
    pass


class CatalogImport:
    def __init__(self, data, file_format, options):
        self.data = data
        self.file_format = file_format
        self.options = options
        self.report = ImportReport(
            catalog_title=options.catalog_title,
            filename=options.filename,
            dry_run=options.dry_run,
            draft=options.draft,
            replace=options.replace,
        )

    def error(self, message, row=None, column=""):
        self.report.errors.append(RowError(row, column, message))

    def run(self):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                self._run()
                if self.options.dry_run or self.report.errors:
                    raise _Rollback
        except _Rollback:
            pass
        except DatabaseError as error:
            # The checks above should have caught it; the file is still refused whole.
            self.error(f"数据库拒绝写入，未导入任何数据（{type(error).__name__}）。")
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _run(self):
        report, options = self.report, self.options
        if not (options.catalog_title or "").strip():
            self.error("请填写目录名称。")
        try:
            sheet = parse_rows(self.data, self.file_format, options.sheet or None)
        except SpreadsheetError as error:
            self.error(str(error))
            return
        report.rows, report.sheet_name = len(sheet.rows), sheet.sheet_name
        report.unknown_headers = sheet.unknown_headers
        rows = clean_rows(sheet.rows, report.errors)
        check_together(rows, report.errors, report.warnings)
        # Rows already wrong are left out of matching, so that one pass reports every row.
        wrong = {error.row for error in report.errors}
        rows = [row for row in rows if row.number not in wrong]
        publish = self._may_publish()
        plan = prepare(rows, report.errors, options.default_region)
        catalog = self._catalog()
        if report.errors:
            return
        self._list_removals(plan, catalog)
        user = options.user
        with changes.batch():
            writing.write_catalog(
                catalog,
                report.catalog_created,
                report.catalog_changed,
                publish=publish,
                user=user,
            )
            writing.write(
                plan,
                catalog,
                options,
                report,
                publish=publish,
                log_data={
                    "file": options.filename or "（未命名文件）",
                    "user": user.get_username() if user else "命令行",
                },
            )
        report.catalog = catalog

    def _may_publish(self):
        """Publish unless asked for drafts or the user may not publish there."""
        options, report = self.options, self.report
        user = options.user
        if user is None:
            return not options.draft
        places = [DirectoryIndexPage.objects.get(), CatalogIndexPage.objects.get()]
        testers = [place.permissions_for_user(user) for place in places]
        if not all(tester.can_add_subpage() for tester in testers):
            self.error("您没有在企业名录和目录下新建、修改页面的权限。")
            return False
        if not all(tester.can_publish_subpage() for tester in testers):
            report.moderated = report.draft = True
            return False
        return not options.draft

    def _catalog(self):
        """The catalog page, new or existing, with the edition the options give."""
        options, report = self.options, self.report
        catalog = CatalogPage.objects.filter(title=options.catalog_title).first()
        if catalog is None:
            report.catalog_created = True
            catalog = CatalogPage(
                title=options.catalog_title,
                kind=options.catalog_kind,
                issuing_body="未注明",
                published_on=timezone.localdate(),
            )
        for name in EDITION_FIELDS:
            value = getattr(options, name)
            if value not in (None, "") and getattr(catalog, name) != value:
                setattr(catalog, name, value)
                if not report.catalog_created:
                    report.catalog_changed.append(label_of(CatalogPage, name))
        try:
            catalog.clean_fields(exclude=[f.name for f in Page._meta.fields])
            problems = {}
        except ValidationError as error:
            problems = error.message_dict
        for name, message in catalog.date_errors().items():
            problems.setdefault(name, [message])
        for name, messages in problems.items():
            self.error(f"目录{label_of(CatalogPage, name)}：{'；'.join(messages)}")
        report.catalog = catalog
        return catalog

    def _list_removals(self, plan, catalog):
        """With `replace`: the entries the file leaves out, listed before anything changes
        (proposed additions it leaves out are dropped unlisted: nobody saw them)."""
        if not self.options.replace or catalog.pk is None:
            return
        kept = {
            ("p" if product else "e", (product or enterprise).page.pk)
            for _, enterprise, product in plan.lines
            if not (product or enterprise).is_new
        }
        entries = catalog.entries.in_force().select_related("product", "enterprise")
        entries = entries.order_by("sort_order")
        for entry in entries:
            if writing.entry_key(entry) not in kept:
                page = entry.product or entry.enterprise
                kind = "产品" if entry.product_id else "企业"
                self.report.removed.append(f"{kind}：{page.title}")


def import_catalog(data, file_format, options):
    """Validate and (unless a dry run) import a spreadsheet; an ImportReport."""
    return CatalogImport(data, file_format, options).run()
