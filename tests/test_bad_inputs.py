"""One test per bad input: each fails with a message that names the problem."""

import numpy as np
import pandas as pd
import pytest

from carbon_core import InputError, IOSystem, NotProductiveError
from carbon_core.io.aggregation import aggregate_table, concordance_matrix
from carbon_core.io.hem import extraction_table

Z2 = [[150.0, 500.0], [200.0, 100.0]]
X2 = [1000.0, 2000.0]
E2 = [100.0, 300.0]


def test_non_square_Z():
    with pytest.raises(InputError, match="square"):
        extraction_table([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [10.0, 20.0], [1.0, 1.0])


def test_x_length_mismatch():
    with pytest.raises(InputError, match="3 values but Z has 2 sectors"):
        extraction_table(Z2, [1000.0, 2000.0, 5.0], E2)


def test_e_length_mismatch():
    with pytest.raises(InputError, match="e has 1 values but Z has 2"):
        extraction_table(Z2, X2, [1.0])


def test_labelled_vector_with_unknown_sector():
    Z = pd.DataFrame(Z2, index=["a", "b"], columns=["a", "b"])
    with pytest.raises(InputError, match="no value for b; unknown sectors c"):
        extraction_table(Z, pd.Series([1000.0, 2000.0], index=["a", "c"]), E2)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_in_Z(bad):
    Z = [[150.0, bad], [200.0, 100.0]]
    with pytest.raises(InputError, match=r"missing or infinite value\(s\) at \(1, 2\)"):
        extraction_table(Z, X2, E2)


def test_nan_in_e():
    with pytest.raises(InputError, match="e contains missing or infinite values for 2"):
        extraction_table(Z2, X2, [1.0, np.nan])


def test_text_in_Z():
    with pytest.raises(InputError, match="not numbers"):
        extraction_table([["1", "abc"], ["2", "3"]], X2, E2)


def test_negative_flow_rejected_unless_allowed():
    Z = [[150.0, -5.0], [200.0, 100.0]]
    with pytest.raises(InputError, match=r"negative flow.*\(1, 2\).*allow_negative=True"):
        extraction_table(Z, X2, E2)
    table = extraction_table(Z, X2, E2, allow_negative=True)
    assert np.isfinite(table.to_numpy()).all()


def test_zero_output_with_emissions():
    Z = [[150.0, 0.0], [0.0, 0.0]]
    with pytest.raises(InputError, match="non-zero for 2, whose total output is zero"):
        extraction_table(Z, [1000.0, 0.0], E2)


def test_zero_output_with_inputs():
    Z = [[150.0, 5.0], [200.0, 0.0]]
    with pytest.raises(InputError, match="zero total output but non-zero intermediate inputs"):
        extraction_table(Z, [1000.0, 0.0], [1.0, 0.0])


def test_zero_output_sector_without_inputs_or_emissions_is_fine():
    table = extraction_table([[150.0, 0.0], [0.0, 0.0]], [1000.0, 0.0], [5.0, 0.0])
    assert table.loc["2"].abs().sum() == 0.0
    assert table.loc["1", "DC"] == pytest.approx(5.0)


def test_not_productive():
    Z = [[50.0, 1000.0], [1000.0, 50.0]]  # inputs exceed output in both columns
    with pytest.raises(NotProductiveError, match=r"spectral radius of A is 1.05 \(must be < 1\).*column sum of A >= 1\): 1, 2"):
        extraction_table(Z, [1000.0, 1000.0], E2)


def test_singular_I_minus_A():
    # column sums exactly 1 with a row structure that makes I - A singular
    Z = [[500.0, 500.0], [500.0, 500.0]]
    with pytest.raises(NotProductiveError):
        extraction_table(Z, [1000.0, 1000.0], E2)


def test_singular_with_negative_flows_allowed():
    Z = np.array([[0.0, 1000.0], [1000.0, 0.0]])  # A = [[0,1],[1,0]]: I - A singular
    with pytest.raises(NotProductiveError):
        extraction_table(Z, [1000.0, 1000.0], E2, allow_negative=True)


def test_unknown_group_member_with_suggestion():
    Z = pd.DataFrame(Z2, index=["Agriculture", "Manufacturing"], columns=["Agriculture", "Manufacturing"])
    with pytest.raises(InputError, match="unknown sectors Manufactring.*did you mean Manufacturing"):
        extraction_table(Z, X2, E2, groups={"G": ["Agriculture", "Manufactring"]})


def test_group_member_repeated_and_empty_group():
    with pytest.raises(InputError, match="lists 1 more than once"):
        extraction_table(Z2, X2, E2, groups={"G": ["1", "1"]})
    with pytest.raises(InputError, match="no members"):
        extraction_table(Z2, X2, E2, groups={"G": []})


def test_duplicate_labels():
    with pytest.raises(InputError, match="duplicate sector labels: a"):
        IOSystem(Z2, X2, labels=["a", "a"])
    Z = pd.DataFrame(Z2, index=["a", "a"], columns=["a", "a"])
    with pytest.raises(InputError, match="duplicate"):
        IOSystem(Z, X2)


def test_row_and_column_labels_differ():
    Z = pd.DataFrame(Z2, index=["a", "b"], columns=["b", "a"])
    with pytest.raises(InputError, match="different order"):
        IOSystem(Z, X2)


def test_concordance_unmapped_duplicated_unknown():
    with pytest.raises(InputError, match="unmapped source sectors: 03"):
        concordance_matrix(["01", "02", "03"], {"01": "S1", "02": "S1"})
    with pytest.raises(InputError, match="mapped more than once: 02"):
        concordance_matrix(["01", "02"], [("01", "S1"), ("02", "S1"), ("02", "S2")])
    with pytest.raises(InputError, match="not in the table: 99"):
        concordance_matrix(["01"], {"01": "S1", "99": "S2"})
    with pytest.raises(InputError, match="has no target"):
        concordance_matrix(["01"], {"01": ""})


def test_aggregation_needs_labels():
    with pytest.raises(InputError, match="labelled Z"):
        aggregate_table(np.array(Z2), X2, {"1": "S"})


def test_direct_intensity_without_a_table():
    from carbon_core.io.iosystem import direct_intensity

    w = direct_intensity([100.0, 0.0, 3.0], [1000.0, 0.0, 30.0], ["a", "b", "c"])
    assert w.tolist() == [0.1, 0.0, 0.1] and list(w.index) == ["a", "b", "c"]
    with pytest.raises(InputError, match="non-zero for b, whose total output is zero"):
        direct_intensity([1.0, 2.0], [10.0, 0.0], ["a", "b"])
    with pytest.raises(InputError, match="negative"):
        direct_intensity([1.0], [-1.0])


# ------------------------------------------------------------------ every entry point, hostile files
# One sweep across the command line: whatever file arrives, the answer is one "carbon: error:" line
# (or a result), never a traceback or an internal-problem message. The per-class modules
# tests/test_bad_01_*.py … test_bad_14_*.py hold the detailed cases.
HOSTILE = {
    "empty": b"",
    "header only": b"a,b,c\n",
    "binary": b"\x00\x01\x02PK\x03\x04",
    "utf16": "period,category\n2023,x\n".encode("utf-16"),
    "ragged": b"a,b\n1,2,3,4\n\"unclosed\n",
    "totals": "sector,x\nA,1\n合计,1\n".encode("gbk"),
}
COMMANDS = [
    ["inventory", "{f}"], ["lmdi", "{f}", "--factors", "x"], ["stirpat", "{f}", "--response", "a", "--drivers", "b"],
    ["hem", "--Z", "{f}", "--x", "{f}", "--e", "{f}"], ["hem", "--table", "{f}", "--e", "{f}"],
    ["validate", "{f}"], ["diff", "{f}", "{f}"], ["revise", "{f}", "--set", "A=1", "--message", "m"],
]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] + ("-" + c[1] if c[1].startswith("--") else ""))
def test_hostile_files_never_reach_the_user_as_a_traceback(cli, tmp_path, kind, command):
    f = tmp_path / "input.csv"
    f.write_bytes(HOSTILE[kind])
    code, out, err = cli(*[a.format(f=f) for a in command])
    assert "Traceback" not in err and "internal problem" not in err and "unexpected" not in err.lower()
    if command[0] != "validate":
        assert code == 1 and [line for line in err.splitlines() if line.startswith("carbon: error:")]
    else:
        assert code == 1 and "FAIL" in out
