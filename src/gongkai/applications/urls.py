from django.urls import path

from gongkai.applications import api, views_public, views_receipt, views_staff

urlpatterns = [
    # Public
    path("apply/", views_public.apply_index, name="application-agencies"),
    path("apply/<int:agency_id>/", views_public.apply, name="application-apply"),
    path("apply/submitted/", views_public.submitted, name="application-submitted"),
    path("track/", views_public.track, name="application-track"),
    path("track/code/", views_receipt.resend_code, name="application-resend-code"),
    path("apply/submitted/receipt.<str:ext>", views_receipt.online_receipt, name="application-receipt-online"),
    # Staff
    path("staff/<int:agency_id>/applications/", views_staff.queue, name="application-queue"),
    path("staff/<int:agency_id>/applications/new/", views_staff.intake, name="application-intake"),
    path("staff/<int:agency_id>/applications/<int:year>.csv", views_staff.export_csv, name="application-export"),
    path("staff/applications/<int:pk>/", views_staff.detail, name="application-detail"),
    path("staff/applications/<int:pk>/assign/", views_staff.assign_to_me, name="application-assign"),
    path("staff/applications/<int:pk>/receipt.<str:ext>", views_receipt.staff_receipt, name="application-receipt"),
    path("staff/applications/<int:pk>/code/", views_receipt.staff_resend_code, name="application-resend-code-staff"),
    path("staff/applications/<int:pk>/correction/", views_staff.step_correction, name="application-correction"),
    path("staff/applications/<int:pk>/corrected/", views_staff.step_corrected, name="application-corrected"),
    path("staff/applications/<int:pk>/lapse/", views_staff.step_lapse, name="application-lapse"),
    path("staff/applications/<int:pk>/consult/", views_staff.step_consult, name="application-consult"),
    path(
        "staff/applications/<int:pk>/consult-answer/",
        views_staff.step_consult_answer,
        name="application-consult-answer",
    ),
    path("staff/applications/<int:pk>/extend/", views_staff.step_extend, name="application-extend"),
    path("staff/applications/<int:pk>/fee/", views_staff.step_fee, name="application-fee"),
    path("staff/applications/<int:pk>/reasons/", views_staff.step_reasons, name="application-reasons"),
    path("staff/applications/<int:pk>/period/", views_staff.step_period, name="application-period"),
    path("staff/applications/<int:pk>/paid/", views_staff.step_paid, name="application-paid"),
    path("staff/applications/<int:pk>/fee-lapse/", views_staff.step_fee_lapse, name="application-fee-lapse"),
    path("staff/applications/<int:pk>/decide/", views_staff.step_decide, name="application-decide"),
    path("staff/applications/<int:pk>/deliver/", views_staff.step_deliver, name="application-deliver"),
    path("staff/applications/<int:pk>/close/", views_staff.step_close, name="application-close"),
    path("staff/applications/<int:pk>/appeals/", views_staff.appeal_add, name="appeal-add"),
    path("staff/appeals/<int:pk>/", views_staff.appeal_decide, name="appeal-decide"),
    path("staff/identity/<int:pk>/", views_staff.identity_document, name="identity-document"),
    path("staff/letters/<int:pk>/", views_staff.letter_edit, name="letter-edit"),
    path("staff/letters/<int:pk>/send/", views_staff.letter_send, name="letter-send"),
    path("staff/letters/<int:pk>.docx", views_staff.letter_download, name="letter-download"),
    # API
    path("api/v1/agencies", api.agencies, name="api-agencies"),
    path("api/v1/challenge", api.challenge, name="api-challenge"),
    path("api/v1/agencies/<int:agency_id>/applications", api.submit, name="api-submit"),
    path("api/v1/applications/status", api.status, name="api-status"),
    path("api/v1/staff/agencies/<int:agency_id>/applications", api.staff_list, name="api-staff-list"),
    path("api/v1/staff/applications/<str:number>", api.staff_application, name="api-staff-application"),
    path("api/v1/staff/applications/<str:number>/<str:step>", api.staff_step, name="api-staff-step"),
]
