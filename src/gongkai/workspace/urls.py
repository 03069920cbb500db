from django.urls import path

from gongkai.workspace import views

urlpatterns = [
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/go/items/", views.go_items, name="go-items"),
    path("staff/go/applications/", views.go_applications, name="go-applications"),
    path("staff/go/reports/", views.go_reports, name="go-reports"),
    path("staff/supervision/", views.supervision, name="supervision"),
    path("staff/<int:agency_id>/", views.dashboard, name="agency-dashboard"),
    path("staff/<int:agency_id>/audit/", views.audit_trail, name="audit-trail"),
]
