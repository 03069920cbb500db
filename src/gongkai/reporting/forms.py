"""Forms of the annual report pages: the draft's text (title, preamble, the six sections in the editor), the
publication's note and warning reasons, a supervisor's import."""

from __future__ import annotations

from django import forms

from gongkai.publishing.forms import RichTextarea
from gongkai.publishing.sanitize import clean_html
from gongkai.report import richtext
from gongkai.report.format import SECTIONS
from gongkai.reporting.models import ReportDraft

SECTION_PREFIX = "section-"


class SectionField(forms.CharField):
    """A section's body in the editor of item bodies. What arrives is cleaned by the same sanitiser (pasted Word keeps
    its headings, lists and tables, loses its styling); plain text, typed without script, stays plain text."""

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, widget=RichTextarea({"rows": 8}), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return clean_html(value) if richtext.looks_like_html(value) else value

    def prepare_value(self, value):
        # Text written before the editor opens in it as a paragraph a line.
        if value and not richtext.looks_like_html(value):
            return richtext.html_from_text(value)
        return value


class DraftForm(forms.Form):
    title = forms.CharField(label="标题", required=False, max_length=ReportDraft._meta.get_field("title").max_length)
    preamble = forms.CharField(label="引言", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, report=None, **kwargs):
        if report is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": report.title,
                    "preamble": report.preamble,
                    **{
                        SECTION_PREFIX + s.key: report.sections_html.get(s.key) or report.section_body(s.key)
                        for s in SECTIONS
                    },
                },
            )
        super().__init__(*args, **kwargs)
        if report is not None:
            self.fields["title"].widget.attrs["placeholder"] = report.full_title
        for s in SECTIONS:
            field = self.fields[SECTION_PREFIX + s.key] = SectionField(label=f"{s.heading} 正文")
            field.widget.attrs["aria-label"] = field.label

    def section(self, key: str) -> forms.BoundField:
        return self[SECTION_PREFIX + key]

    def bodies(self) -> dict[str, str]:
        """The sections the page sent (a page may send only some): key → cleaned body."""
        return {
            s.key: self.cleaned_data[SECTION_PREFIX + s.key]
            for s in SECTIONS
            if self.add_prefix(SECTION_PREFIX + s.key) in self.data
        }


class PublishForm(forms.Form):
    """The sign-off page's own fields (the confirmation is `gongkai.confirm.ConfirmForm`): the correction note and a
    reason for each warning kept, posted as `ack-<warning key>`."""

    note = forms.CharField(label="更正说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    ACK_PREFIX = "ack-"

    def acknowledgements(self) -> dict[str, str]:
        return {
            key[len(self.ACK_PREFIX) :]: str(value).strip()
            for key, value in self.data.items()
            if key.startswith(self.ACK_PREFIX)
        }


class ImportForm(forms.Form):
    """A supervisor's upload of a report of an agency (in one of their regions)."""

    file = forms.FileField(label="年度报告文件", error_messages={"required": "请选择年度报告文件"})
    region = forms.TypedChoiceField(label="所属区域", coerce=int, required=False, empty_value=None)
    credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=18)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = list(regions)
        self.fields["region"].choices = [(r.pk, r.name) for r in self.regions]

    def target_region(self):
        """The chosen region, the first of the supervisor's when none was chosen."""
        chosen = self.cleaned_data.get("region")
        return next((r for r in self.regions if r.pk == chosen), self.regions[0])
