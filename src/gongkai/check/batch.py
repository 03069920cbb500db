"""A batch: expand files and folders, read them (in parallel with `jobs` > 1), pair years, run every rule."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gongkai.check.read import Limits, Outcome, Status, read_file
from gongkai.report.model import Report
from gongkai.report.rules import check_report, has_errors

# Files taken from a folder; a file named on the command line is read whatever its name.
EXTENSIONS = (".txt", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf")
Progress = Callable[[int, int, str], None]


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The files to check, in a stable order, and the paths that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in EXTENSIONS and not p.name.startswith(".")
            )
        elif path.exists():
            found = [path]
        else:
            missing.append(str(raw))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, missing


def _read_one(args: tuple[str, Limits]) -> Outcome:
    path, limits = args
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Outcome(path, Status.CORRUPT, f"无法读取文件：{exc.strerror or exc}")
    if not stat.S_ISREG(mode):
        # /dev/zero would be read until memory runs out, a FIFO would block forever: refused before any read.
        return Outcome(path, Status.UNSUPPORTED, "不是普通文件（设备、管道或套接字），未读取")
    try:
        outcome = read_file(path, limits)
    except MemoryError:
        outcome = Outcome(path, Status.CORRUPT, "MemoryError")
    except Exception as exc:  # the last guard: a bug in a reader must not stop the batch
        return Outcome(path, Status.CORRUPT, f"读取时出错（{type(exc).__name__}: {str(exc)[:120]}）")
    if outcome.status is Status.CORRUPT and _ran_out_of_memory(outcome.reason):
        # lxml reports the memory cap as a syntax error ("Memory allocation failed"): say what really happened.
        limit = limits.max_memory // (1024 * 1024)
        return Outcome(path, Status.TOO_LARGE, f"文件过大：读取所需内存超过上限 {limit} MB，已放弃", outcome.kind)
    return outcome


def _ran_out_of_memory(reason: str) -> bool:
    return "MemoryError" in reason or "Memory allocation failed" in reason or "out of memory" in reason.lower()


def _limit_memory(max_memory: int) -> None:
    """In a worker process: cap its address space, so one pathological file ends in MemoryError, not the OOM killer."""
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > max_memory:
            resource.setrlimit(resource.RLIMIT_AS, (max_memory, hard))
    except (ImportError, ValueError, OSError):
        pass  # not available on this platform: the size and page caps still apply


def read_all(
    files: Sequence[str | Path], *, jobs: int = 1, limits: Limits | None = None, progress: Progress | None = None
) -> list[Outcome]:
    limits = limits or Limits()
    tasks = [(str(path), limits) for path in files]
    outcomes: list[Outcome] = []
    if not tasks:
        return outcomes
    # Always in worker processes, even with -j 1: there each file gets the memory cap (RLIMIT_AS) and the timer
    # (a worker runs files in its main thread), and one pathological file cannot take the command down with it.
    workers = max(1, min(jobs, len(tasks)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_limit_memory, initargs=(limits.max_memory,)) as pool:
        chunksize = max(1, min(16, len(tasks) // (jobs * 4) or 1))
        for index, outcome in enumerate(pool.map(_read_one, tasks, chunksize=chunksize), 1):
            outcomes.append(outcome)
            if progress:
                progress(index, len(tasks), outcome.source)
    return outcomes


def agency_key(agency: str) -> str:
    """Agencies match across years on their name without spaces and brackets' width."""
    return re.sub(r"[\s（）()]", "", agency)


def pair_and_check(outcomes: list[Outcome], previous: Sequence[Outcome] = ()) -> None:
    """Run every rule on each report read, with the same agency's report of the year before when one is known
    (in the batch itself or among `previous`)."""
    readable = [o for o in outcomes if o.report is not None]
    pool = readable + [o for o in previous if o.report is not None]
    by_key: dict[tuple[str, int], Outcome] = {}
    for outcome in pool:
        report = outcome.report
        if report and report.agency and report.year:
            by_key.setdefault((agency_key(report.agency), report.year), outcome)
    lone_previous = [o for o in previous if o.report is not None]
    for outcome in readable:
        report = outcome.report
        assert report is not None
        earlier = by_key.get((agency_key(report.agency), report.year - 1)) if report.agency else None
        if earlier is None and len(lone_previous) == 1 and len(readable) == 1:
            earlier = lone_previous[0]  # one report and the one named as its previous: the user paired them
        last_year: Report | None = earlier.report if earlier is not None else None
        if last_year is not None and last_year.year == report.year - 1:
            outcome.previous_source = earlier.source
        else:
            last_year = None
        try:
            outcome.findings = list(outcome.reader_findings) + check_report(report, last_year)
        except Exception as exc:  # a rule failing on strange data must not stop the batch; say so instead
            outcome.findings = list(outcome.reader_findings)
            outcome.problems.append(f"运行规则时出错（{type(exc).__name__}: {str(exc)[:120]}），部分规则未检查")


def check_paths(
    paths: Iterable[str | Path],
    *,
    previous: Iterable[str | Path] = (),
    jobs: int = 1,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Check every file under `paths`; `previous` names last year's reports, used only for comparisons."""
    files, missing = collect_files(paths)
    outcomes = read_all(files, jobs=jobs, limits=limits, progress=progress)
    for name in missing:
        outcomes.append(Outcome(name, Status.CORRUPT, "文件不存在"))
    previous_files, _ = collect_files(previous)
    earlier = read_all(previous_files, jobs=1, limits=limits)
    pair_and_check(outcomes, earlier)
    return outcomes


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """0 when every file was read and nothing breaks an error-level rule, else 1."""
    if any(not o.ok or has_errors(o.findings) for o in outcomes):
        return 1
    return 0


def default_jobs() -> int:
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8))


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream=None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled

    def __call__(self, done: int, total: int, source: str) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = width * done // total
        name = Path(source).name[-30:]
        self.stream.write(f"\r检查中 [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<30}")
        if done == total:
            self.stream.write("\r" + " " * (width + 80) + "\r")
        self.stream.flush()
