"""Importing an official catalog spreadsheet into enterprise and product pages.

parse → validate every row → (if any row is bad: report, import nothing) →
match existing records → write everything in one transaction, announcing the change.

Matching makes imports idempotent: an enterprise is found by its credit code,
a product by its registration number or else by enterprise + name + model, and
a cell left empty keeps what the page already says. Importing the same file
twice changes nothing the second time.
"""

import datetime
import html
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import bulk, changes
from directory.choices import (
    DEVICE_TYPES,
    CatalogKind,
    DeviceClass,
    MedicalInsurance,
    ProcurementStatus,
    ProductType,
    RecognitionKind,
    RecognitionLevel,
)
from directory.models import (
    CatalogEntry,
    CatalogIndexPage,
    CatalogPage,
    DirectoryIndexPage,
    EnterprisePage,
    FirstSetRecognition,
    ProductPage,
    first_set_product_ids,
)
from directory.spreadsheets import LABELS, PRODUCT_KEYS, SpreadsheetError, html_to_text, parse_rows
from directory.validators import (
    normalize_identifier,
    registration_device_class,
    registration_kind,
    validate_credit_code,
    validate_registration_no,
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
ACTION_LABELS = {CREATED: "新建", UPDATED: "更新", UNCHANGED: "无变化"}

# Spreadsheet column → page field, for the plain text fields.
ENTERPRISE_FIELDS = {
    "enterprise_name": "title",
    "region": "region",
    "address": "address",
    "contact_name": "contact_name",
    "contact_phone": "contact_phone",
    "website": "website",
    "enterprise_description": "description",
}
PRODUCT_FIELDS = {
    "product_name": "title",
    "product_type": "product_type",
    "device_class": "device_class",
    "registration_no": "registration_no",
    "model": "model_spec",
    "intended_use": "intended_use",
    "procurement_status": "procurement_status",
    "medical_insurance": "medical_insurance",
}


def _norm(text):
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def _choice_lookup(choices, extra=None):
    lookup = {}
    for value, label in choices.choices:
        lookup[_norm(value)] = value
        lookup[_norm(label)] = value
    for alias, value in (extra or {}).items():
        lookup[_norm(alias)] = value
    return lookup


PRODUCT_TYPES = _choice_lookup(
    ProductType, {"器械": "device", "耗材": "consumable", "体外诊断": "ivd", "ivd试剂": "ivd"}
)
DEVICE_CLASSES = _choice_lookup(
    DeviceClass,
    {
        "一类": "1",
        "二类": "2",
        "三类": "3",
        "i类": "1",
        "ii类": "2",
        "iii类": "3",
        "ⅰ类": "1",
        "ⅱ类": "2",
        "ⅲ类": "3",
        "i": "1",
        "ii": "2",
        "iii": "3",
        "class1": "1",
        "class2": "2",
        "class3": "3",
    },
)
PROCUREMENT = _choice_lookup(
    ProcurementStatus,
    {
        "集中采购": "centralized",
        "阳光挂网": "sunshine",
        "挂网": "sunshine",
        "带量采购": "vbp_winner",
        "带量中选": "vbp_winner",
        "中选": "vbp_winner",
        "带量备选": "vbp_candidate",
        "备选": "vbp_candidate",
        "线下采购": "offline",
        "备案采购": "offline",
        "线下": "offline",
        "未知": "unknown",
    },
)
INSURANCE = _choice_lookup(
    MedicalInsurance,
    {
        "是": "covered",
        "否": "not_covered",
        "已纳入": "covered",
        "未纳入": "not_covered",
        "医保": "covered",
        "非医保": "not_covered",
        "未知": "unknown",
    },
)
YES_NO = {_norm(w): True for w in ("是", "有", "y", "yes", "true", "1", "√")}
YES_NO.update({_norm(w): False for w in ("否", "无", "n", "no", "false", "0", "×")})


@dataclass
class ImportOptions:
    catalog_title: str
    dry_run: bool = False
    draft: bool = False
    # Used only when the catalog does not exist yet.
    catalog_kind: str = CatalogKind.ENTERPRISE_PRODUCT
    issuing_body: str = "未注明"
    document_number: str = ""
    published_on: datetime.date | None = None
    # For a new enterprise whose region cell is empty.
    default_region: str = ""
    first_set_level: str = RecognitionLevel.CITY
    user: object = None


@dataclass
class RowError:
    row: int | None  # as the spreadsheet shows it (header = 1); None for the whole file
    column: str  # Chinese column header, or "" for the whole row/file
    message: str

    def __str__(self):
        where = f"第 {self.row} 行" if self.row else "文件"
        column = f"“{self.column}”" if self.column else ""
        return f"{where}{column}：{self.message}"


@dataclass
class RowResult:
    row: int
    kind: str  # "enterprise" or "product"
    name: str
    action: str

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]


