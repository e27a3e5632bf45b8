"""Class 17: the entry points added for SPA, multilevel LMDI, scenarios and uncertainty refuse bad
input with one readable line — in the cell for worksheet functions, on stderr for the command line."""

import pytest

from addin import carbon_udfs as U
from test_addin import CALLS, E_XL, LINES_XL, SCENARIO_XL, X_XL, Z_XL
from conftest import one_error_line

SPA = (Z_XL, X_XL, E_XL)
MULTI = CALLS["CARBON_LMDI_MULTILEVEL"][0]


@pytest.mark.parametrize("name, args, match", [
    ("CARBON_SPA", SPA + (None, 51.0), "stage limit"),
    ("CARBON_SPA", SPA + (None, None, 1.5), "threshold must be a share"),
    ("CARBON_SPA", SPA + (None, None, None, 0.5), "top must be a whole number"),
    ("CARBON_SPA", SPA + ("Nope",), "Nope"),
    ("CARBON_SPA", SPA + (None, None, None, None, "fan"), "paths\" or \"layers"),
    ("CARBON_APL", (Z_XL, (("Agri", 1000.0), ("Manu", -5.0))), "x"),
    ("CARBON_LMDI_MULTILEVEL", (MULTI, "sector,sub", "E", "nope", "year"), "nope"),
    ("CARBON_LMDI_MULTILEVEL", (MULTI, "sector,sub", "E", "A", "year", "zz"), "approach"),
    ("CARBON_SCENARIO", (SCENARIO_XL, 2050.0), "before --to"),
    ("CARBON_SCENARIO", (SCENARIO_XL, 2040.0, -3.0), "draws"),
    ("CARBON_PEAK", (SCENARIO_XL, "next year"), "to_year"),
    ("CARBON_UNCERTAINTY", (LINES_XL, "guesswork"), "approach1"),
])
def test_worksheet_functions_refuse_in_one_cell(name, args, match):
    cells = getattr(U, name)(*args)
    assert len(cells) == 1 and len(cells[0]) == 1, cells
    text = cells[0][0]
    assert text.startswith("Error: ") and match in text and "Traceback" not in text and text.endswith("]"), text


@pytest.mark.parametrize("extra, match", [
    (["--e-uncertainty", "60"], "above 50%"),
    (["--e-uncertainty", "-2"], "≥ 0"),
    (["--e-uncertainty", "missing.csv"], "missing.csv"),
    (["--e-uncertainty", "5", "--draws", "0"], "at least 1"),
    (["--e-uncertainty", "5", "--group", "S5,S7"], "--group"),
])
def test_hem_uncertainty_options_refuse_on_one_line(cli, extra, match):
    code, out, err = cli("hem", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite",
                         "ceads", *extra)
    assert code != 0 and out == "" and match in err and one_error_line(err), err


@pytest.mark.parametrize("argv, match", [
    (["spa", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads",
      "--max-stage", "99"], "stage limit"),
    (["spa", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads",
      "--sector", "S99"], "S99"),
    (["lmdi-multilevel", "docs/examples/multilevel_example.csv", "--levels", "sector,nope", "--energy", "energy",
      "--activity", "output", "--period", "year"], "nope"),
    (["scenario", "docs/examples/scenarios.csv", "--to", "2070"], "before --to"),
    (["uncertainty", "docs/examples/inventory_uncertainty.csv", "--grid-year", "2022", "--method", "montecarlo",
      "--draws", "0"], "at least 1"),
])
def test_new_commands_refuse_on_one_line(cli, argv, match):
    code, out, err = cli(*argv)
    assert code != 0 and match in err and one_error_line(err), err
