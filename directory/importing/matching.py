"""Rows → the pages they create or change, checked by the models' own rules.

An enterprise is found by its credit code; a product by its registration
number, or else by enterprise + name + model. Values from the file are laid
over the page (a blank cell changes nothing) and then checked with the
model fields' validators and `product_rule_errors`, the rule the admin form
uses, so a value refused in the admin is refused here with the same words.
"""

import html
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from directory.choices import DEVICE_TYPES, MedicalInsurance, ProcurementStatus
from directory.models import (
    EnterprisePage,
    ProductPage,
    first_set_product_ids,
    product_rule_errors,
)
from directory.spreadsheets import html_to_text

from .report import CREATED, UNCHANGED, UPDATED, row_error
from .rows import ENTERPRISE_FIELDS, PRODUCT_FIELDS, infer_for_new_product
from .vocabulary import fold

COLUMN_OF = {
    EnterprisePage: {f: k for k, f in ENTERPRISE_FIELDS.items()},
    ProductPage: {f: k for k, f in PRODUCT_FIELDS.items()},
}


@dataclass
class Item:
    """One page the import creates or may change."""

    page: object
    row: int  # the first row that names it
    action: str = UNCHANGED
    changed: list = field(default_factory=list)  # field names

    @property
    def is_new(self):
        return self.action == CREATED


@dataclass
class Plan:
    enterprises: dict = field(default_factory=dict)  # credit code → Item
    lines: list = field(default_factory=list)  # (row, enterprise Item, product Item | None)
    first_set: set = field(default_factory=set)  # ids of products already recognised


def label_of(model, field_name):
    if field_name == "recognitions":
        return "首台（套）认定"
    return str(model._meta.get_field(field_name).verbose_name)


def text_to_html(text):
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in paragraphs)


def apply_values(page, values):
    """Lay stated values over a page; the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        current = getattr(page, name)
        if name == "description":
            if html_to_text(current) != value:
                page.description = text_to_html(value)
                changed.append(name)
        elif (current or "") != (value or ""):
            setattr(page, name, value)
            changed.append(name)
    return changed


def field_errors(page, names):
    """{field: messages} from each field's own validators (length, choices, format)."""
    errors = {}
    for name in names:
        model_field = page._meta.get_field(name)
        value = getattr(page, model_field.attname)
        try:
            model_field.clean(value, page)
        except ValidationError as error:
            errors[name] = error.messages
    return errors


def _report(errors, row, model, problems):
    for name, messages in problems.items():
        if isinstance(messages, str):
            messages = [messages]
        key = COLUMN_OF[model].get(name, "")
        errors.append(row_error(row, key, "；".join(messages)))


def _existing(rows):
    codes = {row.credit_code for row in rows}
    enterprises = {p.credit_code: p for p in EnterprisePage.objects.filter(credit_code__in=codes)}
    numbers = {n for n in (row.product.get("registration_no") for row in rows if row.product) if n}
    by_number = {
        p.registration_no: p for p in ProductPage.objects.filter(registration_no__in=numbers)
    }
    names = {row.product.get("title") for row in rows if row.product}
    by_name = {}
    if enterprises and names:
        parents = {page.path for page in enterprises.values()}
        depth = next(iter(enterprises.values())).depth + 1
        for page in ProductPage.objects.filter(depth=depth, title__in=names):
            parent = page.path[: -page.steplen]
            if parent in parents:
                by_name.setdefault((parent, fold(page.title), fold(page.model_spec)), page)
    return enterprises, by_number, by_name


def prepare(rows, errors, default_region=""):
    """The Plan for `rows`; problems appended to `errors`."""
    enterprises, by_number, by_name = _existing(rows)
    plan = Plan()
    plan.first_set = first_set_product_ids([p.pk for p in [*by_number.values(), *by_name.values()]])
    products = {}
    for row in rows:
        enterprise = plan.enterprises.get(row.credit_code)
        if enterprise is None:
            enterprise = _enterprise_item(row, enterprises.get(row.credit_code), default_region)
            plan.enterprises[row.credit_code] = enterprise
            _check_enterprise(enterprise, row, errors)
        product = None
        if row.product is not None:
            product = _product_item(row, enterprise, by_number, by_name, errors)
            if product is None:
                continue
            if id(product.page) in products:  # two rows, one product (matched by name)
                errors.append(
                    row_error(
                        row.number,
                        "product_name",
                        f"与第 {products[id(product.page)]} 行是同一产品。",
                    )
                )
                continue
            products[id(product.page)] = row.number
        plan.lines.append((row, enterprise, product))
    return plan


def _enterprise_item(row, page, default_region):
    values = dict(row.enterprise)
    if page is None:
        page = EnterprisePage(region=default_region)
        apply_values(page, values)
        return Item(page, row.number, CREATED)
    values.pop("credit_code", None)
    changed = apply_values(page, values)
    return Item(page, row.number, UPDATED if changed else UNCHANGED, changed)


def _check_enterprise(item, row, errors):
    page = item.page
    if item.is_new:
        names = ["credit_code", "region", *row.enterprise]
        if not page.region:
            errors.append(
                row_error(row.number, "region", "新企业须填写所在地区（或在导入时指定默认地区）。")
            )
            names.remove("region")
    else:
        names = item.changed
    names = [n for n in dict.fromkeys(names) if n != "title"]
    problems = field_errors(page, names)
    if page.title and len(page.title) > 255:
        problems["title"] = ["企业名称不能超过 255 个字。"]
    _report(errors, row.number, EnterprisePage, problems)


def _product_item(row, enterprise, by_number, by_name, errors):
    values = dict(row.product)
    number = values.get("registration_no")
    page = by_number.get(number) if number else None
    if page is not None and (enterprise.is_new or not page.path.startswith(enterprise.page.path)):
        errors.append(
            row_error(
                row.number,
                "registration_no",
                f"该注册证编号已登记在另一企业的产品“{page.title}”名下。",
            )
        )
        return None
    if page is None and not enterprise.is_new:
        key = (
            enterprise.page.path,
            fold(values.get("title", "")),
            fold(values.get("model_spec", "")),
        )
        page = by_name.get(key)
        if page is not None and number and page.registration_no and page.registration_no != number:
            page = None  # same name, another registration: a new product
    if page is None:
        infer_for_new_product(values)
        page = ProductPage(
            procurement_status=ProcurementStatus.UNKNOWN,
            medical_insurance=MedicalInsurance.UNKNOWN,
        )
        apply_values(page, values)
        item = Item(page, row.number, CREATED)
        names = list(values)
    else:
        changed = apply_values(page, values)
        # A product that stops being a device loses its class (its type column said so).
        if page.product_type not in DEVICE_TYPES and page.device_class:
            page.device_class = ""
            changed.append("device_class")
        item = Item(page, row.number, UPDATED if changed else UNCHANGED, changed)
        names = changed
    if not page.product_type:
        errors.append(
            row_error(row.number, "product_type", "产品类别不能为空（无注册证编号时无法推断）。")
        )
    problems = field_errors(page, [n for n in dict.fromkeys(names) if n != "title"])
    if page.title and len(page.title) > 255:
        problems["title"] = ["产品名称不能超过 255 个字。"]
    if page.product_type and (item.is_new or item.changed):
        for name, message in product_rule_errors(
            page.product_type, page.device_class, page.registration_no
        ).items():
            problems.setdefault(name, [message])
    _report(errors, row.number, ProductPage, problems)
    return item
