"""What the clock answers: its settings (the law's periods), states, steps and result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from . import periods
from .events import (
    Channel,
    ConsultedParty,
)


@dataclass(frozen=True)
class ClockSettings:
    """The periods, in working days. The defaults are the law (`periods`); `fee_wait_excluded` is the one reading of
    109号 that is not settled (whether the wait for payment stops the reply clock), so it is a setting, on by
    default."""

    reply_workdays: int = periods.REPLY.workdays
    correction_request_workdays: int = periods.CORRECTION_NOTICE.workdays
    consultation_workdays: int = periods.THIRD_PARTY_ANSWER.workdays
    fee_payment_workdays: int = periods.FEE_PAYMENT.workdays
    max_extension_workdays: int = periods.EXTENSION_MAX.workdays
    fee_wait_excluded: bool = True


DEFAULT_SETTINGS = ClockSettings()


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_CORRECTION = "awaiting_correction"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "running": "计时中",
            "paused": "暂停计时",
            "awaiting_correction": "等待补正",
            "answered": "已答复",
            "withdrawn": "视为放弃申请",
        }[self.value]


@dataclass(frozen=True)
class Step:
    """One line of the explanation: what happened or was computed, and the article it rests on (cited in the text
    once; `article` lets a reader filter or link, it is not printed again)."""

    text: str
    article: str
    on: date | None = None


@dataclass(frozen=True)
class Consultation:
    party: ConsultedParty
    started_on: date
    answer_deadline: date  # 15 working days from the other side's receipt (第32条/第34条)
    answered_on: date | None
    excluded_workdays: int  # working days this consultation took off the reply clock


@dataclass(frozen=True)
class ClockResult:
    """Where an application stands on the statutory clock. Dates are None when they cannot be known yet (the reply
    period of an application awaiting correction has not started)."""

    received_on: date
    channel: Channel
    state: ClockState
    pause_reason: str | None
    period_start: date | None  # receipt, or receipt of the corrected application
    due_date: date | None  # assuming no further event: an open pause runs to its legal end
    working_days_left: int | None  # negative when overdue; None when closed or no "today" was given
    overdue: bool  # past the due date with no answer, or answered late
    answered_on: date | None
    correction_request_deadline: date
    consultations: tuple[Consultation, ...]
    fee_payment_deadline: date | None
    extension_workdays: int
    excluded_workdays: int
    steps: tuple[Step, ...]
    warnings: tuple[str, ...]
    provisional: bool = False  # a date rests on a year whose schedule is not yet known (暂定)
    pause_ends_on: date | None = None  # the latest day the current pause can last by law
    prompts: tuple[str, ...] = ()  # what the law now asks the handler to do (a lapsed period to record)

    @property
    def paused(self) -> bool:
        return self.state in (ClockState.PAUSED, ClockState.AWAITING_CORRECTION)

    @property
    def answered_late(self) -> bool:
        return self.state is ClockState.ANSWERED and self.overdue

    @property
    def third_party_deadline(self) -> date | None:
        """The answer deadline of the latest consultation (第32条/第34条), if there was one."""
        return self.consultations[-1].answer_deadline if self.consultations else None

    def explanation(self) -> str:
        return "\n".join(step.text for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; dates as ISO strings."""

        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "due_date": iso(self.due_date),
            "provisional": self.provisional,
            "working_days_left": self.working_days_left,
            "paused": self.paused,
            "pause_reason": self.pause_reason,
            "pause_ends_on": iso(self.pause_ends_on),
            "state": self.state.value,
            "overdue": self.overdue,
            "received_on": iso(self.received_on),
            "channel": self.channel.value,
            "period_start": iso(self.period_start),
            "answered_on": iso(self.answered_on),
            "correction_request_deadline": iso(self.correction_request_deadline),
            "third_party_deadline": iso(self.third_party_deadline),
            "fee_payment_deadline": iso(self.fee_payment_deadline),
            "extension_workdays": self.extension_workdays,
            "excluded_workdays": self.excluded_workdays,
            "steps": [step.text for step in self.steps],
            "warnings": list(self.warnings),
            "prompts": list(self.prompts),
        }