@dataclass
class ImportReport:
    catalog_title: str
    dry_run: bool = False
    draft: bool = False
    rows: int = 0
    errors: list = field(default_factory=list)
    results: list = field(default_factory=list)
    enterprises: Counter = field(default_factory=Counter)
    products: Counter = field(default_factory=Counter)
    entries: Counter = field(default_factory=Counter)
    catalog: object = None
    catalog_created: bool = False
    unknown_headers: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self):
        return not self.errors

    @property
    def error_rows(self):
        return sorted({error.row for error in self.errors if error.row})

    def errors_by_row(self):
        grouped = {}
        for error in self.errors:
            grouped.setdefault(error.row, []).append(error)
        return grouped

    def summary_lines(self):
        def counts(counter):
            return "，".join(
                f"{ACTION_LABELS[a]} {counter[a]}" for a in (CREATED, UPDATED, UNCHANGED)
            )

        if self.errors:
            where = (
                f"{len(self.error_rows)} 行共 {len(self.errors)} 处错误"
                if self.error_rows
                else f"{len(self.errors)} 处错误"
            )
            return [f"文件有 {where}，未导入任何数据（共 {self.rows} 行）："] + [
                f"  {error}" for error in self.errors
            ]
        mode = (
            "试运行（未写入）"
            if self.dry_run
            else ("已导入为草稿，待审核发布" if self.draft else "已导入并发布")
        )
        catalog = f"目录“{self.catalog_title}”" + ("（新建）" if self.catalog_created else "")
        lines = [
            f"{mode}：{catalog}，共 {self.rows} 行，用时 {self.seconds:.1f} 秒。",
            f"企业：{counts(self.enterprises)}",
            f"产品：{counts(self.products)}",
            f"目录条目：{counts(self.entries)}",
        ]
        if self.unknown_headers:
            lines.append(f"已忽略无法识别的列：{'、'.join(self.unknown_headers)}")
        return lines


@dataclass
class CleanRow:
    number: int
    enterprise: dict  # page field → value (only non-empty cells)
    credit_code: str
    product: dict | None  # None: the row is an enterprise alone
    first_set: bool | None = None
    product_key: tuple | None = None


