"""The events of one application that move its statutory clock.

Each event is a frozen dataclass carrying the day it happened. The platform keeps one row per event and turns the rows
into these objects; the clock sorts them itself, so their order does not matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import ClockInputError
from .text import parse_date


class Channel(StrEnum):
    """How the application arrived; it fixes which day counts as receipt (第31条)."""

    IN_PERSON = "in_person"
    POST = "post"
    ONLINE = "online"
    FAX = "fax"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self][0]

    @property
    def receipt_rule(self) -> str:
        return _CHANNEL_LABELS[self][1]


_CHANNEL_LABELS = {
    Channel.IN_PERSON: ("当面提交", "以提交之日为收到申请之日，第31条第（一）项"),
    Channel.POST: ("邮寄", "以行政机关签收之日为收到申请之日，第31条第（二）项"),
    Channel.ONLINE: ("网上申请", "以双方确认之日为收到申请之日，第31条第（三）项"),
    Channel.FAX: ("传真", "以双方确认之日为收到申请之日，第31条第（三）项"),
}


class ConsultedParty(StrEnum):
    """Whom the agency consults while the clock stands still (第33条第3款)."""

    THIRD_PARTY = "third_party"  # 第三方 (第32条)
    OTHER_AGENCY = "other_agency"  # 其他机关 (第34条)
    UNSPECIFIED = "unspecified"  # a pause entered without saying whom (the command line's --pause)

    @property
    def label(self) -> str:
        return {"third_party": "第三方", "other_agency": "其他机关", "unspecified": "第三方或其他机关"}[self.value]

    @property
    def article(self) -> str:
        return {"third_party": "第32条", "other_agency": "第34条", "unspecified": "第32条、第34条"}[self.value]


@dataclass(frozen=True, kw_only=True)
class _DatedEvent:
    on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "on", parse_date(self.on))


@dataclass(frozen=True, kw_only=True)
class Received(_DatedEvent):
    """收到申请: `on` is the receipt date as 第31条 fixes it for the channel."""

    channel: Channel = Channel.IN_PERSON

    def __post_init__(self) -> None:
        super().__post_init__()
        try:
            object.__setattr__(self, "channel", Channel(self.channel))
        except ValueError:
            choices = "、".join(channel.value for channel in Channel)
            raise ClockInputError(f"未知的申请方式：{self.channel!r}，应为{choices}之一") from None


@dataclass(frozen=True, kw_only=True)
class CorrectionRequested(_DatedEvent):
    """告知补正 (第30条); `reply_by` is the date the agency gave the applicant, if any."""

    reply_by: date | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.reply_by is not None:
            object.__setattr__(self, "reply_by", parse_date(self.reply_by))
            if self.reply_by < self.on:
                raise ClockInputError("补正期限早于告知补正的日期")


@dataclass(frozen=True, kw_only=True)
class CorrectionReceived(_DatedEvent):
    """收到补正后的申请: the reply period starts again from this day (第30条)."""


@dataclass(frozen=True, kw_only=True)
class CorrectionLapsed(_DatedEvent):
    """逾期未补正: the applicant is deemed to have withdrawn the application (第30条)."""


def _receipt(event, what: str) -> None:
    """A notice's period runs from the day the other side receives it (自收到之日起); unknown receipt = sent day."""
    if event.delivered_on is not None:
        object.__setattr__(event, "delivered_on", parse_date(event.delivered_on))
        if event.delivered_on < event.on:
            raise ClockInputError(f"{what}的送达日期早于发出日期")


@dataclass(frozen=True, kw_only=True)
class ConsultationStarted(_DatedEvent):
    """征求意见 started (第32条/第34条): `on` is the day the letter went out, `delivered_on` the day the other side
    received it (the 15 working days run from then; unknown = the day it went out, the earliest it can be). `ref`
    pairs it with its answer when several consultations overlap."""

    party: ConsultedParty = ConsultedParty.THIRD_PARTY
    ref: str = ""
    delivered_on: date | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        try:
            object.__setattr__(self, "party", ConsultedParty(self.party))
        except ValueError:
            raise ClockInputError(f"未知的征求意见对象：{self.party!r}") from None
        _receipt(self, "征求意见函")


