"""The ``carbon`` command line: a thin adapter over carbon_core.

Errors reach the user as one line on stderr (``carbon: error: ...``) with exit status 1;
warnings as ``carbon: warning: ...``. No traceback is shown for problems with the input.
"""

from __future__ import annotations

import os
import sys
import warnings

from carbon_core.errors import CarbonError

# build_parser and UsageError are part of this module's interface
from .parsers import UsageError, build_parser, handler  # noqa: F401


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"carbon: warning: {message}", file=sys.stderr)


def _parse(parser, argv):
    """Parse, letting a name come before or after options and hold spaces (``factors get fuel 液化 石油气``)."""
    args, extra = parser.parse_known_args(argv)
    words = [w for w in extra if not w.startswith("-")]
    if extra and len(words) == len(extra) and getattr(args, "command", None) == "factors":
        args.name = " ".join(([args.name] if args.name else []) + words)
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = _parse(parser, argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    warnings.showwarning = _show_warning
    try:
        run = handler(args.func) if isinstance(args.func, str) else args.func
        return run(args)
    except BrokenPipeError:  # the reader went away (| head): end quietly, as other tools do
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that Python's own flush at exit does not complain
        except (OSError, ValueError):
            pass
        return 0
    except CarbonError as exc:  # the message, then its stable code (README, "What bad input gets")
        print(f"carbon: error: {exc} [{exc.code}]", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"carbon: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("carbon: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # a safety net: never a traceback for the user, but say it is our fault
        print(f"carbon: error: internal problem ({type(exc).__name__}: {exc}). This is a bug in carbon, not in your "
              "input; please report it with the command and files used.", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
