"""Import an official catalog spreadsheet (.xlsx or .csv) into published pages."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directory.choices import CatalogKind
from directory.importing import ImportOptions, import_catalog
from directory.importing.reading import MAX_FILE_BYTES, MAX_FILE_LABEL


class Command(BaseCommand):
    help = "导入目录表格（.xlsx 或 .csv）：校验每一行，全部无误才在一个事务中导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx 或 .csv 文件")
        parser.add_argument("--catalog", required=True, help="目录名称（不存在时新建）")
        parser.add_argument("--sheet", default="", help="工作表名称（默认第一个有表头的工作表）")
        parser.add_argument("--dry-run", action="store_true", help="试运行：完整执行后回滚，只报告")
        parser.add_argument("--draft", action="store_true", help="保存为草稿，待审核后发布")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="以本文件为目录的全部条目：文件中没有的条目从目录中移除",
        )
        parser.add_argument(
            "--user", default="", help="以该用户身份导入（按其页面权限；无发布权限则提交审核）"
        )
        parser.add_argument(
            "--kind",
            choices=CatalogKind.values,
            default=CatalogKind.ENTERPRISE_PRODUCT,
            help="新建目录的类型",
        )
        parser.add_argument("--issuing-body", default="", help="目录的发布单位")
        parser.add_argument("--document-number", default="", help="目录的文号")
        date = datetime.date.fromisoformat
        parser.add_argument("--published-on", type=date, help="发布日期 YYYY-MM-DD")
        parser.add_argument("--valid-from", type=date, help="生效日期 YYYY-MM-DD")
        parser.add_argument("--valid-until", type=date, help="有效期至 YYYY-MM-DD")
        parser.add_argument("--declared-count", type=int, help="原文收录数量")
        parser.add_argument("--region", default="", help="新企业未填所在地区时使用的地区")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"文件超过 {MAX_FILE_LABEL}，请分成几个文件导入。", returncode=1)
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"找不到用户：{options['user']}")
        report = import_catalog(
            path.read_bytes(),
            path.suffix.lstrip(".").lower(),
            ImportOptions(
                catalog_title=options["catalog"],
                filename=path.name,
                sheet=options["sheet"],
                dry_run=options["dry_run"],
                draft=options["draft"],
                replace=options["replace"],
                user=user,
                catalog_kind=options["kind"],
                issuing_body=options["issuing_body"],
                document_number=options["document_number"],
                published_on=options["published_on"],
                valid_from=options["valid_from"],
                valid_until=options["valid_until"],
                declared_count=options["declared_count"],
                default_region=options["region"],
            ),
        )
        lines = report.summary_lines()
        if not report.ok:
            raise CommandError("\n".join(lines), returncode=1)
        if report.removed:
            verb = "待审核从目录中移除" if report.moderated else "从目录中移除"
            lines.insert(1, f"{verb} {len(report.removed)} 条：{'、'.join(report.removed)}")
        for line in lines:
            self.stdout.write(line)
