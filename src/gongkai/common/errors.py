"""Error pages: JSON everywhere under /api/, and a clear 503 (never a bare 500 or a 400) when the database is locked
past its wait or the data folder cannot be written (docs/security.md)."""

from __future__ import annotations

import errno
import logging
import sys

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.views import defaults

logger = logging.getLogger(__name__)

BUSY_RETRY_SECONDS = 5
BUSY = "系统繁忙（数据库正被占用），请稍后再试"
READ_ONLY = "系统暂时无法保存数据（存储不可写），请稍后再试；浏览公开信息不受影响"
_STORAGE_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}


def _chain(exc: BaseException | None):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def unavailable(exc: BaseException | None) -> tuple[str, int] | None:
    """(message, seconds to retry) when `exc`, or what caused it, is the storage's fault rather than the request's."""
    for error in _chain(exc):
        text = str(error).lower()
        if isinstance(error, OperationalError):
            if "locked" in text or "busy" in text:
                return BUSY, BUSY_RETRY_SECONDS
            if "readonly" in text or "read-only" in text or "unable to open" in text or "disk" in text:
                return READ_ONLY, 60
        if isinstance(error, OSError) and error.errno in _STORAGE_ERRNOS:
            return READ_ONLY, 60
    return None


def is_api(request) -> bool:
    return request.path.startswith("/api/")


_PAGE = """<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><p>{message}</p><p><a href="/">返回首页</a></p></body></html>"""


def refusal(request, status: int, message: str, *, retry_after: int | None = None) -> HttpResponse:
    """An error answer without templates or the database (both may be what failed)."""
    if is_api(request):
        response = JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    else:
        from django.utils.html import escape

        title = {400: "请求有误", 413: "内容过大", 503: "暂时无法处理"}.get(status, "出错了")
        page = _PAGE.format(title=title, message=escape(message))
        response = HttpResponse(page, status=status, content_type="text/html; charset=utf-8")
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _storage_refusal(request, exc) -> HttpResponse | None:
    found = unavailable(exc)
    if found is None:
        return None
    message, seconds = found
    logger.warning("503 for %s: %s", request.path, type(exc).__name__)
    return refusal(request, 503, message, retry_after=seconds)


def bad_request(request, exception=None):
    # Django turns a session it could not save (the database locked) into a 400: it is the server's fault.
    answer = _storage_refusal(request, exception)
    if answer is not None:
        return answer
    from django.core.exceptions import RequestDataTooBig

    if isinstance(exception, RequestDataTooBig):
        return refusal(request, 413, "提交的内容过大")
    if is_api(request):
        return refusal(request, 400, "请求有误")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if is_api(request):
        return refusal(request, 403, "无权访问")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if is_api(request):
        return refusal(request, 404, "没有这个接口或对象")
    return defaults.page_not_found(request, exception)


def server_error(request):
    answer = _storage_refusal(request, sys.exception())
    if answer is not None:
        return answer
    if is_api(request):
        return refusal(request, 500, "服务器内部错误")
    return refusal(request, 500, "服务器内部错误，已记录，请稍后再试")
