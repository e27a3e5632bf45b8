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
    from carbon_core.data.datasets import default_package_dir

    def make(name: str) -> Path:
        dst = tmp_path / name
        shutil.copytree(default_package_dir() / name, dst)
        return dst

    return make


def load_case(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def cli(capsys):
    """Run the ``carbon`` command in-process: returns (exit code, stdout, stderr)."""
    from carbon_cli.main import main

    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="session")
def library():
    """The shipped factor packages, loaded once."""
    from carbon_core.accounting.factors import FactorLibrary

    return FactorLibrary.load()


def one_error_line(err: str) -> bool:
    """stderr holds one 'carbon: error:' line and no traceback."""
    lines = [line for line in err.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("carbon: error:")]
    return len(errors) == 1 and "Traceback" not in err and "internal problem" not in err


@pytest.fixture(autouse=True, scope="session")
def _own_validation_cache(tmp_path_factory):
    """Tests never read verdicts a user's earlier runs left in their cache folder."""
    old = os.environ.get("CARBON_CACHE_DIR")
    os.environ["CARBON_CACHE_DIR"] = str(tmp_path_factory.mktemp("carbon-cache"))
    yield
    if old is None:
        os.environ.pop("CARBON_CACHE_DIR", None)
    else:
        os.environ["CARBON_CACHE_DIR"] = old
