"""gongkai.limits.isolated (issue 15, item 4): a parse runs in a child process whose memory and time are capped,
also when the caller is not a main thread (a threaded web server), and its refusals come back as LimitExceeded."""

from __future__ import annotations

import threading
import time

import pytest

from gongkai.limits import FileLimits, LimitExceeded, ParseFailed, isolated

SMALL = FileLimits(seconds=3.0, max_memory_growth=200 * 1024 * 1024)


def _hog() -> int:
    blocks = [bytearray(50 * 1024 * 1024) for _ in range(40)]  # 2 GB
    return len(blocks)


def test_it_returns_the_result():
    assert isolated(lambda: {"text": "正文" * 1000}, SMALL) == {"text": "正文" * 1000}


def test_memory_past_the_cap_is_too_large_and_the_caller_keeps_running():
    with pytest.raises(LimitExceeded, match="内存") as refused:
        isolated(_hog, SMALL)
    assert refused.value.kind == "too_large"


def test_time_past_the_cap_is_stopped_even_outside_the_main_thread():
    caught: list[BaseException] = []

    def run():
        try:
            isolated(lambda: time.sleep(60), SMALL)
        except BaseException as exc:
            caught.append(exc)

    started = time.perf_counter()
    worker = threading.Thread(target=run)
    worker.start()
    worker.join(30)
    assert time.perf_counter() - started < 10
    assert isinstance(caught[0], LimitExceeded) and caught[0].kind == "timeout"


def test_a_parser_failure_is_named_not_raised_as_is():
    def broken():
        raise KeyError("word/document.xml")

    with pytest.raises(ParseFailed, match="KeyError"):
        isolated(broken, SMALL)
    with pytest.raises(LimitExceeded, match="超过"):
        isolated(lambda: (_ for _ in ()).throw(LimitExceeded("表格超过 5 行")), SMALL)
