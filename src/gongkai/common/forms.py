"""Form helpers shared by the apps' views."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def message_service_errors(request, exc: ValidationError) -> None:
    """Show a service's ValidationError as messages on the next page (for actions posted without a form page)."""
    for message in exc.messages:
        messages.error(request, message)


def message_form_errors(request, form: forms.Form) -> None:
    """Show a form's errors as messages on the next page (for actions posted without a form page)."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
