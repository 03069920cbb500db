"""The statutory time limits, each written once with the article it comes from.

Every period counts working days (工作日) and the day it starts from is not counted. The clock, the letters, the
forms, the reminders and the documentation take their numbers from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    workdays: int
    article: str
    what: str

    @property
    def cited(self) -> str:
        """ "20个工作日（第33条第2款）" — the number with its source, as the explanation and letters print it."""
        return f"{self.workdays}个工作日（{self.article}）"


REPLY = Period(20, "第33条第2款", "答复申请")
EXTENSION_MAX = Period(20, "第33条第2款", "延长答复期限，最长")
CORRECTION_NOTICE = Period(7, "第30条", "一次性告知补正")
THIRD_PARTY_ANSWER = Period(15, "第32条", "第三方提出意见")
OTHER_AGENCY_ANSWER = Period(15, "第34条", "其他机关提出意见")
FEE_PAYMENT = Period(20, "109号", "申请人缴纳信息处理费")
PUBLICATION = Period(20, "第26条", "主动公开信息形成或变更后公开")

# Appeals against a decision (第51条): calendar periods fixed by other laws, not working days.
RECONSIDERATION_DAYS = 60  # 行政复议法第20条: 60 days from knowing of the act
LAWSUIT_MONTHS = 6  # 行政诉讼法第46条: 6 months from knowing of the act
