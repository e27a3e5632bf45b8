"""The xlwings Lite path: addin/lite/main.py and the requirements.txt template stay in step with the add-in."""

import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import parse_wheel_filename

import addin.carbon_udfs as U
import carbon_core

LITE = Path(__file__).resolve().parents[1] / "addin" / "lite"


def test_main_py_exposes_every_worksheet_function():
    namespace: dict = {}
    exec(compile((LITE / "main.py").read_text(encoding="utf-8"), "main.py", "exec"), namespace)
    functions = {k: v for k, v in namespace.items() if k.startswith("CARBON_")}
    assert set(functions) == set(U.REGISTRY) and len(functions) >= 19
    assert all(functions[k] is getattr(U, k) for k in functions)
    assert sorted(U.__all__) == sorted(U.REGISTRY)  # helpers and imports stay out of the user's namespace


def test_requirements_template_names_this_version_of_the_wheel():
    lines = [ln.strip() for ln in (LITE / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    wheels = [ln for ln in lines if ln.endswith(".whl")]
    assert len(wheels) == 1 and wheels[0].startswith("https://")
    name, version, _, tags = parse_wheel_filename(wheels[0].rsplit("/", 1)[1])
    assert name == "carbon-toolkit" and str(version) == carbon_core.__version__
    assert {str(t) for t in tags} == {"py3-none-any"}  # micropip installs pure wheels only
    for ln in lines:
        if ln not in wheels:
            Requirement(ln)  # anything else must be a valid requirement line
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^version = "{re.escape(carbon_core.__version__)}"$', pyproject, re.M)


def test_readme_has_the_lite_section():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Excel on Mac and the web (xlwings Lite)", 1)[1].split("\n## ", 1)[0]
    for needle in ("addin/lite/main.py", "addin/lite/requirements.txt", "/data", '=CARBON_FACTOR("天然气","ncv")',
                   "Not verified"):
        assert needle in section, needle
