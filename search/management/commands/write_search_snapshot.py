from django.conf import settings
from django.core.management.base import BaseCommand

from search.engines.embedded import write_snapshot


class Command(BaseCommand):
    help = "写入嵌入式搜索引擎的快照（各工作进程共享；rebuild_search_index 也会写入）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-free", action="store_true", help="另一进程正在写入时直接退出，不等待。"
        )

    def handle(self, *args, **options):
        if settings.ELASTICSEARCH_URL:
            self.stdout.write("已配置 Elasticsearch，无需嵌入式搜索快照。")
            return
        name = write_snapshot(wait=not options["if_free"])
        self.stdout.write(f"搜索快照：{name}" if name else "另一进程正在写入搜索快照。")
