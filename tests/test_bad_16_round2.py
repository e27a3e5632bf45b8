"""Class 16 (issue 21): the second round of hostile input, through every entry point it reaches."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from carbon_core.errors import DataPackageError, InputError

S11 = [f"S{i}" for i in range(1, 12)]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference" / "io" / "provincial"


# ------------------------------------------------------------- 5. decompositions of nothing
def test_sda_refuses_a_year_without_emissions_everywhere(cli, tmp_path):
    from addin.carbon_udfs import CARBON_SDA
    from carbon_core.resolve.prepare import sda_between

    zero, some = pd.Series(0.0, index=S11), pd.Series(np.arange(1.0, 12.0), index=S11)
    from carbon_core.resolve.tables import read_table_spec

    t0, t1 = (read_table_spec(f"china-provincial-io-42/guangdong_{y}") for y in (2012, 2017))
    with pytest.raises(InputError, match="emissions of year 0 are zero"):
        sda_between(t0, t1, zero, some, unit="Mt")
    with pytest.raises(InputError, match="emissions of year 1 are zero"):
        sda_between(t0, t1, some, zero, unit="Mt")
    zero.to_csv(tmp_path / "zero.csv", header=["e"])
    some.to_csv(tmp_path / "some.csv", header=["e"])
    code, out, err = cli("sda", "--from", "china-provincial-io-42/guangdong_2012", "--to",
                         "china-provincial-io-42/guangdong_2017", "--aggregate", "s11", "--e-from", tmp_path / "zero.csv",
                         "--e-to", tmp_path / "some.csv", "--e-unit", "Mt")
    assert code == 1 and not out and "emissions of year 0 are zero" in err
    cells = CARBON_SDA("广东", 2012, 2017, [[s, 0.0, float(i + 1)] for i, s in enumerate(S11)])
    assert cells[0][0].startswith("Error:") and "empty" in cells[0][0]


def test_shares_of_a_change_within_rounding_are_not_computed():
    from carbon_core.io.sda import structural_decomposition

    rng = np.random.default_rng(5)
    n = 4
    A0, A1 = rng.uniform(0, 0.1, (n, n)), rng.uniform(0, 0.1, (n, n))
    L0, L1 = np.linalg.inv(np.eye(n) - A0), np.linalg.inv(np.eye(n) - A1)
    Y0, Y1 = rng.uniform(1, 5, (n, 2)), rng.uniform(1, 5, (n, 2))
    f0 = rng.uniform(0.1, 1, n)
    E0 = f0 @ L0 @ Y0.sum(axis=1)
    f1 = rng.uniform(0.1, 1, n)
    f1 *= E0 / (f1 @ L1 @ Y1.sum(axis=1))  # the same total emissions, up to rounding
    r = structural_decomposition(f0, L0, Y0, f1, L1, Y1)
    assert np.isnan(r.effects["share"]).all()
    assert np.abs(r.effects["value"]).max() > 1e-3  # the effects themselves are still there
    assert any("zero within rounding" in n for n in r.notes)


def test_lmdi_refuses_a_period_with_nothing():
    from carbon_core.drivers.lmdi import decompose

    data = pd.DataFrame({"period": [2020, 2020, 2021, 2021], "subcategory": ["a", "b", "a", "b"],
                         "activity": [0.0, 0.0, 2.0, 3.0], "intensity": [1.0, 1.0, 1.5, 2.0]})
    with pytest.raises(InputError, match="V is zero in period 2020"):
        decompose(data, ["activity", "intensity"])


# ----------------------------------------------------------------- 6. Office.js empties
@pytest.mark.parametrize("blank", [None, "", 0, 0.0])
def test_empty_text_keys_are_empty_in_every_form(blank):
    from addin.carbon_udfs import CARBON_AGGREGATE, CARBON_HEM

    Z = [[None, "a", "b"], ["a", 1.0, 2.0], ["b", 3.0, 4.0]]
    x, e = [["a", 10.0], ["b", 20.0]], [["a", 1.0], ["b", 1.0]]
    assert CARBON_HEM(Z, x, e, [["a", "G"], ["b", blank]])[0][0] == \
        "Error: row 2 of groups has an empty group name (second column); fill every row (merged cells in Excel leave blanks). " \
        "[empty-cell]"
    assert CARBON_AGGREGATE(Z, [["a", "X"], ["b", blank]])[0][0].startswith(
        "Error: row 2 of concordance has an empty target")
    assert CARBON_AGGREGATE(Z, [["a", "X"], [blank, "Y"]])[0][0].startswith(
        "Error: row 2 of concordance has an empty code")


# ------------------------------------------------------------ 7. inputs without output
def test_a_sector_with_inputs_but_no_output_is_refused():
    from addin.carbon_udfs import CARBON_DOMESTIC
    from carbon_core.io.domestic import domestic_from_arrays

    Z = pd.DataFrame([[10.0, 5.0], [2.0, 4.0]], index=["A", "B"], columns=["A", "B"])
    with pytest.raises(InputError, match="B buys intermediate inputs but has no output"):
        domestic_from_arrays(Z, [100.0, 0.0], [80.0, 0.0], [5.0, 0.0])
    cells = CARBON_DOMESTIC([[None, "A", "B"], ["A", 10.0, 5.0], ["B", 2.0, 4.0]], [["A", 100.0], ["B", 0.0]],
                            [["A", 80.0], ["B", 0.0]], [["A", 5.0], ["B", 0.0]])
    assert cells[0][0].startswith("Error: B buys intermediate inputs but has no output")


# ----------------------------------------------------------------------- 8. perfect fits
def test_stirpat_on_an_identity_reports_no_statistics(cli, tmp_path):
    from addin.carbon_udfs import CARBON_STIRPAT
    from carbon_core.drivers.stirpat import fit_stirpat

    rng = np.random.default_rng(8)
    P, A, T = rng.uniform(1, 5, 9), rng.uniform(1, 5, 9), rng.uniform(1, 5, 9)
    data = pd.DataFrame({"I": P * A * T, "P": P, "A": A, "T": T})
    r = fit_stirpat(data, "I", ["P", "A", "T"])
    assert r.verdict.startswith("exact fit") and r.table[["std_err", "t", "p"]].isna().all().all()
    assert np.allclose(r.table.loc[["P", "A", "T"], "coef"], 1.0)
    data.to_csv(tmp_path / "d.csv", index=False)
    code, out, err = cli("stirpat", tmp_path / "d.csv", "--response", "I", "--drivers", "P,A,T")
    assert code == 0 and "exact fit" in out and "6.5" not in out
    cells = CARBON_STIRPAT([list(data.columns)] + data.values.tolist(), "I", "P,A,T")
    flat = " ".join(str(v) for row in cells for v in row)
    assert "exact fit" in flat


# ------------------------------------------------------------------------ 10. messages
def test_a_gbk_file_name_is_read_and_shown_decoded(cli, tmp_path):
    source = next(iter(sorted((SHARED / "2017").glob("*广东*.xls"))), None)
    if source is None:
        pytest.skip("the shared reference set is not beside the checkout")
    name = os.fsdecode("19-广东".encode("gbk") + b".xls")  # what unzip on Linux makes of a Windows archive
    target = tmp_path / name
    shutil.copy(source, target)
    code, out, err = cli("hem", "--table", target, "--aggregate", "s11", "--satellite", "ceads", "--format", "csv")
    assert code == 0, err
    assert "truncated or damaged" not in err


def test_a_folder_as_table_and_true_as_year(cli):
    from addin.carbon_udfs import CARBON_ACCOUNTS, CARBON_IOTABLE

    code, _, err = cli("hem", "--table", "datapackages", "--satellite", "ceads")
    assert code == 1 and "is a folder, not an IO table" in err
    assert CARBON_IOTABLE("广东", True)[0][0].startswith("Error: TRUE is not a year")
    assert CARBON_ACCOUNTS("广东", 1.0, "ceads")[0][0].startswith("Error: 1 is not a year")


# ---------------------------------------------------------------- 11. energy bases
def test_kwh_against_kgce_needs_a_basis(cli):
    from carbon_core.accounting.benchmarks import compare_to_benchmark

    with pytest.raises(InputError, match="meet only on a named basis"):
        compare_to_benchmark(400, "kgce/t", "BM-CEM-CLK-ELEC")
    calorific = compare_to_benchmark(6.5, "kgce/t", "BM-CEM-CLK-ELEC", basis="calorific")
    assert calorific["your_value"] == pytest.approx(6.5 / 0.1229) and calorific["position"] == "within"
    equivalent = compare_to_benchmark(16.5, "kgce/t", "BM-CEM-CLK-ELEC", basis="equivalent", kgce_per_kwh=0.3)
    assert equivalent["your_value"] == pytest.approx(55.0)
    with pytest.raises(InputError, match="needs the coal burnt per kWh"):
        compare_to_benchmark(16.5, "kgce/t", "BM-CEM-CLK-ELEC", basis="equivalent")
    code, out, err = cli("benchmark", "BM-CEM-CLK-ELEC", "400", "kgce/t")
    assert code == 1 and "--basis calorific" in err and "721%" not in out


# ------------------------------------------------------------ 12. small command-line things
def test_names_after_options_and_with_spaces(cli):
    code, out, err = cli("factors", "get", "electricity-footprint", "--year", "2024", "风电")
    assert code == 0 and "EFP-2024-WIND" in out
    code, out2, _ = cli("factors", "get", "electricity-footprint", "风电", "--year", "2024")
    assert out2 == out
    code, out, err = cli("factors", "get", "grid")
    assert code == 1 and "give --year" in err and "None" not in err
    with pytest.raises(SystemExit) as info:  # argparse's own usage error, as for any unknown argument
        cli("hem", "--satellite", "ceads", "stray")
    assert info.value.code == 2


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.run(f'"{sys.executable}" -m carbon_cli.main factors conflicts --format csv | head -1',
                          shell=True, capture_output=True, text=True, executable="/bin/bash",
                          cwd=Path(__file__).resolve().parents[1])
    assert proc.stdout.startswith("package,") and "Broken pipe" not in proc.stderr and "error" not in proc.stderr
    status = subprocess.run(f'"{sys.executable}" -m carbon_cli.main factors conflicts --format csv | head -1; '
                            'exit ${PIPESTATUS[0]}', shell=True, capture_output=True, text=True,
                            executable="/bin/bash", cwd=Path(__file__).resolve().parents[1])
    assert status.returncode == 0


# ------------------------------------------------------------------ stable error codes
def test_errors_carry_a_stable_code_in_python_on_the_command_line_and_in_cells(cli):
    from addin.carbon_udfs import CARBON_ACCOUNTS
    from carbon_core.errors import CODES
    from carbon_core.regions import UnknownRegionError, resolve_region

    with pytest.raises(UnknownRegionError) as info:
        resolve_region("guangdon")
    assert info.value.code == "unknown-region" and info.value.code in CODES
    code, _, err = cli("hem", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite",
                       "ceads/guangdong/2015", "--format", "csv")
    assert code == 1 and err.rstrip().endswith("[year-mismatch]")
    assert CARBON_ACCOUNTS("广东", 2012, "seed000")[0][0].endswith("[year-mismatch]")
    assert CARBON_ACCOUNTS("广东", True, "ceads")[0][0].endswith("[not-a-year]")
    code, _, err = cli("accounts", "--province", "guangdong", "--year", "2002", "--aggregate", "s11", "--satellite",
                       "ceads", "--domestic", "none")
    assert code == 1 and err.rstrip().endswith("]")


# ------------------------------------------------------- bad input to the new entry points
def test_new_arguments_refuse_bad_values(cli, tmp_path):
    from addin.carbon_udfs import CARBON_ACCOUNTS

    assert CARBON_ACCOUNTS("广东", 2017, "ceads", None, None, None, "everything")[0][0].startswith(
        "Error: what must be")
    assert CARBON_ACCOUNTS("广东", 2017, "ceads", "regional")[0][0].startswith("Error: multipliers must be")
    assert CARBON_ACCOUNTS("广东", 2017, "ceads", None, None, None, None, "maybe")[0][0].startswith(
        "Error: 'maybe' is not TRUE or FALSE")
    code, out, err = cli("copy", "no-such-package", "--to", tmp_path)
    assert code == 1 and not out and "no data package 'no-such-package'" in err
    code, out, err = cli("benchmark", "BM-CEM-CLK-ELEC", "16.5", "kgce/t", "--basis", "equivalent",
                         "--kgce-per-kwh", "5")
    assert code == 1 and "between 0.1 and 1" in err
    code, out, err = cli("revise", tmp_path / "nothing-here", "--set", "A=1", "--message", "m")
    assert code == 1 and "not a package folder" in err
