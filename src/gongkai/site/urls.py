from django.contrib import admin
from django.urls import include, path

from gongkai.agencies import views as agency_views
from gongkai.publishing import views, views_records
from gongkai.site import api, health
from gongkai.site import views as site_views

handler400 = "gongkai.common.errors.bad_request"
handler403 = "gongkai.common.errors.permission_denied"
handler404 = "gongkai.common.errors.page_not_found"
handler500 = "gongkai.common.errors.server_error"

admin.site.site_header = "gongkai 系统管理"
admin.site.site_title = "gongkai"

urlpatterns = [
    # For the load balancer and monitoring: database, storage, task queue (docs/deploy.md)
    path("healthz", health.health, name="health"),
    # Public: the portal (home, agencies, lists, items, search, feeds, sitemaps) and its staff page for the guide
    path("", include("gongkai.portal.urls")),
    # The site's one script (no inline script: docs/security.md)
    path("assets/<str:name>", site_views.asset, name="site-asset"),
    # One OpenAPI document for /api/v1/ (applications and annual reports)
    path("api/v1/openapi.json", api.openapi, name="api-openapi"),
    # Applications (依申请公开): apply, track, staff pages, the JSON API under /api/v1/
    path("", include("gongkai.applications.urls")),
    # Annual reports: the draft, drill-down, publishing, supervisors, the portal's 年报 column, /api/v1/.../reports/
    path("", include("gongkai.reporting.urls")),
    # The working-day calendar for admins (issue 14, item 7)
    path("", include("gongkai.agencies.views_calendar")),
    # Accounts
    path("accounts/login/", agency_views.login_view, name="login"),
    path("accounts/logout/", agency_views.logout_view, name="logout"),
    # Staff: 待我处理, the header's shortcuts, dashboards, audit trail, supervision (gongkai.workspace)
    path("", include("gongkai.workspace.urls")),
    path("staff/<int:agency_id>/items/", views.item_list, name="item-list"),
    path("staff/<int:agency_id>/items/new/", views.item_new, name="item-new"),
    path("staff/<int:agency_id>/catalog/", views_records.catalog, name="catalog"),
    path("staff/<int:agency_id>/catalog.xlsx", views_records.catalog_xlsx, name="catalog-xlsx"),
    path("staff/<int:agency_id>/catalog/import/", views_records.catalog_import, name="catalog-import"),
    path("staff/<int:agency_id>/figures/<int:year>/", views_records.figures, name="figures"),
    path("staff/<int:agency_id>/figures/<int:year>.xlsx", views_records.figures_xlsx, name="figures-xlsx"),
    path("staff/<int:agency_id>/figures/<int:year>/import/", views_records.figures_import, name="figures-import"),
    path("staff/items/<int:pk>/", views.item_detail, name="item-detail"),
    path("staff/items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("staff/items/<int:pk>/submit/", views.item_submit, name="item-submit"),
    path("staff/items/<int:pk>/pass/", views.item_pass, name="item-pass"),
    path("staff/items/<int:pk>/reject/", views.item_reject, name="item-reject"),
    path("staff/items/<int:pk>/confirm/", views.item_confirm, name="item-confirm"),
    path("staff/items/<int:pk>/withdraw/", views.item_withdraw, name="item-withdraw"),
    path("staff/items/<int:pk>/validity/", views.item_validity, name="item-validity"),
    path("staff/items/<int:pk>/attachments/", views.attachment_upload, name="attachment-upload"),
    path("staff/attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("admin/", admin.site.urls),
]
