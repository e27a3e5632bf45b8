"""Every command of the README runs on the shipped data (those that name placeholder files are listed)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from carbon_cli.main import main

ROOT = Path(__file__).resolve().parents[1]
#: Words that mark an example on files of the reader's own (not shipped): such commands are not run.
PLACEHOLDERS = ("Z.csv", "广东2017.xls", "data.csv", "path/to/", "old/", "edited-copy", "[--", "…", "pip install")
#: Commands left out for time only: the whole-package validation runs in tests/test_datapackages.py.
SLOW = ("carbon validate",)


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        command = ""
        for line in block.splitlines():
            command = (command + " " + line.strip()).strip()
            if command.endswith("\\"):
                command = command[:-1].rstrip()
                continue
            command = re.sub(r"\s+#.*$", "", command)
            if "carbon " in command:
                out.append(command)
            command = ""
    return out


def test_the_readme_commands_run(tmp_path, monkeypatch, capsys):
    (tmp_path / "datapackages").symlink_to(ROOT / "datapackages", target_is_directory=True)
    (tmp_path / "docs").symlink_to(ROOT / "docs", target_is_directory=True)  # example inputs (docs/examples)
    monkeypatch.chdir(tmp_path)
    ran = 0
    for command in readme_commands():
        if any(p in command for p in PLACEHOLDERS) or command.strip() in SLOW:
            continue
        words = shlex.split(command)
        env = {}
        while words and "=" in words[0] and not words[0].startswith("-"):
            key, _, value = words.pop(0).partition("=")
            env[key] = str(tmp_path / value)
        assert words[0] == "carbon", command
        with monkeypatch.context() as m:
            for key, value in env.items():
                m.setenv(key, value)
            from addin import config

            config.clear()
            code = main(words[1:])
        out, err = capsys.readouterr()
        assert code == 0, f"README command failed: {command}\n{err}"
        ran += 1
    assert ran >= 20, f"only {ran} README commands ran"


def test_the_readme_package_table_is_current():
    """Every shipped package has its row in the README's table, at the version it ships."""
    import json

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| ([0-9]+\.[0-9]+\.[0-9]+) \|", readme, re.M))
    shipped = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))["version"]
               for p in (Path(__file__).resolve().parents[1] / "datapackages").glob("*/datapackage.json")}
    assert rows == shipped
