"""Multilevel LMDI: worked examples written out from the formulas, exactness, the single-level
special case, both approaches, several periods and groups, bad hierarchies refused."""

import io as _io
from math import log

import numpy as np
import pandas as pd
import pytest

from carbon_core.drivers.lmdi import decompose
from carbon_core.drivers.lmdi_multilevel import multilevel_decompose
from carbon_core.errors import InputError

# two sectors: S1 with sub-sectors a and b, S2 a leaf (the asymmetric case)
DATA = pd.DataFrame({"year": [2020] * 3 + [2021] * 3, "sector": ["S1", "S1", "S2"] * 2, "sub": ["a", "b", ""] * 2,
                     "E": [10.0, 20.0, 30.0, 12.0, 18.0, 40.0], "A": [5.0, 10.0, 20.0, 6.0, 8.0, 30.0]})


def L(a, b):
    return a if a == b else (a - b) / (log(a) - log(b))


def _effects(r):
    return {(e, lv): d for e, lv, d in zip(r["effect"], r["level"], r["delta"])}


def test_multilevel_parallel_by_hand():
    r = _effects(multilevel_decompose(DATA, ["sector", "sub"], energy="E", activity="A", period="year", approach="mp"))
    # units (E0, ET, sector share 0/T, sub share 0/T, intensity 0/T)
    units = [(10, 12, 15 / 35, 14 / 44, 5 / 15, 6 / 14, 2.0, 2.0), (20, 18, 15 / 35, 14 / 44, 10 / 15, 8 / 14, 2.0, 2.25),
             (30, 40, 20 / 35, 30 / 44, 1.0, 1.0, 1.5, 40 / 30)]
    w = [L(eT, e0) for e0, eT, *_ in units]
    assert r[("activity", "")] == pytest.approx(sum(w) * log(44 / 35), rel=1e-12)
    assert r[("structure", "sector")] == pytest.approx(sum(wi * log(u[3] / u[2]) for wi, u in zip(w, units)), rel=1e-12)
    assert r[("structure", "sub")] == pytest.approx(sum(wi * log(u[5] / u[4]) for wi, u in zip(w, units)), rel=1e-12)
    assert r[("intensity", "")] == pytest.approx(sum(wi * log(u[7] / u[6]) for wi, u in zip(w, units)), rel=1e-12)
    assert r[("total", "")] == pytest.approx(10.0)


def test_multilevel_hierarchical_by_hand():
    r = _effects(multilevel_decompose(DATA, ["sector", "sub"], energy="E", activity="A", period="year", approach="mh"))
    # top level: sectors S1 (E 30 → 30, A 15 → 14) and S2 (E 30 → 40, A 20 → 30)
    w1, w2 = L(30, 30), L(40, 30)
    assert r[("activity", "")] == pytest.approx((w1 + w2) * log(44 / 35), rel=1e-12)
    assert r[("structure", "sector")] == pytest.approx(w1 * log((14 / 44) / (15 / 35)) + w2 * log((30 / 44) / (20 / 35)),
                                                       rel=1e-12)
    z1 = w1 * log((30 / 14) / 2.0)  # S1's intensity effect, shared among a and b
    z2 = w2 * log((40 / 30) / 1.5)  # S2 is a leaf: all intensity
    # inside S1, I = s_a I_a + s_b I_b: 2 → 30/14; LMDI-I contributions to that change
    va0, vaT, vb0, vbT = 5 / 15 * 2.0, 6 / 14 * 2.0, 10 / 15 * 2.0, 8 / 14 * 2.25
    per_unit = z1 / (30 / 14 - 2.0)
    structure = L(vaT, va0) * log((6 / 14) / (5 / 15)) + L(vbT, vb0) * log((8 / 14) / (10 / 15))
    intensity = L(vaT, va0) * log(1.0) + L(vbT, vb0) * log(2.25 / 2.0)
    assert r[("structure", "sub")] == pytest.approx(per_unit * structure, rel=1e-12)
    assert r[("intensity", "")] == pytest.approx(per_unit * intensity + z2, rel=1e-12)


