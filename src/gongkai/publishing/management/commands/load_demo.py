from django.core.management.base import BaseCommand

from gongkai.site.demo_data import demo_load


class Command(BaseCommand):
    help = "载入演示机关（淄博市张店区机关事务服务中心）及其2022年数据；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--reset-passwords", action="store_true", help="为演示用户生成新密码并显示")

    def handle(self, *args, reset_passwords=False, **options):
        for username, role, password in demo_load(reset_passwords=reset_passwords):
            shown = password or "（已存在，密码不变；用 --reset-passwords 重设）"
            self.stdout.write(f"  {username:<14} {role:<22} {shown}")
