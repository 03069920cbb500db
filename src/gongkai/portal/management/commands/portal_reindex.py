from django.core.management.base import BaseCommand

from gongkai.portal.sync import reindex


class Command(BaseCommand):
    help = (
        "重建门户全文检索并刷新所有公开页面缓存（批量导入数据后运行，可重复运行）。"
        "交给后台任务进程运行：gongkai manage jobs_enqueue portal_reindex"
    )

    def handle(self, *args, **options):
        self.stdout.write(f"已索引 {reindex()} 条公开信息")
