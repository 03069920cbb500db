"""One Playwright and one Chromium per test session, shared by every suite's `browser` fixture: Playwright's sync API
refuses a second instance in the same thread while the first is running."""

from __future__ import annotations

_state: dict = {"users": 0}


def acquire(executable_path: str, args: list[str], env: dict | None = None):
    if not _state["users"]:
        from playwright.sync_api import sync_playwright

        _state["playwright"] = sync_playwright().start()
        _state["browser"] = _state["playwright"].chromium.launch(executable_path=executable_path, args=args, env=env)
    _state["users"] += 1
    return _state["browser"]


def release() -> None:
    _state["users"] -= 1
    if not _state["users"]:
        _state.pop("browser").close()
        _state.pop("playwright").stop()
