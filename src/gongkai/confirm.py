"""Confirmation of irreversible actions, one way for every app.

An irreversible action (publishing a report, and whatever else cannot be undone) is a two-step form: a preview page
shows exactly what will happen and carries `templates/confirm/_step.html`, which posts back

- `confirm=yes`: a box the person ticked themselves ("我已核对…"), and
- `confirm_token`: a signed token binding the person, the action, the object and a digest of what the preview showed.

The view passes the posted data through `ConfirmForm` and calls its `check()` before its service: a missing tick,
another person's token, another object's, an expired one, or one whose digest no longer matches (the thing changed
after the preview) is refused in Chinese and nothing happens. Usage::

    token = confirm_token(user=request.user, action="report_publish", subject=f"{agency.pk}/{year}", digest=d)
    ...
    ConfirmForm(request.POST, user=request.user, action="report_publish", subject=..., digest=current_digest).check()

`reporting.views.publish` is the first user: it shows the DOCX, PDF and HTML a report would be frozen as.
"""

from __future__ import annotations

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError

SALT = "gongkai.confirm"
MAX_AGE_SECONDS = 2 * 60 * 60


def confirm_token(*, user, action: str, subject: str, digest: str = "") -> str:
    return signing.dumps({"u": user.pk, "a": action, "s": subject, "d": digest}, salt=SALT, compress=True)


def confirm_check(
    data, *, user, action: str, subject: str, digest: str | None = None, max_age: int = MAX_AGE_SECONDS
) -> str:
    """Raise ValidationError unless `data` (request.POST) holds a ticked box and this person's token for this action
    on this subject (made from a preview whose digest is still `digest`, when given). Returns the preview's digest,
    for a service that compares it itself."""
    if data.get("confirm") != "yes":
        raise ValidationError("请核对预览内容，勾选确认后再提交。")
    try:
        token = signing.loads(data.get("confirm_token", ""), salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError("确认已过期，请重新预览后再确认。") from None
    except signing.BadSignature:
        raise ValidationError("确认无效，请从预览页面确认。") from None
    if token.get("u") != user.pk or token.get("a") != action or token.get("s") != subject:
        raise ValidationError("确认无效，请从预览页面确认。")
    if digest is not None and token.get("d") != digest:
        raise ValidationError("预览之后内容已有变化，请重新预览、核对后再确认。")
    return token.get("d", "")


class ConfirmForm(forms.Form):
    """The two fields `templates/confirm/_step.html` posts, checked by `confirm_check` for this person, action,
    subject and digest. `check()` returns the preview's digest or raises the ValidationError in Chinese."""

    confirm = forms.CharField(required=False)
    confirm_token = forms.CharField(required=False)

    def __init__(self, data, *, user, action: str, subject: str, digest: str | None = None, **kwargs):
        super().__init__(data, **kwargs)
        self.user, self.action, self.subject, self.digest = user, action, subject, digest

    def clean(self):
        cleaned = super().clean()
        self.preview_digest = confirm_check(
            cleaned, user=self.user, action=self.action, subject=self.subject, digest=self.digest
        )
        return cleaned

    def check(self) -> str:
        if not self.is_valid():
            raise ValidationError(self.non_field_errors())
        return self.preview_digest
