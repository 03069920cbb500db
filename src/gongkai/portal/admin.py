from django.contrib import admin

from gongkai.portal.models import Guide


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ("agency", "updated_at", "updated_by")
    readonly_fields = ("agency", "body", "updated_at", "updated_by")  # edited on the staff page, which audits it
