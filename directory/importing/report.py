"""What an import did, or would do: counts, changed fields, warnings, errors."""

from collections import Counter
from dataclasses import dataclass, field

from directory.spreadsheets import LABELS

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
ACTION_LABELS = {CREATED: "新建", UPDATED: "更新", UNCHANGED: "无变化"}


@dataclass
class RowError:
    row: int | None  # as the spreadsheet shows it (header = 1); None for the whole file
    column: str  # Chinese column header, or "" for the whole row/file
    message: str

    def __str__(self):
        where = f"第 {self.row} 行" if self.row else "文件"
        column = f"“{self.column}”" if self.column else ""
        return f"{where}{column}：{self.message}"


def row_error(row, key, message):
    return RowError(row, LABELS.get(key, ""), message)


@dataclass
class RowResult:
    row: int
    kind: str  # "enterprise" or "product"
    name: str
    action: str
    changed: list = field(default_factory=list)  # Chinese labels of changed fields

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]


@dataclass
class ImportReport:
    catalog_title: str
    filename: str = ""
    dry_run: bool = False
    draft: bool = False
    moderated: bool = False  # drafts submitted for review: the user may not publish
    replace: bool = False
    rows: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # RowError too: same shape, not fatal
    results: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # names of entries --replace removes
    proposed: list = field(default_factory=list)  # names of entries awaiting the catalog's review
    enterprises: Counter = field(default_factory=Counter)
    products: Counter = field(default_factory=Counter)
    entries: Counter = field(default_factory=Counter)
    changed_fields: Counter = field(default_factory=Counter)
    catalog: object = None
    catalog_created: bool = False
    catalog_changed: list = field(default_factory=list)
    unknown_headers: list = field(default_factory=list)
    sheet_name: str = ""
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

    @property
    def removal_label(self):
        return "待审核移除" if self.moderated else "移除"

    def _mode(self):
        if self.dry_run:
            return "试运行（未写入）"
        if self.moderated:
            return "已导入为草稿并提交审核（您没有发布权限）"
        return "已导入为草稿，待审核发布" if self.draft else "已导入并发布"

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
        catalog = f"目录“{self.catalog_title}”" + ("（新建）" if self.catalog_created else "")
        lines = [
            f"{self._mode()}：{catalog}，共 {self.rows} 行，用时 {self.seconds:.1f} 秒。",
            f"企业：{counts(self.enterprises)}",
            f"产品：{counts(self.products)}",
            f"目录条目：{counts(self.entries)}"
            + (f"，{self.removal_label} {len(self.removed)}" if self.replace else ""),
        ]
        if self.proposed:
            lines.append(f"待审核加入目录 {len(self.proposed)} 条（目录页面审核通过后生效）")
        if self.changed_fields:
            fields = "、".join(f"{name} {n}" for name, n in self.changed_fields.most_common())
            lines.append(f"更新的字段：{fields}")
        if self.catalog_changed:
            lines.append(f"目录信息更新：{'、'.join(self.catalog_changed)}")
        if self.unknown_headers:
            lines.append(f"已忽略无法识别的列：{'、'.join(self.unknown_headers)}")
        if self.warnings:
            lines.append(f"提醒 {len(self.warnings)} 条：")
            lines += [f"  {warning}" for warning in self.warnings]
        return lines
