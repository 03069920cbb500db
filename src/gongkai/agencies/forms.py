"""Forms of the agencies app: sign-in (throttled by the view before Django checks the password) and the entry of a
year's holiday schedule."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with where to go afterwards (`next`, checked by the view against this host)."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def attempted_username(self) -> str:
        """The user name as typed, for the throttle, which counts the attempt before the password is checked."""
        return str(self.data.get("username", "")) if self.is_bound else ""

    def next_url(self) -> str:
        return str(self.data.get("next", "")) if self.is_bound else ""


class NoticeForm(forms.Form):
    source = forms.CharField(label="依据", max_length=200, help_text="例如：国务院办公厅关于2027年部分节假日安排的通知")
    notice = forms.CharField(
        label="通知正文（粘贴）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="粘贴“一、元旦：……”至最后一项的正文，系统读出日期后请核对再保存；也可以不粘贴，直接在下面手工填写。",
    )
    holidays = forms.CharField(
        label="放假日期（每行一个：日期 节日）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="例如“2027-01-01 元旦”；放假期间的周六、周日也要列出。",
    )
    makeup_workdays = forms.CharField(
        label="调休上班日期（每行一个：日期 节日）", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def pressed(self, button: str) -> bool:
        """Which of the page's buttons sent the form: 读取日期 ("read") or 确认保存 ("confirm")."""
        return button in self.data
