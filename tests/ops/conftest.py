from __future__ import annotations

import pytest

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """The production task backend: enqueued tasks wait in the database for a worker."""
    settings.TASKS = DATABASE_TASKS
