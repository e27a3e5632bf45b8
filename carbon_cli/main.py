"""The ``carbon`` command line: a thin adapter over carbon_core.

Errors reach the user as one line on stderr (``carbon: error: ...``) with exit status 1;
warnings as ``carbon: warning: ...``. No traceback is shown for problems with the input.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from carbon_core import __version__
from carbon_core.errors import CarbonError

from . import accounting_commands, data_commands, io_commands
from .io_commands import UsageError  # noqa: F401 - part of the module's interface


def cmd_build_workbooks(args) -> int:
    from .workbooks import build_all

    for path in build_all(Path(args.output_dir)):
        print(f"wrote {path}")
    return 0


# ---------------------------------------------------------------- entry point
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="carbon", description="Input-output carbon analysis and inventory accounting.")
    parser.add_argument("--version", action="version", version=f"carbon {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    io_commands.add_commands(sub)
    bw = sub.add_parser("build-workbooks", help="generate the example workbooks (IO extraction, park inventory, "
                                                 "factor audit) with live CARBON_* formulas and saved values")
    bw.add_argument("--output-dir", default="workbooks", help="folder to write to (default: workbooks)")
    bw.set_defaults(func=cmd_build_workbooks)
    data_commands.add_commands(sub)
    accounting_commands.add_commands(sub)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"carbon: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except (CarbonError, OSError) as exc:
        print(f"carbon: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("carbon: interrupted; no file was left half-written.", file=sys.stderr)
        return 130
    except Exception as exc:  # a safety net: never a traceback for the user, but say it is our fault
        print(f"carbon: error: internal problem ({type(exc).__name__}: {exc}). This is a bug in carbon, not in your "
              "input; please report it with the command and files used.", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
