"""Sign-in (throttled) and sign-out. The staff home and dashboards are in gongkai.workspace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.agencies.forms import LoginForm
from gongkai.agencies.throttle import login_attempt_begin, login_attempt_failed, login_attempt_succeeded
from gongkai.common.clients import client_ip


def login_view(request):
    form = LoginForm(request, data=request.POST or None)
    next_url = form.next_url() or request.GET.get("next") or ""
    if request.method == "POST":
        username, ip = form.attempted_username(), client_ip(request)
        gate = login_attempt_begin(username=username, ip=ip)
        if not gate.allowed:
            form = LoginForm(request)
            messages.error(request, gate.message)
        elif form.is_valid():
            login_attempt_succeeded(username=username, ip=ip)
            login(request, form.get_user())
            if not url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                next_url = ""
            return redirect(next_url or "staff-home")
        else:
            login_attempt_failed(username=username, ip=ip)
    return render(request, "registration/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("public-home")
