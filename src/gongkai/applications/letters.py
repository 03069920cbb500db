"""Letters to applicants and consulted parties: drafted from editable templates, rendered as DOCX, locked when sent.

Rendering is separate from the facts: `letter_context()` gathers them, a template (the agency's `LetterTemplate`, or
the built-in wording below) turns them into paragraphs, `render_docx()` lays the paragraphs out as an official
document (GB/T 9704-2012: A4, 方正小标宋简体 title, 仿宋_GB2312 body, fonts named even where the machine lacks them).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Context, Template
from django.utils import timezone

from gongkai.agencies.services import audit_record
from gongkai.applications import wordml
from gongkai.applications.models import Application, Delivery, EventKind, Letter, LetterKind, LetterTemplate
from gongkai.applications.outcomes import ARTICLES, NEEDS_REMEDIES, Outcome, letter_group
from gongkai.applications.workflow import require_handler
from gongkai.workdays import periods

REMEDIES = (
    "如对本答复不服，可以自收到本答复之日起六十日内向{{ reconsideration_body }}申请行政复议，"
    "或者自收到本答复之日起六个月内向人民法院提起行政诉讼。"
)

DEFAULT_TEMPLATES: dict[tuple[str, str], str] = {
    (LetterKind.CORRECTION, ""): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），内容为：“{{ description }}”。"
        "经审查，该申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您作出补正：{{ what }}\n\n"
        "请于{{ reply_by }}前提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    (LetterKind.THIRD_PARTY, ""): (
        "{{ consulted }}：\n\n"
        "本机关收到一件政府信息公开申请（申请编号：{{ number }}），申请公开的信息可能涉及贵方的合法权益。"
        "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。\n\n"
        "请于{{ answer_by }}前（自收到本函之日起{{ consultation_workdays }}个工作日内）提出意见。逾期未提出意见的，由本机关依照条例的规定决定是否公开。"
        "贵方不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
        "并将决定公开的内容和理由书面告知贵方。"
    ),
    (LetterKind.OTHER_AGENCY, ""): (
        "{{ consulted }}：\n\n"
        "本机关收到一件政府信息公开申请（申请编号：{{ number }}），申请公开的信息由本机关与贵机关共同制作。"
        "根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见，请于{{ answer_by }}前"
        "（自收到本函之日起{{ consultation_workdays }}个工作日内）提出意见，逾期未提出意见的视为同意公开。"
    ),
    (LetterKind.EXTENSION, ""): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}）。因{{ reason }}，"
        "本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{{ workdays }}个工作日，本机关将于{{ due_date }}前作出答复。"
    ),
    (LetterKind.FEE_NOTICE, ""): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}）。"
        "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本次申请应缴纳信息处理费{{ fee_amount }}元，"
        "计算方法为{{ fee_method }}：\n\n{{ fee_breakdown }}\n\n"
        "请于{{ pay_by }}前（自收到本通知之日起{{ payment_workdays }}个工作日内）缴纳。无正当理由逾期未缴纳的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。"
    ),
    (LetterKind.REASONS, ""): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}）。"
        "{{ you }}申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第三十五条的规定，"
        "请于{{ reply_by }}前说明理由。本机关认为申请理由不合理的，告知{{ you }}不予处理；"
        "认为申请理由合理，但无法在规定期限内答复的，将确定延迟答复的合理期限并告知{{ you }}。"
    ),
    (LetterKind.LONGER_PERIOD, ""): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}）。经审查，{{ you }}说明的理由合理，"
        "但无法在规定期限内答复。根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定于{{ until }}前作出答复。"
    ),
    (LetterKind.REPLY, "granted"): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），内容为：“{{ description }}”。"
        "现答复如下：\n\n经审查，{{ you }}申请公开的信息属于可以公开的政府信息。根据{{ basis }}，"
        "本机关予以公开，现以{{ form }}形式提供。{% if published_at %}该信息已主动公开，可在{{ published_at }}获取。{% endif %}{{ reason }}"
    ),
    (LetterKind.REPLY, "partially_granted"): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），内容为：“{{ description }}”。"
        "现答复如下：\n\n经审查，{{ you }}申请公开的信息中含有不应当公开的内容，但能够作区分处理。根据{{ basis }}，"
        "本机关向{{ you }}提供可以公开的部分，现以{{ form }}形式提供。不予公开部分的理由和依据：{{ withheld_basis }}\n\n"
        + REMEDIES
    ),
    (LetterKind.REPLY, "withheld"): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），内容为：“{{ description }}”。"
        "现答复如下：\n\n经审查，{{ you }}申请公开的信息属于{{ outcome_prose }}的情形。根据{{ basis }}，本机关不予公开。"
        "理由：{{ reason }}{% if channel %}{{ you }}可以{{ channel }}。{% endif %}\n\n" + REMEDIES
    ),
    (LetterKind.REPLY, "unavailable"): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），内容为：“{{ description }}”。"
        "现答复如下：\n\n经审查，本机关无法提供{{ you }}申请的信息，属于{{ outcome_prose }}的情形。根据{{ basis }}，"
        "特此告知。{% if competent_agency %}该信息由{{ competent_agency }}负责公开，{{ you }}可以向其提出申请。{% endif %}"
        "{% if channel %}{{ you }}可以{{ channel }}。{% endif %}{{ reason }}\n\n" + REMEDIES
    ),
    (LetterKind.REPLY, "not_processed"): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}），内容为：“{{ description }}”。"
        "现答复如下：\n\n经审查，{{ you }}的申请属于{{ outcome_prose }}的情形。根据{{ basis }}，本机关不予处理。"
        "{% if earlier %}此前{{ you }}已就相同内容提出申请（申请编号：{{ earlier }}），本机关已依法答复。{% endif %}"
        "{{ reason }}\n\n" + REMEDIES
    ),
    (LetterKind.REPLY, "other"): (
        "{{ applicant }}：\n\n"
        "本机关于{{ received }}收到{{ you }}提出的政府信息公开申请（申请编号：{{ number }}）。"
        "{{ you }}的申请属于{{ outcome_prose }}的情形，根据{{ basis }}，本机关不再处理。{{ reason }}\n\n" + REMEDIES
    ),
}


def outcome_prose(outcome: str) -> str:
    """The outcome as a phrase for a sentence: the row's own words, without its numbering or the table's quotes
    ("（三）不予公开 4.保护第三方合法权益" -> "保护第三方合法权益")."""
    import re

    label = Outcome(outcome).label
    last = (
        re.split(r"\s*\d+\.", label)[-1] if re.search(r"\d+\.", label) else re.sub(r"^（[一二三四五六七]）", "", label)
    )
    prose = last.replace("“", "").replace("”", "").split("、行政机关不再处理")[0].strip()
    prose = prose.replace("三安全一稳定", "国家安全、公共安全、经济安全和社会稳定")
    return prose.removeprefix("属于").removeprefix("申请人")


def basis(article: str) -> str:
    """ "根据…的规定" without "相关规定的规定"."""
    if not article:
        return "有关规定"
    return article if article.endswith("规定") else f"{article}的规定"


def cn_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def template_for(application: Application, kind: str) -> str:
    group = letter_group(application.outcome) if kind == LetterKind.REPLY and application.outcome else ""
    own = (
        LetterTemplate.objects.filter(kind=kind, outcome_group=group, agency=application.agency).first()
        or LetterTemplate.objects.filter(kind=kind, outcome_group=group, agency__isnull=True).first()
    )
    return own.body if own else DEFAULT_TEMPLATES[(kind, group)]


def letter_context(application: Application, extra: dict | None = None) -> dict:
    agency = application.agency
    facts = {
        "agency": agency.name,
        "number": application.number,
        "applicant": application.applicant_name,
        "received": cn_date(application.received_on),
        "description": application.description,
        "form": application.get_form_display(),
        "due_date": cn_date(application.due_date),
        "reconsideration_body": agency.supervising_body or "本级人民政府",
        # The periods the letters state, from the one place they are written (第32条/第34条, 109号).
        "consultation_workdays": periods.THIRD_PARTY_ANSWER.workdays,
        "payment_workdays": periods.FEE_PAYMENT.workdays,
        # 您 to a person, 贵单位 to an organisation; never "您（单位）".
        "you": "您" if application.applicant_type == "natural_person" else "贵单位",
        "outcome": Outcome(application.outcome).label if application.outcome else "",
        "outcome_prose": outcome_prose(application.outcome) if application.outcome else "",
        "article": ARTICLES.get(application.outcome, ""),
        "basis": basis(ARTICLES.get(application.outcome, "")),
        "reason": application.reason,
        "remedies": application.outcome in NEEDS_REMEDIES,
        "today": cn_date(application.decided_on),
    }
    decided = application.events.filter(kind=EventKind.ANSWERED).order_by("-on", "-id").first()
    details = decided.data if decided else {}
    for key in ("earlier", "competent_agency", "published_at", "withheld_basis", "channel"):
        facts[key] = details.get(key, "")
    for key, value in (extra or {}).items():
        facts[key] = cn_date(value) if isinstance(value, date) else value
    if "fee" in facts:
        fee, result = facts.pop("fee"), facts.pop("fee_result")
        facts.update(
            fee_amount=fee.amount_yuan,
            fee_method=result.method.label,
            fee_breakdown="\n".join(band.text for band in result.breakdown),
            pay_by=cn_date(fee.pay_by),
        )
    return facts


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    """Templates compiled once per wording (an agency's own wording is a different source, so a new entry)."""
    return Template("{% autoescape off %}" + source + "{% endautoescape %}")


def render_body(application: Application, kind: str, extra: dict | None = None) -> str:
    return _compiled(template_for(application, kind)).render(Context(letter_context(application, extra))).strip()


def letter_title(kind: str) -> str:
    return LetterKind(kind).label


def letter_draft(*, application: Application, kind: str, extra: dict | None = None, notice: str = "") -> Letter:
    """A draft letter; `notice` names the period it starts on arrival ("fee", or a consultation's ref)."""
    letter = Letter(
        application=application,
        kind=kind,
        title=letter_title(kind),
        body=render_body(application, kind, extra),
        notice=notice,
    )
    letter.full_clean()
    letter.save()
    return letter


@transaction.atomic
def letter_update(*, letter: Letter, actor, title: str, body: str, doc_number: str = "") -> Letter:
    letter = Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)
    require_handler(actor, letter.application.agency)
    if letter.locked:
        raise ValidationError("文书已发出，不能再修改")
    letter.title, letter.body, letter.doc_number = title, body, doc_number
    letter.full_clean()
    letter.save()
    audit_record(actor=actor, agency=letter.application.agency, action="letter_update", obj=letter)
    return letter


