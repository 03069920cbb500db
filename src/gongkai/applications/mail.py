"""Mail to applicants through an outbox: written in the request's transaction, sent later by `send_outbox()`.

- `receipt_enqueue`: at receipt (number, tracking code, due date, what happens next), when an address was given;
- `letter_enqueue`: with each letter sent to the applicant, the DOCX as sent attached;
- `code_enqueue`: a new tracking code (codes are stored hashed, so re-sending one means issuing a new one).

`send_outbox()` is a plain function (the `gongkai manage send_outbox` command and a scheduler call it): each due mail
is claimed with one conditional UPDATE, so two runs at the same time never send the same mail, sent through Django's
e-mail backend (settings: GONGKAI_EMAIL_*), and every try is recorded in `MailAttempt`. A failure leaves the mail in
the outbox for a later try, with a growing pause, until `MAX_ATTEMPTS`. Delivery is at least once: a process killed
between the server's acceptance and the record may send a mail twice, never zero times.

Subjects carry the agency and the application number only; logs carry mail ids and kinds only: never an ID number
or a phone number (the body is the applicant's own mail and names them by name).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import Application, Letter, LetterKind, MailAttempt, OutboxMail
from gongkai.workdays import periods

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
CLAIM = timedelta(minutes=10)
# Letters addressed to the applicant; consultation letters go to third parties and other agencies, not by this mail.
APPLICANT_LETTERS = {k for k in LetterKind.values if k not in (LetterKind.THIRD_PARTY, LetterKind.OTHER_AGENCY)}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FOOTER = "\n\n本邮件由政府信息公开平台自动发送，请勿直接回复。如有疑问，请联系{agency}。"


def _cn(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（待定）"


def _track_url() -> str:
    path = reverse("application-track")
    if settings.GONGKAI_PUBLIC_URL:
        return f"{settings.GONGKAI_PUBLIC_URL}{path}"
    return f"政府信息公开平台的申请查询页面（{path}）"


def _enqueue(*, kind: str, application: Application, subject: str, body: str, letter: Letter | None = None):
    return OutboxMail.objects.create(
        kind=kind,
        application=application,
        letter=letter,
        to=application.email,
        subject=subject,
        body=body + FOOTER.format(agency=application.agency.name),
        next_attempt_at=timezone.now(),
    )


def _subject(application: Application, what: str) -> str:
    return f"【{application.agency.name}】{what}（申请编号 {application.number}）"


def receipt_text(application: Application, code: str | None) -> list[tuple[str, str]]:
    """The facts of the 受理回执, shared by the mail and the printed receipt."""
    rows = [
        ("受理机关", application.agency.name),
        ("申请编号", application.number),
        ("查询码", code or "（已在登记时告知；遗失的，可在查询页面重新发送到登记的电子邮箱）"),
        ("申请人", application.applicant_name),
        ("收到申请日期", _cn(application.received_on)),
        ("提交方式", application.get_channel_display()),
        ("申请内容", application.description),
        # A date resting on a year whose holiday schedule is not entered yet says so (暂定), wherever it is shown.
        (
            "答复期限",
            f"{_cn(application.due_date)}前" + ("（暂定，放假安排公布后可能推后）" if application.provisional else ""),
        ),
        ("查询办理进度", _track_url()),
    ]
    return rows


NEXT_STEPS = (
    f"本机关将依照《中华人民共和国政府信息公开条例》第三十三条，自收到申请之日起{periods.REPLY.workdays}个工作日内作出答复；"
    f"需要延长答复期限的，经批准可以延长，延长的期限最长不超过{periods.EXTENSION_MAX.workdays}个工作日，本机关会书面告知。"
    "申请内容不明确需要补正、需要征求第三方或者其他机关意见、需要缴纳信息处理费的，本机关将另行书面告知，"
    "相应期间不计算在答复期限内。凭申请编号和查询码可以随时查询办理进度。"
)


def receipt_enqueue(*, application: Application, code: str) -> OutboxMail | None:
    if not application.email:
        return None
    lines = "\n".join(f"{label}：{value}" for label, value in receipt_text(application, code))
    body = (
        f"{application.applicant_name}：\n\n"
        f"您向{application.agency.name}提出的政府信息公开申请已收到，受理信息如下：\n\n{lines}\n\n"
        f"请妥善保存查询码。\n\n接下来：{NEXT_STEPS}"
    )
    return _enqueue(
        kind=OutboxMail.Kind.RECEIPT,
        application=application,
        subject=_subject(application, "政府信息公开申请已收到"),
        body=body,
    )


def letter_enqueue(*, letter: Letter) -> OutboxMail | None:
    application = letter.application
    if not application.email or letter.kind not in APPLICANT_LETTERS:
        return None
    body = (
        f"{application.applicant_name}：\n\n"
        f"本机关就您的政府信息公开申请（申请编号：{application.number}）于{_cn(letter.sent_on)}"
        f"发出《{letter.title}》，文书见附件（{letter.get_sent_by_display()}送达的，以送达的文书为准）。\n\n"
        f"办理进度可凭申请编号和查询码在 {_track_url()} 查询。"
    )
    return _enqueue(
        kind=OutboxMail.Kind.LETTER,
        application=application,
        letter=letter,
        subject=_subject(application, letter.title),
        body=body,
    )


def code_enqueue(*, application: Application, code: str) -> OutboxMail | None:
    if not application.email:
        return None
    body = (
        f"{application.applicant_name}：\n\n"
        f"根据您的请求，已为申请编号 {application.number} 发放新的查询码：{code}\n"
        f"原查询码即日起失效。凭申请编号和新的查询码可在 {_track_url()} 查询办理进度。\n\n"
        "如果您没有提出这一请求，可以不予理会；此后请使用本邮件中的查询码。"
    )
    return _enqueue(
        kind=OutboxMail.Kind.CODE, application=application, subject=_subject(application, "新的查询码"), body=body
    )


def _pause(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 6 * 60))


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    given_up: int = 0


def _message(mail: OutboxMail, connection) -> EmailMessage:
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        connection=connection,
    )
    letter = mail.letter
    if letter is not None and letter.sent_docx:
        message.attach(f"{mail.application.number}-{letter.title}.docx", bytes(letter.sent_docx), DOCX)
    return message


def send_outbox(*, now=None, limit: int = 200, connection=None) -> SendResult:
    """Send every due mail once; safe to run twice, or twice at the same time."""
    now = now or timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = OutboxMail.objects.filter(free, sent_at__isnull=True, given_up_at__isnull=True, next_attempt_at__lte=now)
    result = SendResult()
    connection = connection or get_connection(fail_silently=False)
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        taken = OutboxMail.objects.filter(free, pk=pk, sent_at__isnull=True).update(claimed_until=now + CLAIM)
        if not taken:
            continue  # another run has it
        mail = OutboxMail.objects.select_related("application__agency", "letter").get(pk=pk)
        attempts = mail.attempts + 1
        try:
            _message(mail, connection).send()
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
            given_up = attempts >= MAX_ATTEMPTS
            OutboxMail.objects.filter(pk=pk).update(
                attempts=attempts,
                claimed_until=None,
                next_attempt_at=now + _pause(attempts),
                given_up_at=now if given_up else None,
            )
            MailAttempt.objects.create(mail=mail, at=now, ok=False, error=error)
            log.warning("mail %s (%s) not sent, attempt %d: %s", pk, mail.kind, attempts, type(exc).__name__)
            result.failed += 1
            result.given_up += given_up
        else:
            OutboxMail.objects.filter(pk=pk).update(attempts=attempts, claimed_until=None, sent_at=now)
            MailAttempt.objects.create(mail=mail, at=now, ok=True)
            log.info("mail %s (%s) sent", pk, mail.kind)
            result.sent += 1
    return result
