"""The `gongkai` command.

Each sub-command lives in its own module under `gongkai.commands` and exposes
`register(subparsers)`, which adds its parser and sets `func` to a callable
taking the parsed arguments and returning the exit code.

Exit codes shared by every sub-command: 0 success, 1 the input was read but
breaks an error-level rule, 2 the input or the usage is wrong.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Sub-command modules, in the order `gongkai --help` lists them.
COMMAND_MODULES = (
    "gongkai.commands.demo",
    "gongkai.commands.report",
    "gongkai.commands.deadline",
    "gongkai.commands.fee",
    "gongkai.commands.check",
    "gongkai.commands.manage",
    "gongkai.commands.remind",
    "gongkai.commands.export",
)


class UsageError(Exception):
    """Bad input or usage: printed as one line on stderr, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="gongkai（公开）：政府信息公开工作平台",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"gongkai {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
