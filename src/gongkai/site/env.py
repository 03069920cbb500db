"""Tiny typed readers for settings from the environment: a bad value stops the start-up with a message that names it."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"环境变量 {name} 必须设置")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"环境变量 {name} 应为 true/false，实际为 {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，实际为 {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"环境变量 {name} 不能小于 {minimum}，实际为 {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name) or default).expanduser().resolve()


def env_networks(name: str, default: list[str]) -> list[str]:
    """A list of IP addresses or CIDR ranges (e.g. `127.0.0.1,10.0.0.0/8`), checked now so a typo stops start-up."""
    import ipaddress

    entries = env_list(name, default)
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"环境变量 {name} 中的 {entry!r} 不是 IP 地址或网段") from None
    return entries
