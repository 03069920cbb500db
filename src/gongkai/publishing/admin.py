from django.contrib import admin

from gongkai.publishing import public_site
from gongkai.publishing.models import Attachment, CatalogEntry, Category, Item, ItemEvent, YearFigures


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "position"]
    list_filter = ["agency"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # the public pages that print its name
            public_site.names_changed(category_id=obj.pk)


@admin.register(CatalogEntry)
class CatalogEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "agency", "method", "responsible_unit"]
    list_filter = ["agency"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            public_site.names_changed(entry_id=obj.pk)


class ItemEventInline(admin.TabularInline):
    model = ItemEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Read-only here: items change only through the review chain in gongkai's own pages."""

    list_display = ["index_number", "title", "agency", "status", "published_at", "is_late"]
    list_filter = ["agency", "status", "is_late", "document_type"]
    search_fields = ["title", "index_number"]
    inlines = [ItemEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "item", "kind", "size"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(YearFigures)
class YearFiguresAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "hotline_orders"]
