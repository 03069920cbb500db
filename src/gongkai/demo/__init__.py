"""Demo data: the seed agency (淄博市张店区机关事务服务中心) and its published 2022 report.

`zhangdian-jgsw-2022.json` is the seed report, `shared/seed/zhangdian-jgsw-2022-annual-report.txt`, transcribed
into gongkai's report JSON: every paragraph (the text conversion's `[image: …]` and `[bookmark: …]` markers
dropped) and every table cell, headings as the report wrote them (its "3、" for section 三 included).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SEED_REPORT = "zhangdian-jgsw-2022.json"


def seed_report_path() -> Path:
    return Path(str(files(__name__) / SEED_REPORT))
