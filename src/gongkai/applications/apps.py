from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        # Personal data must never reach a log line or an error report, whoever logs it.
        from gongkai.applications.privacy import install_log_filter

        install_log_filter()
        # A holiday schedule entered in the admin moves the due dates of open applications (agencies announces it).
        from gongkai.agencies.signals import calendar_year_changed

        calendar_year_changed.connect(_recompute_for_schedule, dispatch_uid="gongkai-applications-recompute")


def _recompute_for_schedule(sender, *, year: int, actor, **kwargs) -> int:
    from gongkai.applications.services import applications_recompute_for_schedule

    return applications_recompute_for_schedule(year=year, actor=actor)
