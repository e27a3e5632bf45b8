"""Class 6: labels, when given, must match Z's exactly (after trimming); never a fallback to position."""

import numpy as np
import pandas as pd
import pytest

from carbon_core.errors import InputError
from carbon_core.io.aggregation import aggregate_satellite, aggregate_table
from carbon_core.io.hem import extraction_table
from carbon_core.io.iosystem import IOSystem, direct_intensity

LAB = ["Agri", "Manu", "Serv"]
Z = pd.DataFrame([[10.0, 20, 5], [15, 40, 10], [5, 10, 20]], index=LAB, columns=LAB)
X = pd.Series([100.0, 200.0, 150.0], index=LAB)
E = pd.Series([1.0, 8.0, 2.0], index=LAB)


@pytest.mark.parametrize("labels,message", [
    (["Agri", "Manu", "Serv."], "no value for Serv; unknown sectors Serv."),  # typo
    (["Agri", "Manu"], "no value for Serv"),  # a missing sector
    (["Agri", "Manu", "Serv", "Mining"], "unknown sectors Mining"),  # an extra sector
])
def test_e_with_other_labels_is_refused(labels, message):
    e = pd.Series(np.ones(len(labels)), index=labels)
    with pytest.raises(InputError, match=message):
        extraction_table(Z, X, e)


def test_other_order_and_trailing_spaces_are_matched_by_label():
    shuffled = E[["Serv", "Agri", "Manu"]]
    spaced = pd.Series(E.to_numpy(), index=[" Agri", "Manu ", "Serv"])
    ref = extraction_table(Z, X, E)
    pd.testing.assert_frame_equal(extraction_table(Z, X, shuffled), ref)
    pd.testing.assert_frame_equal(extraction_table(Z, X, spaced), ref)


def test_unlabelled_values_go_by_position():
    ref = extraction_table(Z, X, E)
    pd.testing.assert_frame_equal(extraction_table(Z, X.to_numpy(), E.to_numpy()), ref)


def test_x_labels_must_match():
    with pytest.raises(InputError, match="x \\(total output\\) does not match"):
        IOSystem(Z, pd.Series(X.to_numpy(), index=["A", "M", "S"]))


def test_Y_and_F_labels_must_match():
    io = IOSystem(Z, X)
    Y = pd.DataFrame({"C": [1.0, 2, 3]}, index=["Agri", "Manu", "Other"])
    with pytest.raises(InputError, match="Y\\[C\\] does not match"):
        io.footprints(E, Y)
    F = pd.DataFrame([[1.0, 2, 3]], index=["CO2"], columns=["Agri", "Manu", "Othr"])
    with pytest.raises(InputError, match="does not match"):
        io.footprints(F)
    Y_ok = pd.DataFrame({"C": [3.0, 1, 2]}, index=["Serv", "Agri", "Manu"])
    direct = io.footprints(E, Y_ok.loc[LAB])
    assert io.footprints(E, Y_ok).iloc[0, 0] == pytest.approx(direct.iloc[0, 0])


def test_aggregation_labels_must_match():
    with pytest.raises(InputError, match="does not match"):
        aggregate_table(Z, X, {"Agri": "P", "Manu": "S", "Serv": "S"},
                        Y=pd.DataFrame({"C": [1.0, 2, 3]}, index=["Agri", "Manu", "X"]))
    with pytest.raises(InputError, match="unmapped|does not match"):
        aggregate_satellite(pd.Series([1.0, 2], index=["Agri", "Manu"]), {"Agri": "P", "Manu": "S", "Serv": "S"},
                            source=LAB)


def test_direct_intensity_labels():
    with pytest.raises(InputError, match="does not match"):
        direct_intensity(pd.Series([1.0, 2.0], index=["a", "c"]), [10.0, 20.0], ["a", "b"])


def test_integer_members_on_an_unlabelled_table_are_refused():
    Zu = Z.to_numpy()
    with pytest.raises(InputError, match="0-based position or a 1-based label"):
        extraction_table(Zu, X.to_numpy(), E.to_numpy(), groups={"G": [1, 2]})
    # text labels of an unlabelled table, and numbers on a labelled one, are unambiguous
    t = extraction_table(Zu, X.to_numpy(), E.to_numpy(), groups={"G": ["1", "2"]})
    coded = pd.DataFrame(Zu, index=[101, 102, 103], columns=[101, 102, 103])
    t2 = extraction_table(coded, X.to_numpy(), E.to_numpy(), groups={"G": [101, 102]})
    assert t.loc["G", "DC"] == pytest.approx(t2.loc["G", "DC"])


def _excel(frame, corner=None):
    return [[corner] + list(frame.columns)] + [[i] + list(r) for i, r in zip(frame.index, frame.to_numpy())]


def test_worksheet_functions_refuse_mismatched_labels():
    from addin import carbon_udfs as U

    z = _excel(Z)
    x = [[k, v] for k, v in X.items()]
    e_typo = [["Agri", 1], ["Manu", 8], ["Servv", 2]]
    out = U.CARBON_HEM(z, x, e_typo)
    assert out[0][0].startswith("Error:") and "Servv" in out[0][0]
    out = U.CARBON_INTENSITY(e_typo, x, z, "complete")
    assert out[0][0].startswith("Error:") and "does not match" in out[0][0]
    out = U.CARBON_INTENSITY(e_typo, x)
    assert out[0][0].startswith("Error:") and "does not match" in out[0][0]
    shuffled = [["Serv", 2], ["Agri", 1], ["Manu", 8]]
    good = U.CARBON_HEM(z, x, [[k, v] for k, v in E.items()])
    assert U.CARBON_HEM(z, x, shuffled) == good
    flows = [[k, 1.0] for k in ("Agri", "Manu", "Sev")]
    out = U.CARBON_DOMESTIC(z, x, [[k, 60.0] for k in LAB], flows)
    assert out[0][0].startswith("Error:") and "Sev" in out[0][0]


def test_worksheet_unlabelled_Z_takes_the_labels_of_x():
    from addin import carbon_udfs as U

    z = Z.to_numpy().tolist()
    out = U.CARBON_HEM(z, [[k, v] for k, v in X.items()], [[k, v] for k, v in E.items()])
    assert [r[0] for r in out[1:]] == LAB
