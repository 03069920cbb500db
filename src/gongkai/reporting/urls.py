from django.urls import path

from gongkai.reporting import views, views_public

urlpatterns = [
    # Staff: the draft, drill-down, publishing, versions
    path("staff/<int:agency_id>/reports/<int:year>/", views.draft, name="report-draft"),
    path("staff/<int:agency_id>/reports/<int:year>/cells/<str:cell>/", views.cell, name="report-cell"),
    path(
        "staff/<int:agency_id>/reports/<int:year>/categories/<int:category_id>/",
        views.category,
        name="report-category",
    ),
    path("staff/<int:agency_id>/reports/<int:year>/publish/", views.publish, name="report-publish"),
    path(
        "staff/<int:agency_id>/reports/<int:year>/publish/preview.<str:ext>",
        views.preview_file,
        name="report-preview-file",
    ),
    path("staff/<int:agency_id>/reports/<int:year>/v<int:number>/", views.version, name="report-version"),
    # Supervisors
    path("staff/supervision/reports/<int:year>/", views.region, name="report-region"),
    path("staff/supervision/reports/<int:year>/combined/", views.combined, name="report-combined"),
    path("staff/supervision/reports/<int:year>/combined.<str:ext>", views.combined_file, name="report-combined-file"),
    path("staff/supervision/reports/<int:year>/import/", views.import_report, name="report-import"),
    # Public: the portal's 年报 column
    path("gk/<int:agency_id>/reports/<int:year>/", views_public.report_page, name="public-report"),
    path(
        "gk/<int:agency_id>/reports/<int:year>/v<int:number>.<str:ext>",
        views_public.download,
        name="public-report-file",
    ),
    # API
    path("api/v1/agencies/<int:agency_id>/reports/<int:year>", views_public.api_report, name="api-report"),
]
