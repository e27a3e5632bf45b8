"""carbon_core's layers: dependencies point one way, and the import paths are the domain paths."""

import ast
import importlib
from pathlib import Path

import pytest

import carbon_core

ROOT = Path(__file__).resolve().parents[1]
FLAT = ["hem", "iosystem", "leontief", "aggregation", "inventory", "factors", "units", "benchmarks", "stirpat",
        "lmdi", "datasets", "package_checks", "package_diff"]


def _imports(path: Path):
    """(module imported, inside a function?, line) for every import of a file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    inner = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             for n in ast.walk(f)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            yield module, id(node) in inner, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, id(node) in inner, node.lineno


@pytest.mark.parametrize("name", FLAT)
def test_the_flat_paths_are_gone(name):
    with pytest.raises(ImportError):
        importlib.import_module(f"carbon_core.{name}")


def test_io_maths_knows_nothing_of_packages_or_files():
    for path in (ROOT / "carbon_core" / "io").glob("*.py"):
        for module, _, line in _imports(path):
            assert not module.startswith(("carbon_core.data", "carbon_core.resolve", "carbon_core.accounting")), \
                f"{path.name}:{line} imports {module}"


def test_data_packages_do_not_read_io_tables():
    for path in (ROOT / "carbon_core" / "data").glob("*.py"):
        for module, _, line in _imports(path):
            assert not module.startswith(("carbon_core.io", "carbon_core.resolve")), f"{path.name}:{line} {module}"


def test_core_imports_nothing_from_excel_or_the_command_line():
    for path in (ROOT / "carbon_core").rglob("*.py"):
        for module, _, line in _imports(path):
            assert not module.startswith(("xlwings", "addin", "carbon_cli")), f"{path}:{line} {module}"


def test_no_import_inside_a_function_hides_a_cycle():
    """Imports inside functions are for heavy or optional libraries, each with a comment saying why."""
    for path in (ROOT / "carbon_core").rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for module, inner, line in _imports(path):
            if inner:
                text = lines[line - 1] + (lines[line - 2] if line > 1 else "")
                assert "#" in text or '"""' in lines[line - 2] or '"""' in lines[line - 3], \
                    f"{path.relative_to(ROOT)}:{line} imports {module} inside a function without saying why"
                assert not module.startswith("carbon_core.") or module == "carbon_core.io.iosystem", \
                    f"{path.relative_to(ROOT)}:{line} imports {module} inside a function (a hidden cycle?)"


def test_documented_imports():
    from carbon_core import IOSystem
    from carbon_core.drivers.lmdi import decompose
    from carbon_core.io.aggregation import aggregate_table
    from carbon_core.io.hem import extraction_table
    from carbon_core.resolve.prepare import prepare

    assert IOSystem.__module__ == "carbon_core.io.iosystem"
    assert extraction_table.__module__ == "carbon_core.io.hem"
    assert decompose.__module__ == "carbon_core.drivers.lmdi"
    assert aggregate_table.__module__ == "carbon_core.io.aggregation"
    assert prepare.__module__ == "carbon_core.resolve.prepare"


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        carbon_core.no_such_module  # noqa: B018


def test_the_command_line_holds_no_workbook_code():
    assert not (ROOT / "carbon_cli" / "workbooks.py").exists()
    for path in (ROOT / "carbon_cli").glob("*.py"):
        for module, _, line in _imports(path):
            assert module != "xlsxwriter.utility", f"{path.name}:{line} builds workbooks"


def test_the_import_scripts_do_not_import_each_other_in_a_cycle():
    scripts = {p.stem: p for p in (ROOT / "scripts").glob("*.py")}
    graph = {name: {m.split(".")[0] for m, _, _ in _imports(path)} & set(scripts) for name, path in scripts.items()}
    for a, deps in graph.items():
        for b in deps:
            assert a not in graph.get(b, ()), f"scripts {a} and {b} import each other"


def test_every_python_package_is_in_the_wheel():
    """A package missing from pyproject's list imports from a checkout but not once installed."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    for top in ("carbon_core", "carbon_cli", "addin"):
        for init in (ROOT / top).rglob("__init__.py"):
            name = ".".join(init.parent.relative_to(ROOT).parts)
            assert name in listed, f"{name} is not in pyproject.toml's packages: the installed tool would lack it"
