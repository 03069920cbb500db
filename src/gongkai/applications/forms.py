"""Forms for the public application, staff intake and each workflow step. Errors stand beside their field."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.applications.models import AppealKind, AppealResult, Application, Channel, Delivery
from gongkai.applications.outcomes import DECIDABLE
from gongkai.applications.services import APPLICATION_FIELDS
from gongkai.applications.uploads import check_identity_file
from gongkai.publishing.files import BadFile
from gongkai.workdays import ConsultedParty

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The fields only one kind of applicant fills in: a natural person's identity document, an organisation's credit code,
# contact person and (when its registration and the chosen column differ) the reason. The form shows one group per
# applicant type; the other group's values are dropped on the server whatever the browser sends.
PERSON_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("credit_code", "contact_person", "applicant_type_reason")
NATURAL_PERSON = "natural_person"
# What a select shows before a choice is made: never Django's "---------".
PROMPTS = {"applicant_type": "请选择申请人类型", "id_type": "请选择证件类型", "form": "请选择", "delivery": "请选择"}


def applicant_group(applicant_type: str | None) -> str | None:
    """ "person", "organisation", or None while no type is chosen."""
    if not applicant_type:
        return None
    return "person" if applicant_type == NATURAL_PERSON else "organisation"


class ApplicationForm(forms.ModelForm):
    identity_document = forms.FileField(
        label="身份证明（选填）", required=False, help_text="身份证件或营业执照的扫描件：PDF、PNG 或 JPEG，不超过5MB。"
    )

    class Meta:
        model = Application
        fields = list(APPLICATION_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "purpose": forms.Textarea(attrs={"rows": 2})}
        labels = {"applicant_name": "姓名（个人）或名称（法人或其他组织）"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, prompt in PROMPTS.items():
            field = self.fields[name]
            field.choices = [("", prompt), *[(key, label) for key, label in field.choices if key != ""]]
        self.fields["applicant_type"].widget.attrs["data-applicant-type"] = ""

    @property
    def chosen_group(self) -> str | None:
        """The applicant-type group the page shows: the submitted type's, or both (None) before one is chosen."""
        if not self.is_bound:
            return applicant_group(self.initial.get("applicant_type"))
        return applicant_group(self.data.get(self.add_prefix("applicant_type")))

    def person_fields(self):
        return [self[name] for name in PERSON_FIELDS]

    def organisation_fields(self):
        return [self[name] for name in ORGANISATION_FIELDS]

    def clean(self):
        data = super().clean()
        group = applicant_group(data.get("applicant_type"))
        dropped = ORGANISATION_FIELDS if group == "person" else PERSON_FIELDS if group == "organisation" else ()
        for name in dropped:
            data[name] = ""
            self.errors.pop(name, None)
        return data

    def clean_identity_document(self) -> bytes | None:
        upload = self.cleaned_data.get("identity_document")
        if not upload:
            return None
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError("文件过大")
        data = upload.read()
        try:
            check_identity_file(data)
        except BadFile as exc:
            raise forms.ValidationError(str(exc)) from None
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in APPLICATION_FIELDS}


class PublicApplicationForm(ApplicationForm):
    """The portal's form adds the challenge and a field people cannot see (robots fill it in)."""

    challenge = forms.CharField(label="验证问题", max_length=4)
    challenge_token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


class IntakeForm(ApplicationForm):
    SHOWN_FIRST = ("channel", "received_on", "applicant_type", "applicant_name", *PERSON_FIELDS, *ORGANISATION_FIELDS)

    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    received_on = forms.DateField(
        label="收到申请日期",
        widget=DATE,
        help_text="第31条：当面提交为提交之日；邮寄为签收之日（平常信函为与申请人确认之日）；传真为双方确认之日。",
    )

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("收到申请日期不能晚于今天")
        return day


class TrackForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=40)
    code = forms.CharField(label="查询码", max_length=20)


class ResendCodeForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=40)
    email = forms.EmailField(label="申请时登记的电子邮箱")


class StepForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE, initial=timezone.localdate)


class CorrectionForm(StepForm):
    reply_by = forms.DateField(label="补正期限", widget=DATE)
    what = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}))


class ConsultationForm(StepForm):
    delivered_on = forms.DateField(
        label="对方收到征求意见函的日期（当面或电子送达可不填）", widget=DATE, required=False
    )
    party = forms.ChoiceField(
        label="征求对象",
        choices=[
            (ConsultedParty.THIRD_PARTY.value, "第三方（第32条）"),
            (ConsultedParty.OTHER_AGENCY.value, "其他机关（第34条）"),
        ],
    )
    consulted = forms.CharField(label="被征求意见方名称", max_length=200)


class ConsultationAnswerForm(StepForm):
    opinion = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(StepForm):
    workdays = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    approved_by = forms.CharField(label="审批人（信息公开工作机构负责人）", max_length=100)
    reason = forms.CharField(label="延期理由", max_length=300)


class ReasonsForm(StepForm):
    reply_by = forms.DateField(label="说明理由的期限", widget=DATE)
    note = forms.CharField(label="数量、频次的情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PeriodForm(StepForm):
    until = forms.DateField(label="确定的答复期限", widget=DATE)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class FeeForm(StepForm):
    method = forms.ChoiceField(
        label="计收方式（二选一）",
        choices=[("pages", "按量计收（填写页数）"), ("count", "按件计收（按记录自动计算本月第几件）")],
    )
    quantity = forms.IntegerField(label="页数（按量计收时填写）", min_value=0, required=False)


class DecisionForm(StepForm):
    outcome = forms.ChoiceField(label="办理结果（表三中的一行）", choices=[("", "——请选择——"), *DECIDABLE])
    reason = forms.CharField(label="理由及说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    earlier = forms.CharField(label="重复申请：此前的申请编号", max_length=40, required=False)
    competent_agency = forms.CharField(label="本机关不掌握：负责公开的机关（已知时）", max_length=200, required=False)
    published_at = forms.CharField(label="已主动公开：公开的位置（网址或载体）", max_length=300, required=False)
    withheld_basis = forms.CharField(label="部分公开：不予公开部分的法律依据", max_length=300, required=False)
    channel = forms.CharField(label="行政查询事项：依法办理的途径", max_length=300, required=False)

    DETAILS = ("earlier", "competent_agency", "published_at", "withheld_basis", "channel")

    def clean(self):
        data = super().clean()
        data["details"] = {key: data.pop(key) for key in self.DETAILS if data.get(key)}
        for key in self.DETAILS:
            data.pop(key, None)
        return data


class DeliveryForm(StepForm):
    method = forms.ChoiceField(label="送达方式", choices=Delivery.choices)


class LetterSendForm(StepForm):
    method = forms.ChoiceField(
        label="发送方式（邮寄的，期限自对方签收之日起计算，收到回执后记录签收日期）", choices=Delivery.choices
    )


class LetterForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 16}))


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=AppealKind.choices)
    filed_on = forms.DateField(label="受理或立案日期", widget=DATE)
    body = forms.CharField(label="复议机关或法院", max_length=200, required=False)
    case_number = forms.CharField(label="案号", max_length=100, required=False)


class AppealDecisionForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices)
    closed_on = forms.DateField(label="审结日期", widget=DATE, required=False)
