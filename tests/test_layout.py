"""carbon_core is arranged by domain; the earlier flat import paths keep working."""

import importlib

import pytest

import carbon_core

MOVED = {
    "hem": "io", "iosystem": "io", "leontief": "io", "aggregation": "io",
    "inventory": "accounting", "factors": "accounting", "units": "accounting", "benchmarks": "accounting",
    "stirpat": "drivers", "lmdi": "drivers",
    "datasets": "data", "package_checks": "data", "package_diff": "data",
}


@pytest.mark.parametrize("name,domain", sorted(MOVED.items()))
def test_flat_path_is_the_domain_module(name, domain):
    flat = importlib.import_module(f"carbon_core.{name}")
    assert flat is importlib.import_module(f"carbon_core.{domain}.{name}")
    assert getattr(carbon_core, name) is flat


def test_documented_imports():
    from carbon_core import IOSystem
    from carbon_core.aggregation import aggregate_table
    from carbon_core.hem import extraction_table
    from carbon_core.lmdi import decompose

    assert IOSystem.__module__ == "carbon_core.io.iosystem"
    assert extraction_table.__module__ == "carbon_core.io.hem"
    assert decompose.__module__ == "carbon_core.drivers.lmdi"
    assert aggregate_table.__module__ == "carbon_core.io.aggregation"


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        carbon_core.no_such_module  # noqa: B018
