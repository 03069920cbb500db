from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        # Personal data must never reach a log line or an error report, whoever logs it.
        from gongkai.applications.privacy import install_log_filter

        install_log_filter()
