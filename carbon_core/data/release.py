"""Replacing a package folder by its next release so that no interruption can lose it.

A release is prepared in a staging folder beside the package and validated there. Then a
journal file is written (the commit point) and the two folders are exchanged: on Linux with one
``renameat2(RENAME_EXCHANGE)`` call, so the package folder always holds one complete release;
elsewhere with two renames, between which the journal says where both releases are. Whatever
stops the process (Ctrl-C, a kill, a full disk), the next command that touches the package
finds the journal or the staging folder and finishes or rolls back the release, and says which.

Nothing here imports numpy or pandas.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import sys
from pathlib import Path

from ..errors import DataPackageError

JOURNAL = ".{name}.release.json"
STAGING_PREFIX = ".{name}.revise-"

#: Called after each file operation of a release with its name; tests use it to interrupt there.
STEP_HOOK = None


def step(name: str) -> None:
    if STEP_HOOK is not None:
        STEP_HOOK(name)


def journal_path(folder: Path) -> Path:
    return folder.parent / JOURNAL.format(name=folder.name)


def _exchange_syscall():
    """``renameat2`` with RENAME_EXCHANGE where the C library has it (Linux, glibc ≥ 2.28), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange(a: Path, b: Path) -> str:
    """Swap two folders. Returns ``"exchange"`` (one atomic call) or ``"renames"`` (two renames,
    with ``a`` parked as ``b`` + ``.previous`` in between)."""
    fn = _exchange_syscall()
    if fn is not None:
        if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            step("exchanged")
            return "exchange"
        err = ctypes.get_errno()
        if err not in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot; fall back
            raise OSError(err, os.strerror(err), str(a))
    parked = b.with_name(b.name + ".previous")
    os.replace(a, parked)
    step("parked")
    try:
        os.replace(b, a)
    except OSError:
        os.replace(parked, a)
        raise
    step("placed")
    os.replace(parked, b)
    step("exchanged")
    return "renames"


def write_journal(folder: Path, staging: Path, old_version: str, new_version: str) -> Path:
    path = journal_path(folder)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"package": folder.name, "staging": staging.name, "old_version": old_version,
                               "new_version": new_version}), encoding="utf-8")
    os.replace(tmp, path)  # the commit point: from here a release is finished or rolled back, never lost
    step("journal")
    return path


def _version(folder: Path) -> str | None:
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def recover(folder: Path) -> list[str]:
    """Finish or roll back an interrupted release of the package in ``folder``; what was done, in words.

    The journal says which release each folder holds. A release interrupted before its journal was
    written changed nothing, and its staging folder is removed.
    """
    folder = Path(folder)
    parent, done = folder.parent, []
    if not parent.is_dir():
        return done
    journal = journal_path(folder)
    if journal.is_file():
        try:
            info = json.loads(journal.read_text(encoding="utf-8"))
            staging = parent / info["staging"]
            old, new = info["old_version"], info["new_version"]
        except (OSError, ValueError, KeyError, TypeError):
            raise DataPackageError(f"{journal} is damaged: an interrupted release of {folder.name} cannot be "
                                   "checked. Look at the folders beside it starting with '.', keep the complete one "
                                   "as the package, then delete the journal.") from None
        work, parked = staging / folder.name, staging / (folder.name + ".previous")
        here = _version(folder) if (folder / "datapackage.json").is_file() else None
        if here is None and parked.is_dir() and _version(parked) == old and work.is_dir():
            os.replace(work, folder)  # interrupted between the two renames: put the new release in place
            here = new
        if here is None and parked.is_dir():
            os.replace(parked, folder)
            here = old
        if here == new:
            done.append(f"an interrupted release of {folder.name} {new} was completed (the package is at {new}).")
        elif here == old:
            done.append(f"an interrupted release of {folder.name} {new} was rolled back (the package is still at "
                        f"{old}); run 'carbon revise' again.")
        else:
            raise DataPackageError(f"an interrupted release of {folder.name} left no complete package: see {staging} "
                                   f"and {journal}.")
        shutil.rmtree(staging, ignore_errors=True)
        journal.unlink(missing_ok=True)
        journal.with_name(journal.name + ".tmp").unlink(missing_ok=True)
    for stale in parent.glob(STAGING_PREFIX.format(name=folder.name) + "*"):
        shutil.rmtree(stale, ignore_errors=True)  # prepared but never committed: copies only
        done.append(f"removed {stale.name}, left by a release of {folder.name} that was interrupted before it "
                    "changed anything.")
    journal.with_name(journal.name + ".tmp").unlink(missing_ok=True)
    return done


def has_leftovers(folder: Path) -> bool:
    """Whether an interrupted release left a journal or a staging folder beside ``folder`` (cheap)."""
    folder = Path(folder)
    if journal_path(folder).exists():
        return True
    try:
        prefix = STAGING_PREFIX.format(name=folder.name)
        return any(p.name.startswith(prefix) for p in folder.parent.iterdir())
    except OSError:
        return False
