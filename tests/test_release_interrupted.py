"""A release interrupted anywhere (Ctrl-C or a kill after any file operation) never loses the package.

At every stop the package folder holds the old release or the new one, complete, or the journal
lets the next command put one in place; the next command finishes or rolls back and says which.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from carbon_cli import packaging
from carbon_core.data import release
from carbon_core.data.datasets import load_package
from carbon_core.data.package_checks import validate_package

STEPS = ["copied", "values written", "hashes stamped", "changelog written", "journal", "parked", "placed",
         "exchanged", "old release removed", "journal removed"]


def _next_patch(version: str) -> str:
    """The version a patch release makes of ``version`` (the shipped version moves on)."""
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def _state(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["version"]


def _leftovers(folder):
    return [p.name for p in folder.parent.iterdir() if p.name.startswith(".")]


# the atomic exchange has no intermediate steps "parked" and "placed"
CASES = [(at, mode) for mode in ("exchange", "renames") for at in STEPS
         if not (mode == "exchange" and at in ("parked", "placed"))]


@pytest.mark.parametrize("at,mode", CASES)
def test_ctrl_c_after_each_step(package_copy, monkeypatch, at, mode):
    atomic = mode == "exchange"
    folder = package_copy("cn-grid-factors")
    old = _state(folder)
    if not atomic:
        monkeypatch.setattr(release, "_exchange_syscall", lambda: None)
    elif release._exchange_syscall() is None:
        pytest.skip("no renameat2 on this system")

    def hook(step):
        if step == at:
            raise KeyboardInterrupt

    monkeypatch.setattr(release, "STEP_HOOK", hook)
    said = []
    try:
        packaging.revise(folder, {"SEED003-GRID-0.581": "0.5811"}, "test", report=said.append)
        finished = True
    except KeyboardInterrupt:
        finished = False
    monkeypatch.setattr(release, "STEP_HOOK", None)
    # Ctrl-C is handled in the process: the release is finished or rolled back at once, and said
    assert not release.journal_path(folder).exists()
    version = _state(folder)
    assert version in (old, _next_patch(old))
    assert validate_package(folder) == [], (at, version)
    if at in ("old release removed", "journal removed", "exchanged") or finished:
        assert version == _next_patch(old)  # released; only clean-up was interrupted
        assert finished or any("completed" in n for n in said) or at == "journal removed"
    elif at in STEPS[:4]:
        assert version == old and not said  # nothing committed, nothing changed
    release.recover(folder)
    assert not _leftovers(folder), (at, _leftovers(folder))


KILLER = textwrap.dedent("""
    import os, sys
    from carbon_core.data import release
    from carbon_cli import packaging
    at = sys.argv[2]
    if sys.argv[3] == "renames":
        release._exchange_syscall = lambda: None
    def hook(step):
        if step == at:
            os._exit(9)  # killed: no clean-up of any kind runs
    release.STEP_HOOK = hook
    packaging.revise(sys.argv[1], {"SEED003-GRID-0.581": "0.5811"}, "test")
""")


@pytest.mark.parametrize("at,mode", CASES)
def test_kill_after_each_step_then_the_next_command_recovers(package_copy, at, mode, tmp_path):
    if mode == "exchange" and release._exchange_syscall() is None:
        pytest.skip("no renameat2 on this system")
    folder = package_copy("cn-grid-factors")
    old = _state(folder)
    script = tmp_path / "kill.py"
    script.write_text(KILLER, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(folder), at, mode], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    if at == "parked":  # the one instant without a folder: the journal holds both releases
        assert not folder.exists() and release.journal_path(folder).is_file()
    else:
        assert validate_package(folder) == [] and _state(folder) in (old, _next_patch(old))
    # the next command that touches the package finishes or rolls back, and says so
    with pytest.warns(Warning) if release.journal_path(folder).exists() else _nothing():
        pkg = load_package(folder)
    assert pkg.version in (old, _next_patch(old))
    release.recover(folder)  # staging of an uncommitted release is removed by revise/validate
    assert not _leftovers(folder)
    assert validate_package(folder) == []
    # and the package can be revised again
    packaging.revise(folder, {"SEED003-GRID-0.581": "0.5812"}, "again")
    assert validate_package(folder) == [] and not _leftovers(folder)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_the_command_line_reports_and_cleans_leftovers(cli, package_copy):
    folder = package_copy("cn-grid-factors")
    stale = folder.parent / ".cn-grid-factors.revise-abc123"
    (stale / "cn-grid-factors").mkdir(parents=True)
    code, out, err = cli("revise", folder, "--set", "SEED003-GRID-0.581=0.5811", "--message", "fix")
    assert code == 0, err
    assert "interrupted before it changed anything" in err and f"carbon: wrote {folder.resolve()}" in err
    assert not _leftovers(folder)


# ------------------------------------------------------------- what revise may write
def test_revise_never_writes_the_shipped_copy(cli, tmp_path):
    from carbon_core.data.locations import shipped_package_dir

    shipped = shipped_package_dir() / "cn-grid-factors"
    before = (shipped / "factors.csv").read_bytes()
    for target in ("cn-grid-factors", str(shipped)):
        code, out, err = cli("revise", target, "--set", "SEED003-GRID-0.581=0.5811", "--message", "x")
        assert code == 1 and "came with the toolkit" in err and "carbon copy cn-grid-factors --to" in err
    assert (shipped / "factors.csv").read_bytes() == before
    code, out, err = cli("copy", "cn-grid-factors", "--to", tmp_path / "mine")
    assert code == 0 and f"wrote {(tmp_path / 'mine' / 'cn-grid-factors').resolve()}" in err
    code, out, err = cli("revise", tmp_path / "mine" / "cn-grid-factors", "--set", "SEED003-GRID-0.581=0.5811",
                         "--message", "x")
    assert code == 0 and f"carbon: wrote {(tmp_path / 'mine' / 'cn-grid-factors').resolve()}" in err
    assert (shipped / "factors.csv").read_bytes() == before
    code, out, err = cli("copy", "cn-grid-factors", "--to", tmp_path / "mine")
    assert code == 1 and "exists already" in err


def test_a_hand_edit_is_refused_unless_adopted_and_then_recorded(cli, tmp_path):
    code, _, _ = cli("copy", "cn-grid-factors", "--to", tmp_path)
    folder = tmp_path / "cn-grid-factors"
    path = folder / "factors.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("SEED003-GRID-0.581,"))
    path.write_text(text.replace(row, row.replace(",0.581,tCO2/MWh,0.581,", ",0.591,tCO2/MWh,0.581,", 1)),
                    encoding="utf-8")
    code, out, err = cli("revise", folder, "--set", "GWP-CH4-SAR=21", "--message", "x")
    assert code == 1 and f"factors.csv no longer matches the hash recorded in cn-grid-factors {load_package(folder).version}" in err
    assert "--adopt-edits" in err
    code, out, err = cli("revise", folder, "--adopt-edits", "--message", "correction found in the document")
    assert code == 0, err
    log = (folder / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "SEED003-GRID-0.581: value 0.581 → 0.591 (hand edit adopted)" in log
    assert validate_package(folder) == []