@dataclass(frozen=True, kw_only=True)
class ConsultationAnswered(_DatedEvent):
    """The consulted party answered; the clock runs again the next working day."""

    ref: str = ""


@dataclass(frozen=True, kw_only=True)
class FeeNoticeSent(_DatedEvent):
    """收费通知 sent (109号) on `on`; the 20 working days to pay run from `delivered_on`, the day the applicant
    received it (not given = the day it was sent). `delivery_unknown` says the notice went by post and no receipt is
    recorded yet: the wait is then counted from the day it was sent, but the applicant cannot be held to a lapse."""

    delivered_on: date | None = None
    delivery_unknown: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        _receipt(self, "收费通知")


@dataclass(frozen=True, kw_only=True)
class FeePaid(_DatedEvent):
    """The applicant paid; the clock runs again."""


@dataclass(frozen=True, kw_only=True)
class FeeLapsed(_DatedEvent):
    """逾期未缴费: the applicant is deemed to have withdrawn the application (109号)."""


@dataclass(frozen=True, kw_only=True)
class ExtensionApproved:
    """延长答复期限 (第33条第2款): once only, at most 20 working days. `on` (the approval day) is optional because
    only the warning about a late approval needs it."""

    workdays: int
    on: date | None = None

    def __post_init__(self) -> None:
        if isinstance(self.workdays, bool) or not isinstance(self.workdays, int):
            raise ClockInputError(f"延长的工作日数必须是整数：{self.workdays!r}")
        if self.workdays < 1:
            raise ClockInputError(f"延长的工作日数必须至少为1：{self.workdays}")
        if self.on is not None:
            object.__setattr__(self, "on", parse_date(self.on))


@dataclass(frozen=True, kw_only=True)
class ReasonsRequested(_DatedEvent):
    """第35条: the applicant filed clearly too many applications, or too often; the agency asks for the reasons."""


@dataclass(frozen=True, kw_only=True)
class PeriodSet(_DatedEvent):
    """第35条: the reasons are reasonable, so the agency sets a longer reply period, ending on `until`, and tells the
    applicant."""

    until: date

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "until", parse_date(self.until))
        if self.until <= self.on:
            raise ClockInputError("第35条确定的答复期限应晚于作出决定之日")


@dataclass(frozen=True, kw_only=True)
class Answered(_DatedEvent):
    """作出答复 (第36条): the clock stops for good. `outcome` is the table B result row (may be left empty)."""

    outcome: str = ""


@dataclass(frozen=True, kw_only=True)
class Delivered(_DatedEvent):
    """送达: the decision reached the applicant."""


@dataclass(frozen=True, kw_only=True)
class Closed(_DatedEvent):
    """办结: nothing more is done on the application."""


Event = (
    Received
    | CorrectionRequested
    | CorrectionReceived
    | CorrectionLapsed
    | ConsultationStarted
    | ConsultationAnswered
    | FeeNoticeSent
    | FeePaid
    | FeeLapsed
    | ExtensionApproved
    | ReasonsRequested
    | PeriodSet
    | Answered
    | Delivered
    | Closed
)

# Same-day events are applied in the order things happen in a case, so a consultation started and answered on one day
# pairs up, and an answer given on a day closes the case after everything else of that day.
EVENT_RANK: dict[type, int] = {
    Received: 0,
    CorrectionRequested: 1,
    CorrectionReceived: 2,
    CorrectionLapsed: 3,
    ConsultationStarted: 4,
    ConsultationAnswered: 5,
    FeeNoticeSent: 6,
    FeePaid: 7,
    FeeLapsed: 8,
    ExtensionApproved: 9,
    ReasonsRequested: 9,
    PeriodSet: 9,
    Answered: 10,
    Delivered: 11,
    Closed: 12,
}