@transaction.atomic
def letter_send(*, letter: Letter, actor, on: date, method: str = Delivery.PICKUP) -> Letter:
    """Send and lock. Handed over, e-mailed or online, the letter arrives the day it is sent; by post its period runs
    from the day the return receipt shows (record it with `application_record_notice_receipt`)."""
    letter = Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)
    require_handler(actor, letter.application.agency)
    if letter.locked:
        raise ValidationError("文书已发出")
    from gongkai.applications.services import append_event  # services drafts letters; a letter sent is an event

    if on > timezone.localdate():
        raise ValidationError({"on": "发出日期不能晚于今天：文书以实际发出之日为落款日期"})
    application = letter.application
    step_day = application.decided_on if letter.kind == LetterKind.REPLY else application.received_on
    if step_day and on < step_day:
        raise ValidationError({"on": f"发出日期不能早于{cn_date(step_day)}：文书以实际发出之日为落款日期"})
    if method not in Delivery.values:
        raise ValidationError({"method": "请选择发送方式"})
    letter.sent_on, letter.sent_by = on, method
    letter.sent_docx = render_docx(letter)
    letter.save()
    data = {"letter": letter.pk, "kind": letter.kind, "method": method, "notice": letter.notice}
    note = f"{letter.title}（{Delivery(method).label}）"
    append_event(letter.application, actor=actor, kind=EventKind.LETTER_SENT, on=on, note=note, data=data)
    audit_record(actor=actor, agency=letter.application.agency, action="letter_send", obj=letter)
    from gongkai.applications import mail

    mail.letter_enqueue(letter=letter)  # to the applicant's address on file, sent later by mail.send_outbox()
    return letter


