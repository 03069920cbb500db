"""Admin: letter templates are edited here; applications are read-only (their changes go through the services)."""

from django.contrib import admin

from gongkai.applications.models import ApiToken, Application, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "outcome_group", "agency")
    list_filter = ("kind", "agency")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked")
    fields = ("user", "name", "revoked")

    def has_add_permission(self, request):
        return False  # the key is shown once by services.api_token_create


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("number", "agency", "received_on", "status", "outcome", "decided_on")
    list_filter = ("agency", "status")
    fields = ("number", "agency", "channel", "received_on", "applicant_type", "status", "outcome", "decided_on")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
