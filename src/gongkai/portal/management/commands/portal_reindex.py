from django.core.management.base import BaseCommand

from gongkai.portal.sync import reindex


class Command(BaseCommand):
    help = "重建门户全文检索并刷新所有公开页面缓存（批量导入数据后运行，可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="交给后台任务进程运行（任一节点），立即返回")

    def handle(self, *args, queue: bool = False, **options):
        if queue:
            from gongkai.jobs.tasks import portal_reindex

            result = portal_reindex.enqueue()
            self.stdout.write(f"已加入后台任务队列：{result.id}")
            return
        self.stdout.write(f"已索引 {reindex()} 条公开信息")