def letter_docx(letter: Letter) -> bytes:
    """The DOCX as sent (kept unchanged) or, for a draft, rendered from its current text."""
    return bytes(letter.sent_docx) if letter.locked and letter.sent_docx else render_docx(letter)


def render_docx(letter: Letter) -> bytes:
    """The letter as an official document (wordml): agency and title centred, the salutation flush left, every
    paragraph after it indented two characters, the agency and the date at the foot."""
    agency = letter.application.agency.name
    body = [
        wordml.paragraph(agency, font=wordml.TITLE_FONT, size=22, align="center"),
        wordml.paragraph(letter.title, font=wordml.TITLE_FONT, size=22, align="center"),
    ]
    if letter.doc_number:
        body.append(wordml.paragraph(letter.doc_number, align="center"))
    blocks = [block.strip() for block in letter.body.replace("\r\n", "\n").split("\n\n") if block.strip()]
    for index, block in enumerate(blocks):
        body += [wordml.paragraph(line, indent=index > 0) for line in block.split("\n")]
    body.append(wordml.paragraph(""))
    body.append(wordml.paragraph(agency, align="right"))
    # Dated on the day it is sent, never before: a draft leaves the date blank.
    body.append(wordml.paragraph(cn_date(letter.sent_on) if letter.sent_on else "年  月  日", align="right"))
    return wordml.document(body)
