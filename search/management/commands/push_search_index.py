import signal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.engines import elastic_push, get_engine


class Command(BaseCommand):
    help = (
        "向 Elasticsearch 推送搜索文档的变化（前台运行，可与网站进程并列部署）。"
        "所有进程共用数据库中的租约，同一时间只有一个进程推送。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只补推一次积压的变化，然后退出。")

    def handle(self, *args, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("未配置 ELASTICSEARCH_URL：内置搜索引擎无需推送。")
        if options["once"]:
            engine, holder = get_engine(), elastic_push.holder_name()
            if not elastic_push.take_lease(engine.cursor_name, holder):
                raise CommandError("另一个进程正在推送（持有租约），无需再推。")
            try:
                sent = engine.push_pending()
                elastic_push.record_success(engine.cursor_name)
            finally:
                elastic_push.release_lease(engine.cursor_name, holder)
            self.stdout.write(f"已推送 {sent} 条。")
            return
        loop = elastic_push.PushLoop(get_engine)
        signal.signal(signal.SIGTERM, lambda *_: loop.stopped.set() or loop.wake.set())
        self.stdout.write(f"推送进程 {loop.holder} 已启动。")
        try:
            loop.run()
        except KeyboardInterrupt:
            pass
        finally:
            loop.stop()
