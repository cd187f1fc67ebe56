"""Import an official catalog spreadsheet (.xlsx or .csv) into published pages."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.choices import CatalogKind
from directory.importing import ImportOptions, import_catalog


class Command(BaseCommand):
    help = "导入目录表格（.xlsx 或 .csv）：校验每一行，全部无误才在一个事务中导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx 或 .csv 文件")
        parser.add_argument("--catalog", required=True, help="目录名称（不存在时新建）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并报告，不写入")
        parser.add_argument("--draft", action="store_true", help="保存为草稿，待审核后发布")
        parser.add_argument(
            "--kind",
            choices=CatalogKind.values,
            default=CatalogKind.ENTERPRISE_PRODUCT,
            help="新建目录的类型",
        )
        parser.add_argument("--issuing-body", default="未注明", help="新建目录的发布单位")
        parser.add_argument("--document-number", default="", help="新建目录的文号")
        parser.add_argument(
            "--published-on", type=datetime.date.fromisoformat, help="新建目录的发布日期 YYYY-MM-DD"
        )
        parser.add_argument("--region", default="", help="新企业未填所在地区时使用的地区")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        report = import_catalog(
            path.read_bytes(),
            path.suffix.lstrip(".").lower(),
            ImportOptions(
                catalog_title=options["catalog"],
                dry_run=options["dry_run"],
                draft=options["draft"],
                catalog_kind=options["kind"],
                issuing_body=options["issuing_body"],
                document_number=options["document_number"],
                published_on=options["published_on"],
                default_region=options["region"],
            ),
        )
        lines = report.summary_lines()
        if not report.ok:
            raise CommandError("\n".join(lines), returncode=1)
        for line in lines:
            self.stdout.write(line)
