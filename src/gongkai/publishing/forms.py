from __future__ import annotations

from django import forms
from django.urls import reverse

from gongkai.publishing.models import FIGURE_FIELDS, Item, Validity, YearFigures

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RichTextarea(forms.Textarea):
    """A textarea that site/assets/editor.js turns into the rich-text editor (django-prose-editor); without script it
    stays a plain HTML box. Render `{{ form.media }}` on the page."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 16, "data-rich-text": "", **(attrs or {})})

    @property
    def media(self):
        def asset(name):
            return reverse("site-asset", args=[name])

        return forms.Media(
            css={"all": [asset("material-icons.css"), asset("prose-editor.css")]},
            js=[asset("editor-zh.js"), forms.Script(asset("editor.js"), type="module")],
        )


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = [
            "title",
            "category",
            "catalog_entry",
            "issuing_body",
            "document_number",
            "written_on",
            "formed_on",
            "document_type",
            "validity",
            "valid_from",
            "invalid_from",
            "body",
        ]
        widgets = {
            "written_on": DATE,
            "formed_on": DATE,
            "valid_from": DATE,
            "invalid_from": DATE,
            "body": RichTextarea(),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = agency.categories.all()
        self.fields["catalog_entry"].queryset = agency.catalog.select_related("parent")
        self.fields["issuing_body"].required = False
        self.fields["issuing_body"].help_text = "留空则为本机关名称"
        # Never Django's "---------": every select prompts in Chinese.
        for field in self.fields.values():
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = "请选择"
            elif isinstance(field, forms.TypedChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", "请选择"), *field.choices[1:]]


class CommentForm(forms.Form):
    comment = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class ActionReasonForm(forms.Form):
    """The reason posted with 退回 or 撤回: the service refuses an empty one, with its own message."""

    reason = forms.CharField(label="理由", required=False)


class ValidityForm(forms.Form):
    """A published document's validity: 有效, or 失效/废止 from a date, and the reason (the service checks it)."""

    _CHOOSE = "请选择有效、失效或废止"

    # Not required here: the service asks who may change it first, then for a choice (with this message).
    validity = forms.ChoiceField(
        label="有效性", choices=Validity.choices, required=False, error_messages={"invalid_choice": _CHOOSE}
    )
    invalid_from = forms.DateField(
        label="失效或废止日期",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "失效或废止日期格式不对，应为 YYYY-MM-DD"},
    )
    reason = forms.CharField(label="依据", required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label="文件")


class FiguresForm(forms.ModelForm):
    class Meta:
        model = YearFigures
        fields = FIGURE_FIELDS