@pytest.mark.parametrize("approach", ["mp", "mh"])
def test_exact_sums_and_products_over_three_levels_and_periods(approach):
    rng = np.random.default_rng(4)
    units = [("A", "a1", "x"), ("A", "a1", "y"), ("A", "a2", ""), ("B", "b1", "z"), ("B", "b2", "w"), ("C", "", "")]
    rows = [{"year": y, "l1": u[0], "l2": u[1], "l3": u[2], "E": rng.uniform(1, 50), "A": rng.uniform(1, 20)}
            for y in (2015, 2017, 2020) for u in units]
    data = pd.DataFrame(rows)
    for mode in ("chained", "fixed"):
        r = multilevel_decompose(data, ["l1", "l2", "l3"], energy="E", activity="A", period="year", approach=approach,
                                 mode=mode)
        for (p0, pT), step in r.groupby(["period_from", "period_to"]):
            parts = step[step["effect"] != "total"]
            total = step[step["effect"] == "total"].iloc[0]
            E0, ET = data.loc[data.year == p0, "E"].sum(), data.loc[data.year == pT, "E"].sum()
            assert parts["delta"].sum() == pytest.approx(ET - E0, rel=1e-12)
            assert np.prod(parts["D"]) == pytest.approx(ET / E0, rel=1e-12) and total["D"] == pytest.approx(ET / E0)
            assert parts["level"].tolist() == ["", "l1", "l2", "l3", ""]
        assert len(r) == 2 * 6


@pytest.mark.parametrize("approach", ["mp", "mh"])
def test_one_sub_sector_per_sector_equals_the_single_level_result(approach):
    data = DATA.assign(sub=DATA["sector"] + "-only").groupby(["year", "sector", "sub"], as_index=False)[["E", "A"]].sum()
    two = _effects(multilevel_decompose(data, ["sector", "sub"], energy="E", activity="A", period="year",
                                        approach=approach))
    one = data.assign(total=data.groupby("year")["A"].transform("sum"))
    single = decompose(pd.DataFrame({"period": one.year, "subcategory": one.sector, "A": one.total,
                                     "S": one.A / one.total, "I": one.E / one.A}), ["A", "S", "I"])["additive"].iloc[0]
    assert two[("activity", "")] == pytest.approx(single["A"], rel=1e-12)
    assert two[("structure", "sector")] == pytest.approx(single["S"], rel=1e-12)
    assert two[("intensity", "")] == pytest.approx(single["I"], rel=1e-12)
    assert two[("structure", "sub")] == pytest.approx(0.0, abs=1e-12)


def test_groups_are_decomposed_apart_and_a_unit_may_appear():
    data = pd.concat([DATA.assign(region="north"), DATA.assign(region="south")])
    data.loc[(data.region == "south") & (data.year == 2020) & (data["sub"] == "b"), ["E", "A"]] = 0.0  # b appears
    r = multilevel_decompose(data, ["sector", "sub"], energy="E", activity="A", period="year", group="region")
    assert set(r["group"]) == {"north", "south"}
    south = r[(r.group == "south") & (r.effect != "total")]
    assert south["delta"].sum() == pytest.approx(70.0 - 40.0, rel=1e-12)


@pytest.mark.parametrize("change, match", [
    (lambda d: d.assign(A=d["A"].where(d.index != 0, -1.0)), "negative"),
    (lambda d: d.assign(sub=["a", "b", ""] + ["a", "b", "c"]), "both as a leaf|lacks unit"),
    (lambda d: d.assign(sector=["S1", "S1", ""] * 2, sub=["a", "b", "x"] * 2), "blank|empty"),
    (lambda d: d.assign(A=d["A"].where(d.index != 1, 0.0)), "energy but no activity"),
])
def test_bad_hierarchies_are_refused(change, match):
    with pytest.raises(InputError, match=match):
        multilevel_decompose(change(DATA.copy()), ["sector", "sub"], energy="E", activity="A", period="year")


def test_a_unit_that_changes_level_is_refused():
    data = DATA.copy()
    data.loc[3, "sub"] = ""  # S1/a in 2020, S1 as a leaf in 2021
    with pytest.raises(InputError, match="both as a leaf"):
        multilevel_decompose(data, ["sector", "sub"], energy="E", activity="A", period="year")


def test_command_line_and_worksheet(cli, tmp_path):
    path = tmp_path / "units.csv"
    DATA.to_csv(path, index=False)
    code, out, err = cli("lmdi-multilevel", path, "--levels", "sector,sub", "--energy", "E", "--activity", "A",
                         "--period", "year", "--approach", "mh", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out), keep_default_na=False)
    assert list(frame.columns) == ["period_from", "period_to", "effect", "level", "D", "delta"]
    assert frame["effect"].tolist() == ["activity", "structure", "structure", "intensity", "total"]
    code, _, err = cli("lmdi-multilevel", path, "--levels", "sector,sub", "--energy", "E", "--activity", "nope",
                       "--period", "year")
    assert code != 0 and "nope" in err and err.count("\n") == 1
    from addin import carbon_udfs as U

    rows = [list(DATA.columns)] + DATA.astype(object).values.tolist()
    cells = U.CARBON_LMDI_MULTILEVEL(rows, "sector,sub", "E", "A", "year", "mh")
    assert cells[0] == ["period from", "period to", "effect", "level", "D", "delta"]
    assert cells[-1][2] == "total" and cells[-1][5] == pytest.approx(10.0)


