from __future__ import annotations

import os
from pathlib import Path

import pytest

from gongkai.demo import seed_report_path as _seed_report_path
from gongkai.report.model import Report, load_report

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """The project's shared folder (reference documents, seed, corpus), beside the clone or named by GONGKAI_SHARED."""
    for candidate in (os.environ.get("GONGKAI_SHARED"), REPO.parent / "shared", REPO.parent.parent / "shared"):
        if candidate and (Path(candidate) / "reference" / "FORMAT.md").exists():
            return Path(candidate)
    return None


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("the shared folder (../shared) is not beside this checkout; set GONGKAI_SHARED")
    return path


@pytest.fixture
def seed_report_path() -> Path:
    return _seed_report_path()


@pytest.fixture
def seed_report(seed_report_path: Path) -> Report:
    return load_report(seed_report_path)