class _RowCleaner:
    """Turns one row of text cells into field values, collecting errors."""

    def __init__(self, number, values, errors, default_region):
        self.number = number
        self.values = values
        self.errors = errors
        self.default_region = default_region

    def error(self, key, message):
        self.errors.append(RowError(self.number, LABELS.get(key, ""), message))

    def text(self, key):
        return (self.values.get(key) or "").strip()

    def model_field(self, model, key, field_name, value):
        """Run the model field's own validators (length, format)."""
        if value in ("", None):
            return value
        try:
            return model._meta.get_field(field_name).clean(value, None)
        except ValidationError as error:
            self.error(key, "；".join(error.messages))
            return None

    def choice(self, key, lookup, label):
        value = self.text(key)
        if not value:
            return ""
        found = lookup.get(_norm(value))
        if found is None:
            self.error(key, f"无法识别的{label}“{value}”。")
        return found or ""

    def clean(self):
        enterprise = {}
        name = self.text("enterprise_name")
        if not name:
            self.error("enterprise_name", "企业名称不能为空。")
        elif len(name) > 255:
            self.error("enterprise_name", "企业名称不能超过 255 个字。")
        else:
            enterprise["title"] = name
        code = normalize_identifier(self.text("credit_code"))
        if not code:
            self.error("credit_code", "统一社会信用代码不能为空。")
        else:
            try:
                validate_credit_code(code)
            except ValidationError as error:
                self.error("credit_code", error.messages[0])
        for key in ("region", "address", "contact_name", "contact_phone"):
            value = self.model_field(EnterprisePage, key, key, self.text(key))
            if value:
                enterprise[key] = value
        website = self.text("website")
        if website:
            if "://" not in website:
                website = f"http://{website}"
            website = self.model_field(EnterprisePage, "website", "website", website)
            if website:
                enterprise["website"] = website
        description = self.text("enterprise_description")
        if description:
            enterprise["description"] = description  # plain text; stored as paragraphs
        row = CleanRow(self.number, enterprise, code, None)
        if any(self.text(key) for key in PRODUCT_KEYS):
            row.product, row.first_set = self.clean_product()
        return row

    def clean_product(self):
        product = {}
        name = self.text("product_name")
        if not name:
            self.error("product_name", "产品名称不能为空（本行填写了产品信息）。")
        elif len(name) > 255:
            self.error("product_name", "产品名称不能超过 255 个字。")
        else:
            product["title"] = name
        number = normalize_identifier(self.text("registration_no"))
        kind = None
        if number:
            try:
                validate_registration_no(number)
                kind = registration_kind(number)
                product["registration_no"] = number
            except ValidationError as error:
                self.error("registration_no", error.messages[0])
        product_type = self.choice("product_type", PRODUCT_TYPES, "产品类别")
        if not product_type and not self.text("product_type"):
            if kind == "drug":
                product_type = ProductType.DRUG
            elif kind:
                product_type = ProductType.DEVICE
            else:
                self.error("product_type", "产品类别不能为空（无注册证编号时无法推断）。")
        device_class = self.choice("device_class", DEVICE_CLASSES, "管理类别")
        if not device_class and not self.text("device_class") and product_type in DEVICE_TYPES:
            if kind == "device_registration":
                device_class = registration_device_class(number)
            elif kind == "device_filing":
                device_class = DeviceClass.CLASS_1
        if product_type:
            product["product_type"] = product_type
            is_device = product_type in DEVICE_TYPES
            if is_device and not device_class and not self.text("device_class"):
                self.error("device_class", "医疗器械、医用耗材和体外诊断试剂须填写管理类别。")
            elif not is_device and device_class:
                self.error("device_class", "只有医疗器械、医用耗材和体外诊断试剂有管理类别。")
            if kind == "drug" and product_type != ProductType.DRUG:
                self.error("registration_no", "“国药准字”是药品批准文号，产品类别应为药品。")
            elif kind and kind != "drug" and not is_device:
                self.error(
                    "registration_no", "医疗器械注册证/备案编号只适用于器械、耗材和体外诊断试剂。"
                )
            elif kind == "device_filing" and device_class not in ("", DeviceClass.CLASS_1):
                self.error("registration_no", "备案编号只适用于第一类医疗器械。")
            elif kind == "device_registration" and device_class:
                encoded = registration_device_class(number)
                if encoded != device_class:
                    self.error(
                        "registration_no",
                        f"注册证编号表示{DeviceClass(encoded).label}医疗器械，与管理类别不符。",
                    )
        product["device_class"] = device_class if product_type in DEVICE_TYPES else ""
        model = self.model_field(ProductPage, "model", "model_spec", self.text("model"))
        product["model_spec"] = model or ""
        intended_use = self.text("intended_use")
        if intended_use:
            product["intended_use"] = intended_use
        procurement = self.choice("procurement_status", PROCUREMENT, "采购状态")
        if procurement:
            product["procurement_status"] = procurement
        insurance = self.choice("medical_insurance", INSURANCE, "医保情况")
        if insurance:
            product["medical_insurance"] = insurance
        first_set = None
        if self.text("first_set"):
            first_set = YES_NO.get(_norm(self.text("first_set")))
            if first_set is None:
                self.error("first_set", f"首台套应填“是”或“否”，不是“{self.text('first_set')}”。")
        return product, first_set


def text_to_html(text):
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in paragraphs)


def _differs(page, field_name, value):
    current = getattr(page, field_name)
    if field_name == "description":
        return html_to_text(current) != value
    return (current or "") != (value or "")


def _apply(page, values):
    """Set values on a page; the names of the fields that changed."""
    changed = []
    for field_name, value in values.items():
        if _differs(page, field_name, value):
            setattr(page, field_name, text_to_html(value) if field_name == "description" else value)
            changed.append(field_name)
    return changed