def _mp_by_formula(data, levels):
    """Multilevel-parallel written out: Σ_u L(E_u) ln(factor ratio) for A, each level's share, and I."""
    out = {}
    p0, pT = sorted(data["year"].unique())
    d0, dT = (data[data.year == p].set_index(levels) for p in (p0, pT))
    units = list(d0.index)
    for u in units:
        e0, eT = d0.loc[u, "E"], dT.loc[u, "E"]
        w = L(eT, e0)
        terms = {"activity": log(dT["A"].sum() / d0["A"].sum()),
                 "intensity": log((eT / dT.loc[u, "A"]) / (e0 / d0.loc[u, "A"]))}
        for k, level in enumerate(levels):
            def share(d):
                idx = d.index.get_level_values
                inside = [all(idx(j)[i] == u[j] for j in range(k + 1)) for i in range(len(d))]
                parent = [all(idx(j)[i] == u[j] for j in range(k)) for i in range(len(d))]
                return d.loc[inside, "A"].sum() / d.loc[parent, "A"].sum()
            terms[level] = log(share(dT) / share(d0))
        for name, value in terms.items():
            out[name] = out.get(name, 0.0) + w * value
    return out


def test_symmetric_two_levels_and_one_level_by_formula():
    data = pd.DataFrame({"year": [1] * 4 + [2] * 4, "sector": ["P", "P", "Q", "Q"] * 2, "sub": ["p1", "p2", "q1", "q2"] * 2,
                         "E": [4.0, 6.0, 9.0, 1.0, 5.0, 5.5, 8.0, 2.5], "A": [2.0, 3.0, 3.0, 2.0, 2.2, 3.5, 2.4, 3.0]})
    r = _effects(multilevel_decompose(data, ["sector", "sub"], energy="E", activity="A", period="year"))
    expected = _mp_by_formula(data, ["sector", "sub"])
    assert r[("activity", "")] == pytest.approx(expected["activity"], rel=1e-12)
    assert r[("structure", "sector")] == pytest.approx(expected["sector"], rel=1e-12)
    assert r[("structure", "sub")] == pytest.approx(expected["sub"], rel=1e-12)
    assert r[("intensity", "")] == pytest.approx(expected["intensity"], rel=1e-12)
    # the symmetric case, hierarchical: top level on the sectors, each sector's index split in two
    h = _effects(multilevel_decompose(data, ["sector", "sub"], energy="E", activity="A", period="year", approach="mh"))
    top = data.groupby(["year", "sector"], as_index=False)[["E", "A"]].sum()
    one = _effects(multilevel_decompose(top, ["sector"], energy="E", activity="A", period="year"))
    assert h[("activity", "")] == pytest.approx(one[("activity", "")], rel=1e-12)
    assert h[("structure", "sector")] == pytest.approx(one[("structure", "sector")], rel=1e-12)
    assert h[("structure", "sub")] + h[("intensity", "")] == pytest.approx(one[("intensity", "")], rel=1e-12)
    # a one-level hierarchy, by formula
    flat = _mp_by_formula(top, ["sector"])
    assert one[("structure", "sector")] == pytest.approx(flat["sector"], rel=1e-12)
    assert one[("intensity", "")] == pytest.approx(flat["intensity"], rel=1e-12)


def test_three_levels_parallel_by_formula():
    data = pd.DataFrame({"year": [1] * 4 + [2] * 4, "l1": ["A", "A", "A", "B"] * 2, "l2": ["a1", "a1", "a2", "b1"] * 2,
                         "l3": ["x", "y", "z", "w"] * 2, "E": [3.0, 5.0, 2.0, 7.0, 3.5, 4.0, 2.6, 8.0],
                         "A": [1.0, 2.0, 2.0, 4.0, 1.2, 2.1, 2.4, 4.1]})
    r = _effects(multilevel_decompose(data, ["l1", "l2", "l3"], energy="E", activity="A", period="year"))
    expected = _mp_by_formula(data, ["l1", "l2", "l3"])
    for key, name in ((("activity", ""), "activity"), (("structure", "l1"), "l1"), (("structure", "l2"), "l2"),
                      (("structure", "l3"), "l3"), (("intensity", ""), "intensity")):
        assert r[key] == pytest.approx(expected[name], rel=1e-12), key
