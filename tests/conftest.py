import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

DATA = Path(__file__).parent / "data"

# CI runs the same examples every time (a run must be reproducible to land); local runs stay
# random so that property and fuzz tests keep exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture
def package_copy(tmp_path):
    """A function that copies a shipped data package into a temporary folder (to tamper with)."""
    from carbon_core.datasets import default_package_dir

    def make(name: str) -> Path:
        dst = tmp_path / name
        shutil.copytree(default_package_dir() / name, dst)
        return dst

    return make


def load_case(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))
