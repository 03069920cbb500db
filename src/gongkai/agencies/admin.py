from django.contrib import admin

from gongkai.agencies import signals
from gongkai.agencies.models import (
    Agency,
    AuditEntry,
    CalendarDay,
    CalendarYear,
    Membership,
    Region,
    Supervision,
)
from gongkai.agencies.services import audit_record, snapshot

AGENCY_FIELDS = ["name", "credit_code", "region", "level", "address", "postcode", "phone", "email", "review_levels"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "region", "review_levels", "is_demo"]
    list_filter = ["region", "is_demo"]
    search_fields = ["name", "credit_code"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        before = snapshot(Agency.objects.get(pk=obj.pk), AGENCY_FIELDS) if change else None
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            agency=obj,
            action="修改机关" if change else "新建机关",
            obj=obj,
            before=before,
            after=snapshot(obj, AGENCY_FIELDS),
        )
        if change:
            signals.agency_changed.send(sender=Agency, agency_id=obj.pk)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["agency", "role"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user, agency=obj.agency, action="设置岗位", obj=obj, after=snapshot(obj, ["user", "role"])
        )

    def delete_model(self, request, obj):
        audit_record(
            actor=request.user, agency=obj.agency, action="撤销岗位", obj=obj, before=snapshot(obj, ["user", "role"])
        )
        super().delete_model(request, obj)


@admin.register(Supervision)
class SupervisionAdmin(admin.ModelAdmin):
    list_display = ["user", "region"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "agency", "action", "object_type", "object_repr"]
    list_filter = ["agency", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 5


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]
    inlines = [CalendarDayInline]

    def save_related(self, request, form, formsets, change):
        """Once the year's days are saved, every open application whose dates run into it is recomputed at once."""
        super().save_related(request, form, formsets, change)
        answers = signals.calendar_year_changed.send(sender=CalendarYear, year=form.instance.year, actor=request.user)
        moved = sum(answer or 0 for _, answer in answers)
        if moved:
            self.message_user(request, f"已按{form.instance.year}年放假安排重新计算{moved}件申请的答复期限")
