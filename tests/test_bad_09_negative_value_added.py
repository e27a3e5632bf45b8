"""Class 9: a sector whose intermediate inputs exceed its output gets a warning naming it."""

import warnings

import numpy as np
import pandas as pd
import pytest

from carbon_core.errors import NegativeValueAddedWarning
from carbon_core.io.hem import extraction_table
from carbon_core.io.iosystem import IOSystem

LAB = ["Agri", "Manu", "Serv"]
# Manu's inputs (20 + 90 + 10 = 120) exceed its output 100; the system is still productive
Z = pd.DataFrame([[10.0, 20, 5], [15, 90, 10], [5, 10, 20]], index=LAB, columns=LAB)
X = [100.0, 100.0, 150.0]
E = [1.0, 8.0, 2.0]


def test_core_warns_and_names_the_sector():
    with pytest.warns(NegativeValueAddedWarning, match="Manu \\(inputs 120 > output 100 10\\^4 yuan\\)"):
        t = extraction_table(Z, X, E)
    assert np.isfinite(t.to_numpy()).all()


def test_balanced_table_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", NegativeValueAddedWarning)
        IOSystem(Z, [100.0, 200.0, 150.0])


def test_cli_prints_the_warning(cli, tmp_path):
    Z.to_csv(tmp_path / "Z.csv")
    pd.Series(X, index=LAB, name="x").to_csv(tmp_path / "x.csv")
    pd.Series(E, index=LAB, name="e").to_csv(tmp_path / "e.csv")
    code, out, err = cli("hem", "--Z", tmp_path / "Z.csv", "--x", tmp_path / "x.csv", "--e", tmp_path / "e.csv")
    assert code == 0 and "carbon: warning: negative value added" in err and "Manu" in err


def test_worksheet_result_carries_the_warning():
    from addin import carbon_udfs as U

    z = [[None] + LAB] + [[lab] + list(r) for lab, r in zip(LAB, Z.to_numpy())]
    x = [[lab, v] for lab, v in zip(LAB, X)]
    out = U.CARBON_HEM(z, x, [[lab, v] for lab, v in zip(LAB, E)])
    notes = [r[0] for r in out if str(r[0]).startswith("Warning:")]
    assert any(n.startswith("Warning: negative value added") and "Manu" in n for n in notes)
    assert all(len(r) == len(out[0]) for r in out)  # padded to the table's width
    assert len(out) == 1 + 3 + len(notes) and isinstance(out[1][1], float)  # the table itself is intact
    out = U.CARBON_LEONTIEF(z, x)
    assert any(str(r[0]).startswith("Warning: negative value added") for r in out)
