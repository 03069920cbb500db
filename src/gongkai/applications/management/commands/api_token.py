"""Create a staff API token for a handler and print it once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.applications.services import api_token_create


class Command(BaseCommand):
    help = "为工作人员创建接口令牌并只显示一次：gongkai manage api_token 用户名 [--name 用途]"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="接口令牌", help="令牌的用途，便于日后识别和停用")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有启用的用户“{username}”")
        token, key = api_token_create(user=user, name=name)
        self.stdout.write(key)
        self.stderr.write(f"已为{username}创建令牌（前缀 {token.prefix}），请立即保存：它不会再显示。")
