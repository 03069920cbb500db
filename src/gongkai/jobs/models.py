from django.db import models


class ScheduledRun(models.Model):
    """One row per daily job and day: the worker that inserts it enqueues the job, every other worker on every other
    node finds the row taken (the unique constraint) and does nothing, so a daily job runs once however many
    workers there are."""

    name = models.CharField(max_length=60)
    day = models.DateField()
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="jobs_scheduledrun_once_a_day")]

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