class CatalogImport:
    def __init__(self, data, file_format, options):
        self.data = data
        self.file_format = file_format
        self.options = options
        self.report = ImportReport(
            catalog_title=options.catalog_title, dry_run=options.dry_run, draft=options.draft
        )

    # 1. parse and validate ---------------------------------------------------------

    def validate(self):
        report = self.report
        if not (self.options.catalog_title or "").strip():
            report.errors.append(RowError(None, "", "请填写目录名称。"))
        try:
            sheet = parse_rows(self.data, self.file_format)
        except SpreadsheetError as error:
            report.errors.append(RowError(None, "", str(error)))
            return []
        report.unknown_headers = sheet.unknown_headers
        report.rows = len(sheet.rows)
        if not sheet.rows:
            report.errors.append(RowError(None, "", "文件没有数据行。"))
        rows = []
        for number, values in sheet.rows:
            rows.append(
                _RowCleaner(number, values, report.errors, self.options.default_region).clean()
            )
        self.check_duplicates(rows)
        return rows

    def check_duplicates(self, rows):
        errors = self.report.errors
        seen_products, seen_enterprises, enterprise_rows = {}, {}, {}
        for row in rows:
            if not row.credit_code:
                continue
            first = enterprise_rows.setdefault(row.credit_code, row)
            if first is not row:
                for field_name, value in row.enterprise.items():
                    other = first.enterprise.get(field_name)
                    if other is not None and other != value:
                        column = next(k for k, f in ENTERPRISE_FIELDS.items() if f == field_name)
                        errors.append(
                            RowError(
                                row.number,
                                LABELS[column],
                                f"与第 {first.number} 行同一企业（信用代码相同）的内容不一致。",
                            )
                        )
                    elif other is None:
                        first.enterprise[field_name] = value
            if row.product is None:
                if row.credit_code in seen_enterprises:
                    errors.append(
                        RowError(
                            row.number,
                            LABELS["credit_code"],
                            f"与第 {seen_enterprises[row.credit_code]} 行重复（同一企业）。",
                        )
                    )
                seen_enterprises.setdefault(row.credit_code, row.number)
                continue
            number = row.product.get("registration_no")
            if number:
                key, column, what = ("reg", number), "registration_no", "注册证编号相同"
            else:
                key = (
                    "name",
                    row.credit_code,
                    _norm(row.product.get("title", "")),
                    _norm(row.product.get("model_spec", "")),
                )
                column, what = "product_name", "同一企业的产品名称和规格型号相同"
            row.product_key = key
            if key in seen_products:
                errors.append(
                    RowError(
                        row.number, LABELS[column], f"与第 {seen_products[key]} 行重复（{what}）。"
                    )
                )
            seen_products.setdefault(key, row.number)

    # 2. match --------------------------------------------------------------------

    def match(self, rows):
        """Find existing enterprises and products; the plan for each row."""
        codes = {row.credit_code for row in rows}
        enterprises = {
            page.credit_code: page for page in EnterprisePage.objects.filter(credit_code__in=codes)
        }
        numbers = {
            row.product["registration_no"]
            for row in rows
            if row.product and row.product.get("registration_no")
        }
        by_number = {
            page.registration_no: page
            for page in ProductPage.objects.filter(registration_no__in=numbers)
        }
        names = {row.product.get("title") for row in rows if row.product}
        by_name = {}
        if enterprises and names:
            parents = {page.path for page in enterprises.values()}
            depth = next(iter(enterprises.values())).depth + 1
            candidates = ProductPage.objects.filter(depth=depth, title__in=names)
            for page in candidates:
                parent = page.path[: -page.steplen]
                if parent in parents:
                    key = (parent, _norm(page.title), _norm(page.model_spec))
                    by_name.setdefault(key, page)
        product_ids = [page.pk for page in [*by_number.values(), *by_name.values()]]
        first_set = first_set_product_ids(product_ids)
        plan = []
        for row in rows:
            enterprise = enterprises.get(row.credit_code)
            product = None
            if row.product is not None:
                number = row.product.get("registration_no")
                product = by_number.get(number) if number else None
                if product is not None and (
                    enterprise is None or not product.path.startswith(enterprise.path)
                ):
                    self.report.errors.append(
                        RowError(
                            row.number,
                            LABELS["registration_no"],
                            f"该注册证编号已登记在另一企业的产品“{product.title}”名下。",
                        )
                    )
                    continue
                if product is None and enterprise is not None:
                    key = (
                        enterprise.path,
                        _norm(row.product.get("title", "")),
                        _norm(row.product.get("model_spec", "")),
                    )
                    product = by_name.get(key)
                    if (
                        product is not None
                        and number
                        and product.registration_no
                        and product.registration_no != number
                    ):
                        product = None  # same name, another registration: a new product
            plan.append((row, enterprise, product))
        return plan, first_set

    # 3. write --------------------------------------------------------------------

    def run(self):
        started = timezone.now()
        rows = self.validate()
        if self.report.errors:
            return self.report
        plan, first_set = self.match(rows)
        if self.report.errors:
            return self.report
        if self.options.dry_run:
            self.simulate(plan, first_set)
        else:
            with transaction.atomic(), changes.batch():
                self.write(plan, first_set)
        self.report.seconds = (timezone.now() - started).total_seconds()
        return self.report

    def simulate(self, plan, first_set):
        """What `write` would do, without writing."""
        report = self.report
        catalog = CatalogPage.objects.filter(title=self.options.catalog_title).first()
        report.catalog, report.catalog_created = catalog, catalog is None
        entries = {}
        if catalog is not None:
            for entry in catalog.entries.all():
                key = ("p", entry.product_id) if entry.product_id else ("e", entry.enterprise_id)
                entries[key] = entry.sort_order
        enterprise_action = {}
        for position, (row, enterprise, product) in enumerate(plan, start=1):
            if row.credit_code not in enterprise_action:
                if enterprise is None:
                    action = CREATED
                else:
                    action = UPDATED if self._changes(enterprise, row.enterprise) else UNCHANGED
                enterprise_action[row.credit_code] = action
                report.enterprises[action] += 1
            if row.product is None:
                target = enterprise
                key = ("e", enterprise.pk if enterprise else None)
                result = RowResult(
                    row.number,
                    "enterprise",
                    row.enterprise.get("title", ""),
                    enterprise_action[row.credit_code],
                )
            else:
                target = product
                if product is None:
                    action = CREATED
                else:
                    changed = self._changes(product, row.product)
                    if row.first_set and product.pk not in first_set and not self.options.draft:
                        changed.append("recognitions")
                    action = UPDATED if changed else UNCHANGED
                report.products[action] += 1
                key = ("p", product.pk if product else None)
                result = RowResult(row.number, "product", row.product.get("title", ""), action)
            if target is None or key not in entries:
                report.entries[CREATED] += 1
            else:
                report.entries[UNCHANGED if entries[key] == position else UPDATED] += 1
            report.results.append(result)

    @staticmethod
    def _changes(page, values):
        probe = type(page)(**{name: getattr(page, name) for name in values})
        return _apply(probe, values)

    def get_or_create_catalog(self, publish):
        options = self.options
        catalog = CatalogPage.objects.filter(title=options.catalog_title).first()
        if catalog is not None:
            return catalog, False
        catalog = CatalogPage(
            title=options.catalog_title,
            kind=options.catalog_kind,
            issuing_body=options.issuing_body or "未注明",
            document_number=options.document_number,
            published_on=options.published_on or timezone.localdate(),
            live=False,
        )
        CatalogIndexPage.objects.get().add_child(instance=catalog)
        revision = catalog.save_revision(user=options.user, log_action=True)
        if publish:
            revision.publish(user=options.user)
            catalog.refresh_from_db()
        return catalog, True

    def write(self, plan, first_set):
        options, report = self.options, self.report
        publish = not options.draft
        user = options.user
        directory = DirectoryIndexPage.objects.select_for_update().get()
        catalog, report.catalog_created = self.get_or_create_catalog(publish)
        report.catalog = catalog

        # Enterprises: one page per credit code.
        new_enterprises, updated_enterprises, enterprise_action = [], [], {}
        enterprise_by_code = {}
        changed_fields = set()
        for row, enterprise, _ in plan:
            if row.credit_code in enterprise_by_code:
                continue
            values = dict(row.enterprise)
            if enterprise is None:
                region = values.pop("region", "") or options.default_region
                description = values.pop("description", "")
                enterprise = EnterprisePage(
                    credit_code=row.credit_code,
                    region=region,
                    description=text_to_html(description),
                    **values,
                )
                new_enterprises.append((directory, enterprise))
                enterprise_action[row.credit_code] = CREATED
            else:
                # In draft mode the new values go into the revision only (see bulk.update_pages).
                changed = _apply(enterprise, values)
                if changed:
                    changed_fields.update(changed)
                    updated_enterprises.append(enterprise)
                enterprise_action[row.credit_code] = UPDATED if changed else UNCHANGED
            enterprise_by_code[row.credit_code] = enterprise
        bulk.add_children(new_enterprises, publish=publish, user=user)
        bulk.update_pages(updated_enterprises, changed_fields, publish=publish, user=user)
        report.enterprises.update(enterprise_action.values())

        # Products, under their enterprise.
        new_products, updated_products, product_actions = [], [], []
        recognitions = []
        changed_fields = set()
        for row, _, product in plan:
            if row.product is None:
                product_actions.append(None)
                continue
            enterprise = enterprise_by_code[row.credit_code]
            values = dict(row.product)
            if product is None:
                values.setdefault("procurement_status", ProcurementStatus.UNKNOWN)
                values.setdefault("medical_insurance", MedicalInsurance.UNKNOWN)
                product = ProductPage(**values)
                new_products.append((enterprise, product))
                action = CREATED
            else:
                changed = _apply(product, values)
                if changed:
                    changed_fields.update(changed)
                    updated_products.append(product)
                action = UPDATED if changed else UNCHANGED
            # A first-set mark adds a recognition; in draft mode only to new (unpublished) pages.
            if row.first_set and (action == CREATED or (publish and product.pk not in first_set)):
                recognitions.append(product)
                if action == UNCHANGED:
                    action = UPDATED
                    updated_products.append(product)
            product_actions.append((product, action))
        bulk.add_children(new_products, publish=publish, user=user)
        bulk.update_pages(updated_products, changed_fields, publish=publish, user=user)
        FirstSetRecognition.objects.bulk_create(
            [
                FirstSetRecognition(
                    page_id=product.pk,
                    kind=RecognitionKind.FIRST_SET,
                    level=options.first_set_level,
                    catalog=catalog if catalog.kind == CatalogKind.FIRST_SET else None,
                    sort_order=0,
                )
                for product in recognitions
            ],
            batch_size=bulk.BATCH_SIZE,
        )

        # Catalog entries, in file order.
        existing = {}
        for entry in catalog.entries.all():
            existing[
                ("p", entry.product_id) if entry.product_id else ("e", entry.enterprise_id)
            ] = entry
        new_entries, moved_entries = [], []
        for position, ((row, _, _), item) in enumerate(
            zip(plan, product_actions, strict=True), start=1
        ):
            if item is None:
                page = enterprise_by_code[row.credit_code]
                key = ("e", page.pk)
                report.results.append(
                    RowResult(
                        row.number, "enterprise", page.title, enterprise_action[row.credit_code]
                    )
                )
            else:
                page, action = item
                key = ("p", page.pk)
                report.products[action] += 1
                report.results.append(RowResult(row.number, "product", page.title, action))
            entry = existing.get(key)
            if entry is None:
                new_entries.append(
                    CatalogEntry(
                        catalog=catalog,
                        sort_order=position,
                        **(
                            {"product_id": page.pk} if key[0] == "p" else {"enterprise_id": page.pk}
                        ),
                    )
                )
                report.entries[CREATED] += 1
            elif entry.sort_order != position:
                entry.sort_order = position
                moved_entries.append(entry)
                report.entries[UPDATED] += 1
            else:
                report.entries[UNCHANGED] += 1
        CatalogEntry.objects.bulk_create(new_entries, batch_size=bulk.BATCH_SIZE)
        CatalogEntry.objects.bulk_update(moved_entries, ["sort_order"], batch_size=bulk.BATCH_SIZE)
        # Pages were announced by the bulk writer; entries change the catalog and its members.
        changes.announce(
            [
                catalog,
                *recognitions,
                *(entry.product_id or entry.enterprise_id for entry in new_entries),
            ]
        )


def import_catalog(data, file_format, options):
    """Validate and (unless a dry run) import a spreadsheet; an ImportReport."""
    return CatalogImport(data, file_format, options).run()
