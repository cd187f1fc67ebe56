from django.conf import settings
from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import indexing
from search.engines import get_engine
from search.registry import all_searchable_page_ids


class Command(BaseCommand):
    help = (
        "重建搜索索引：重新计算所有企业与产品的搜索文档；"
        "配置了 Elasticsearch 时建新索引并切换别名。"
    )

    def handle(self, *args, **options):
        quiet = options["verbosity"] == 0
        total = len(all_searchable_page_ids())
        with tqdm(total=total, desc="文档", unit="页", disable=quiet) as bar:
            written = indexing.rebuild(progress=bar.update)
        self.stdout.write(f"搜索文档：{written} 条有变化（共 {total} 个页面）。")
        if settings.ELASTICSEARCH_URL:
            engine = get_engine()
            with tqdm(desc="Elasticsearch", unit="条", disable=quiet) as bar:
                engine.rebuild(progress=bar.update)
            self.stdout.write(f"Elasticsearch 别名 {engine.alias} 已指向新索引。")
