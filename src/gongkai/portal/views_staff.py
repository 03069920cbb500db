"""The staff page where the agency admin edits the 政府信息公开指南 shown on the portal."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.agencies.access import get_agency_for_member
from gongkai.portal import services
from gongkai.portal.models import Guide


class GuideForm(forms.Form):
    body = forms.CharField(
        label="指南正文", widget=forms.Textarea(attrs={"rows": 20}), help_text="可使用段落、标题、列表等简单格式。"
    )


@login_required
def guide_edit(request, agency_id: int):
    agency = get_agency_for_member(request.user, agency_id, *services.GUIDE_ROLES)
    current = Guide.objects.filter(agency=agency).first()
    form = GuideForm(request.POST or None, initial={"body": current.body if current else ""})
    if request.method == "POST" and form.is_valid():
        services.guide_save(agency=agency, actor=request.user, body=form.cleaned_data["body"])
        messages.success(request, "政府信息公开指南已更新，门户立即显示新内容")
        return redirect("portal-guide-edit", agency_id=agency.pk)
    return render(request, "portal/guide_edit.html", {"agency": agency, "form": form})
