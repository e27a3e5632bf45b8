import numpy as np
import pandas as pd
import pytest

from carbon_core.io.aggregation import aggregate_satellite, aggregate_table, concordance_matrix
from carbon_core.resolve.tables import read_ceads, read_concordance, read_io_table
from carbon_core.io.hem import extraction_table


def test_aggregate_small_table():
    Z = pd.DataFrame([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], index=list("abc"), columns=list("abc"))
    x = pd.Series([100.0, 200.0, 300.0], index=list("abc"))
    out = aggregate_table(Z, x, {"a": "P", "b": "Q", "c": "P"}, F=pd.Series([1.0, 2.0, 4.0], index=list("abc")))
    assert list(out["Z"].index) == ["P", "Q"]
    np.testing.assert_array_equal(out["Z"].to_numpy(), [[1 + 3 + 7 + 9, 2 + 8], [4 + 6, 5]])
    np.testing.assert_array_equal(out["x"].to_numpy(), [400.0, 200.0])
    np.testing.assert_array_equal(out["F"].to_numpy(), [5.0, 2.0])


def test_concordance_order_is_respected_and_checked():
    G = concordance_matrix(["1", "2", "3"], {"1": "B", "2": "A", "3": "B"}, order=["A", "B"])
    assert list(G.columns) == ["A", "B"]
    with pytest.raises(ValueError, match="does not list exactly"):
        concordance_matrix(["1"], {"1": "B"}, order=["A"])


def test_china_2017_aggregates_to_s11_and_keeps_totals():
    t = read_io_table("china-io-42/io_2017")
    mapping, names = read_concordance()
    assert list(names.index) == [f"S{i}" for i in range(1, 12)]
    agg = aggregate_table(t.Z, t.x, mapping, Y=t.Y, order=list(names.index))
    assert agg["Z"].shape == (11, 11)
    assert agg["Z"].to_numpy().sum() == pytest.approx(t.Z.to_numpy().sum(), rel=1e-12)
    assert agg["x"].sum() == pytest.approx(t.x.sum(), rel=1e-12)
    # balancing final demand survives aggregation: y_agg = G'y
    y_agg = agg["x"] - agg["Z"].sum(axis=1)
    np.testing.assert_allclose(y_agg.to_numpy(), agg["Y"].sum(axis=1).to_numpy(), rtol=1e-9)
    # seed 000 Table 1 membership spot checks
    assert mapping["23"] == "S6" and mapping["15"] == "S5" and mapping["28"] == "S10" and mapping["29"] == "S9"


def test_ceads_s11_totals_match_reference_sums():
    e = read_ceads("china", "s11")
    assert list(e.index) == [f"S{i}" for i in range(1, 12)]
    # from the CEADs 2017 sheet as summarised in the reference set (Mt CO2)
    assert e["S5"] == pytest.approx(3316.752604, abs=1e-5)
    assert e["S7"] == pytest.approx(4214.788042702482, rel=1e-12)
    households = 443.1042281999839
    assert e.sum() + households == pytest.approx(9408.170796176375, rel=1e-12)


def test_group_extraction_equals_extraction_of_aggregated_sector_for_dc_and_vic():
    """Extracting a group keeps its DC and VIC equal to those of the merged sector."""
    rng = np.random.default_rng(3)
    n = 6
    Z = rng.uniform(0, 10, (n, n))
    x = Z.sum(axis=0) * 1.5 + 5
    x = np.maximum(x, Z.sum(axis=1) + 1)
    e = rng.uniform(0, 3, n)
    labels = [str(i + 1) for i in range(n)]
    grouped = extraction_table(Z, x, e, groups={"G": ["1", "2", "3"]})
    Zf = pd.DataFrame(Z, index=labels, columns=labels)
    agg = aggregate_table(Zf, pd.Series(x, index=labels), {"1": "G", "2": "G", "3": "G", "4": "4", "5": "5", "6": "6"})
    e_agg = aggregate_satellite(pd.Series(e, index=labels), {"1": "G", "2": "G", "3": "G", "4": "4", "5": "5", "6": "6"})
    merged = extraction_table(agg["Z"], agg["x"], e_agg)
    assert grouped.loc["G", "DC"] == pytest.approx(merged.loc["G", "DC"], rel=1e-12)
