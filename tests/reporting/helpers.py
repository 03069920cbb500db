"""Steps the report tests share: finishing a drafted text as staff would, and publishing as the signing role does."""

from __future__ import annotations


def finish(draft, actor, *, title: str | None = None) -> None:
    """Write what the drafted text leaves to people (the "（请补充）" prompts) and a title, as staff would."""
    from gongkai.report.model import split_section
    from gongkai.reporting import services
    from gongkai.reporting.drafting import PROMPT

    bodies = {
        key: split_section(text)[1].replace(PROMPT, "按计划完成了各项工作。") for key, text in draft.sections.items()
    }
    services.draft_update(
        draft=draft,
        actor=actor,
        preamble=draft.preamble,
        title=title if title is not None else f"{draft.agency.name}{draft.year}年政府信息公开工作年度报告",
        bodies=bodies,
    )


def publish(draft, actor, **kwargs):
    """Publish as the signing role does after the preview: every warning kept with a reason, confirmed."""
    from gongkai.reporting import gate, services

    publication = services.publication_prepare(agency=draft.agency, year=draft.year, on=kwargs.get("on"))
    reasons = {
        gate.warning_key(f): "经核对，保留原文。" for f in publication.current.findings if f.severity == "warning"
    }
    return services.report_publish(draft=draft, actor=actor, acknowledgements=reasons, confirmed=True, **kwargs)


def published_with_wrong_carry_over(agency, year: int, *, extra: int = 3) -> None:
    """The agency's report for `year` as if published (on 20 January of the next year), saying `extra` more natural
    persons' applications go on into the next year than its records carry: next year's 上年结转 then disagrees with
    it (Y1, an error)."""
    import json
    from datetime import date

    from gongkai.reporting.models import ReportDraft, ReportVersion
    from gongkai.reporting.selectors import report_compute

    report, _ = report_compute(agency=agency, year=year)
    data = json.loads(report.to_json())
    forward = data["table_b"]["carried_forward"]
    forward["natural_person"] = (forward.get("natural_person") or 0) + extra
    forward["total"] = (forward.get("total") or 0) + extra
    ReportVersion.objects.create(
        draft=ReportDraft.objects.create(agency=agency, year=year),
        agency=agency,
        year=year,
        number=1,
        published_on=date(year + 1, 1, 20),
        report_json=json.dumps(data, ensure_ascii=False),
        docx=b"",
        html=b"",
        xlsx=b"",
    )
