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
