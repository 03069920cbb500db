"""Checking published annual reports from files: read any format, classify bad input, pair years, run the rules.

`check_paths()` is the whole pipeline; `read_file()` reads one file into an `Outcome`; `gongkai.check.output`
writes the terminal summary, JSON, XLSX and HTML.
"""

from gongkai.check.batch import check_paths, collect_files, exit_code
from gongkai.check.read import Limits, Outcome, Status, read_bytes, read_file

__all__ = ["Limits", "Outcome", "Status", "check_paths", "collect_files", "exit_code", "read_bytes", "read_file"]
