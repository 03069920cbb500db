from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "gongkai.reporting"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"
