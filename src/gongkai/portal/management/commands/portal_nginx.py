from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.portal import nginx


class Command(BaseCommand):
    help = "打印门户的 nginx 站点配置：信息页由 nginx 直接发送 gongkai 写出的文件，其余请求转给应用服务器。"

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="80", help="nginx 监听的地址或端口（默认 80）")
        parser.add_argument(
            "--upstream", default="127.0.0.1:8000", help="应用服务器（gunicorn）的地址，多个节点用逗号分隔"
        )
        parser.add_argument("--server-name", default="_", help="站点域名")

    def handle(self, *args, **options):
        if not settings.GONGKAI_PAGE_FILES_DIR:
            raise CommandError("请先设置 GONGKAI_PAGE_FILES_DIR（信息页文件目录，应用服务器可写、nginx 可读）。")
        self.stdout.write(
            nginx.site(
                listen=options["listen"],
                upstream=options["upstream"],
                page_files=Path(settings.GONGKAI_PAGE_FILES_DIR).resolve(),
                server_name=options["server_name"],
            )
        )
