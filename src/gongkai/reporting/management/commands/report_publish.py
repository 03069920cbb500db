"""`gongkai manage report_publish --agency ID --year YYYY --user NAME`: the command-line door to publishing.

Without --confirm it is the preview: it writes the files that would be frozen (--preview-dir), and lists what stops
publication and each warning with the key to acknowledge it by. With --confirm (and --ack KEY=REASON for each
warning kept) it publishes through the same service, and so the same gate, as the staff page.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.reporting import gate, services
from gongkai.reporting.files import download_name


class Command(BaseCommand):
    help = "预览并公布年度报告（与网页相同的公布前检查和确认）"

    def add_arguments(self, parser):
        parser.add_argument("--agency", type=int, required=True, help="机关编号")
        parser.add_argument("--year", type=int, required=True, help="报告年度")
        parser.add_argument("--user", required=True, help="确认公布的人（签发角色）的用户名")
        parser.add_argument("--preview-dir", type=Path, help="把将要公布的 DOCX、HTML、XLSX 写到此目录")
        parser.add_argument("--ack", action="append", default=[], metavar="KEY=REASON", help="保留某条警告的理由")
        parser.add_argument("--note", default="", help="更正说明（第2版起必填）")
        parser.add_argument("--confirm", action="store_true", help="已核对预览，确认公布（不可撤销）")

    def handle(self, *args, **options):
        try:
            agency = Agency.objects.get(pk=options["agency"])
            user = get_user_model().objects.get(username=options["user"])
        except (Agency.DoesNotExist, get_user_model().DoesNotExist) as exc:
            raise CommandError(f"找不到机关或用户：{exc}") from None
        year = options["year"]
        acknowledgements = {}
        for item in options["ack"]:
            key, sep, reason = item.partition("=")
            if not sep:
                raise CommandError(f"--ack 应写成 KEY=理由，而不是“{item}”")
            acknowledgements[key.strip()] = reason
        if not options["confirm"]:
            return self._preview(agency, year, acknowledgements, options["preview_dir"])
        draft = services.draft_start(agency=agency, year=year, actor=user)
        try:
            version = services.report_publish(
                draft=draft, actor=user, note=options["note"], acknowledgements=acknowledgements, confirmed=True
            )
        except ValidationError as exc:
            raise CommandError("不能公布：\n" + "\n".join(f"  - {m}" for m in exc.messages)) from None
        self.stdout.write(f"已公布 {agency.name} {year}年度报告第{version.number}版（{version.published_on}）")

    def _preview(self, agency, year, acknowledgements, directory):
        publication = services.publication_prepare(agency=agency, year=year)
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            for ext in ("docx", "html", "xlsx"):
                path = directory / download_name(agency_name=agency.name, year=year, ext=ext, suffix="（预览）")
                path.write_bytes(getattr(publication, ext))
                self.stdout.write(f"预览文件：{path}")
        blockers = publication.blockers(acknowledgements)
        for blocker in blockers:
            self.stdout.write(f"  不能公布：{blocker.message}")
        for finding in publication.current.findings:
            if finding.severity == "warning":
                self.stdout.write(f"  警告 {gate.warning_key(finding)}：{finding.message}")
        verdict = "核对后可加 --confirm 公布" if not blockers else f"有 {len(blockers)} 个问题须先解决"
        self.stdout.write(f"预览（未公布）：{verdict}")
