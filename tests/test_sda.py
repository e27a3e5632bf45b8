"""Structural decomposition (carbon_core.io.sda): exactness, orderings, closed forms, invariance, refusals."""

from itertools import permutations

import numpy as np
import pandas as pd
import pytest

from carbon_core.errors import InputError
from carbon_core.io.sda import EFFECTS, structural_decomposition


def _year(rng, n=6, c=4):
    A = rng.uniform(0, 1, (n, n))
    A *= rng.uniform(0.3, 0.8, n) / A.sum(axis=0)  # column sums < 1: productive
    L = np.linalg.inv(np.eye(n) - A)
    Y = rng.uniform(1, 100, (n, c))
    f = rng.uniform(0.1, 5, n)
    return f, L, Y


def _E(f, L, Y):
    return float(f @ L @ Y.sum(axis=1))


def _parts(f, L, Y):
    """The five factors, computed here independently of the module: f, L, s, B, d."""
    col = Y.sum(axis=0)
    return [f, L, Y.sum(), Y / col, col / Y.sum()]


def _E_of(parts):
    f, L, s, B, d = parts
    return float(f @ L @ (B @ d) * s)


def _literal_orderings(y0, y1):
    """Average over all 5! orderings: switch the factors to year 1 one at a time in each order."""
    p0, p1 = _parts(*y0), _parts(*y1)
    total = np.zeros(5)
    orders = list(permutations(range(5)))
    for order in orders:
        state = list(p0)
        for i in order:
            before = _E_of(state)
            state[i] = p1[i]
            total[i] += _E_of(state) - before
    return total / len(orders)


def _polar(y0, y1):
    p0, p1 = _parts(*y0), _parts(*y1)
    out = np.zeros(5)
    for order in (range(5), reversed(range(5))):
        state = list(p0)
        for i in order:
            before = _E_of(state)
            state[i] = p1[i]
            out[i] += 0.5 * (_E_of(state) - before)
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("method", ["dl", "polar"])
def test_effects_sum_exactly_to_the_change(seed, method):
    rng = np.random.default_rng(seed)
    y0, y1 = _year(rng), _year(rng)
    r = structural_decomposition(*y0, *y1, method=method)
    change = _E(*y1) - _E(*y0)
    assert r.change == pytest.approx(change, rel=1e-12)
    assert r.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(change, rel=1e-9)
    assert r.effects.loc[list(EFFECTS), "share"].sum() == pytest.approx(1.0, rel=1e-9)
    np.testing.assert_allclose(r.by_sector[list(EFFECTS)].sum(axis=0).to_numpy(),
                               r.effects.loc[list(EFFECTS), "value"].to_numpy(), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(r.by_sector[list(EFFECTS)].sum(axis=1), r.by_sector["total"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(r.by_sector["total"], y1[0] * (y1[1] @ y1[2].sum(axis=1)) -
                               y0[0] * (y0[1] @ y0[2].sum(axis=1)), rtol=1e-9)


@pytest.mark.parametrize("seed", [3, 4])
def test_all_orderings_average_equals_a_literal_enumeration(seed):
    rng = np.random.default_rng(seed)
    y0, y1 = _year(rng), _year(rng)
    r = structural_decomposition(*y0, *y1, method="dl")
    np.testing.assert_allclose(r.effects.loc[list(EFFECTS), "value"].to_numpy(), _literal_orderings(y0, y1),
                               rtol=1e-10)
    polar = structural_decomposition(*y0, *y1, method="polar")
    np.testing.assert_allclose(polar.effects.loc[list(EFFECTS), "value"].to_numpy(), _polar(y0, y1), rtol=1e-10)
    assert r.method_text.startswith("average over all orderings") and polar.method_text.startswith("average of the two")


@pytest.mark.parametrize("method", ["dl", "polar"])
def test_two_changing_factors_against_the_closed_form(method):
    rng = np.random.default_rng(5)
    f0, L, Y = _year(rng)
    f1 = f0 * rng.uniform(0.5, 1.5, f0.size)
    Y1 = Y * 1.3  # only the level changes: the same product and category mixes
    r = structural_decomposition(f0, L, Y, f1, L, Y1, method=method)
    v = L @ (Y.sum(axis=1) / Y.sum())  # output per unit of final demand
    s0, s1 = Y.sum(), Y1.sum()
    e = r.effects["value"]
    assert e["intensity"] == pytest.approx((f1 - f0) @ v * (s0 + s1) / 2, rel=1e-12)
    assert e["demand_level"] == pytest.approx((f0 @ v + f1 @ v) / 2 * (s1 - s0), rel=1e-12)
    for name in ("production_structure", "product_mix", "category_mix"):
        assert abs(e[name]) <= 1e-9 * abs(r.change)


def test_the_result_does_not_depend_on_sector_order():
    rng = np.random.default_rng(6)
    y0, y1 = _year(rng), _year(rng)
    names = [f"S{i}" for i in range(6)]
    r = structural_decomposition(*y0, *y1, sectors=names)
    p = rng.permutation(6)

    def shuffled(f, L, Y):
        return f[p], L[np.ix_(p, p)], Y[p]

    q = structural_decomposition(*shuffled(*y0), *shuffled(*y1), sectors=[names[i] for i in p])
    np.testing.assert_allclose(q.effects["value"], r.effects["value"], rtol=1e-12)
    pd.testing.assert_frame_equal(q.by_sector.loc[names], r.by_sector, rtol=1e-10)


def test_identical_years_give_zero_effects():
    rng = np.random.default_rng(7)
    y0 = _year(rng)
    r = structural_decomposition(*y0, *y0)
    assert (r.effects["value"] == 0).all() and r.effects["share"].isna().all()


def test_labelled_final_demand_and_category_names():
    rng = np.random.default_rng(8)
    (f0, L0, Y0), (f1, L1, Y1) = _year(rng, 3, 2), _year(rng, 3, 2)
    cats = ["consumption", "exports"]
    frame0 = pd.DataFrame(Y0, index=["a", "b", "c"], columns=cats)
    r = structural_decomposition(f0, L0, frame0, f1, L1, pd.DataFrame(Y1, index=["a", "b", "c"], columns=cats),
                                 unit="Mt CO2")
    assert list(r.by_sector.index) == ["a", "b", "c"] and r.unit == "Mt CO2"
    assert list(r.effects.index) == list(EFFECTS) + ["total"]
    assert r.effects.loc["intensity", "name_zh"] == "排放强度效应"
    with pytest.raises(InputError, match="same products and categories"):
        structural_decomposition(f0, L0, frame0, f1, L1, pd.DataFrame(Y1, index=["a", "b", "c"],
                                                                      columns=["exports", "consumption"]))


def test_refusals():
    rng = np.random.default_rng(9)
    f, L, Y = _year(rng, 3, 2)
    with pytest.raises(InputError, match="method must be"):
        structural_decomposition(f, L, Y, f, L, Y, method="shapley")
    with pytest.raises(InputError, match="shape"):
        structural_decomposition(f, L, Y, f[:2], L, Y)
    bad = Y.copy()
    bad[:, 1] = [5.0, -5.0, 0.0]  # a category summing to zero, not zero by product
    with pytest.raises(InputError, match="sums to zero but is not zero by product"):
        structural_decomposition(f, L, bad, f, L, Y)
    zero = Y.copy()
    zero[:, 1] = 0.0  # an empty category is fine: it has no mix to change
    r = structural_decomposition(f, L, zero, f, L, Y)
    assert r.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(r.change, rel=1e-9)
    nan = Y.copy()
    nan[0, 0] = np.nan
    with pytest.raises(InputError, match="NaN"):
        structural_decomposition(f, L, nan, f, L, Y)


# ------------------------------------------------------------------ between two tables
def _system(rng, labels, cats=("C", "I", "EX")):
    from types import SimpleNamespace

    n = len(labels)
    Z = rng.uniform(0, 50, (n, n))
    Y = rng.uniform(20, 200, (n, len(cats)))
    x = Z.sum(axis=1) + Y.sum(axis=1)
    return SimpleNamespace(Z=pd.DataFrame(Z, index=labels, columns=labels), x=pd.Series(x, index=labels),
                           Y=pd.DataFrame(Y, index=labels, columns=list(cats)))


def test_between_two_tables_reproduces_both_years():
    from carbon_core.io.sda import decompose_between

    rng = np.random.default_rng(10)
    labels = ["S1", "S2", "S3", "S4"]
    s0, s1 = _system(rng, labels, ("C", "I", "EX", "OF")), _system(rng, labels, ("C", "I", "EX", "OF"))
    e0 = pd.Series(rng.uniform(1, 9, 4), index=labels)
    e1 = pd.Series(rng.uniform(1, 9, 4), index=labels)
    r = decompose_between(s0, e0, s1, e1, unit="Mt CO2", years=("2012", "2017"))
    assert r.E0 == pytest.approx(e0.sum(), rel=1e-12) and r.E1 == pytest.approx(e1.sum(), rel=1e-12)
    assert r.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(e1.sum() - e0.sum(), rel=1e-9)
    assert any(n.startswith("current prices") for n in r.notes) and "OF (outflows)" in r.notes[-1]
    # a category in one year only is never decomposed (Miller & Blair §13.1: the same p categories)
    with pytest.raises(InputError, match="OF .outflows. only in 2017"):
        decompose_between(_system(rng, labels), e0, s1, e1, years=("2012", "2017"))
    # deflated: the same observed change, split differently; stated on the result
    d = decompose_between(s0, e0, s1, e1, deflator=1.25, years=("2012", "2017"))
    assert d.change == pytest.approx(r.change, rel=1e-12)
    assert d.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(r.change, rel=1e-9)
    assert d.effects.loc["demand_level", "value"] < r.effects.loc["demand_level", "value"]
    assert any(n.startswith("constant prices of 2012") for n in d.notes)
    per = decompose_between(s0, e0, s1, e1, deflator=pd.Series([1.1, 1.2, 1.3, 1.4], index=labels))
    assert per.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(r.change, rel=1e-9)
    # a uniform per-sector index is the single index
    same = decompose_between(s0, e0, s1, e1, deflator=pd.Series(1.25, index=labels))
    np.testing.assert_allclose(same.effects["value"], d.effects["value"], rtol=1e-10)


def test_between_two_tables_refusals():
    from carbon_core.io.sda import decompose_between

    rng = np.random.default_rng(11)
    s0, s1 = _system(rng, ["S1", "S2", "S3"]), _system(rng, ["S1", "S2", "S9"])
    e = pd.Series([1.0, 2.0, 3.0], index=["S1", "S2", "S3"])
    with pytest.raises(InputError, match="not in the same classification.*S3.*S9"):
        decompose_between(s0, e, s1, e.set_axis(["S1", "S2", "S9"]))
    s1 = _system(rng, ["S1", "S2", "S3"])
    with pytest.raises(InputError, match="positive, finite"):
        decompose_between(s0, e, s1, e, deflator=0.0)
    with pytest.raises(InputError, match="missing S3"):
        decompose_between(s0, e, s1, e, deflator={"S1": 1.0, "S2": 1.1})
    bad = _system(rng, ["S1", "S2", "S3"])
    bad.x.iloc[1] = -5.0
    with pytest.raises(InputError, match="negative"):
        decompose_between(s0, e, bad, e)
    off = _system(rng, ["S1", "S2", "S3"])
    off.Y.iloc[0, 0] += 10.0
    with pytest.raises(InputError, match="does not add up"):
        decompose_between(s0, e, off, e)


def _guangdong(year, aggregate=True):
    import warnings

    from carbon_core.resolve.tables import provincial_table_spec, read_table_spec, s11_concordance
    from carbon_core.io.domestic import domestic_system
    from carbon_core.resolve.satellites import read_satellite, satellite_for

    table = read_table_spec(provincial_table_spec("guangdong", year))
    mapping, _, order = s11_concordance(table.classification) if aggregate else (None, None, None)
    system = domestic_system(table, remove="imports+inflows", level="aggregate", concordance=mapping, order=order)
    if not aggregate:  # CEADs maps to the 42 products of 2017 only; the classification check comes first anyway
        return system, pd.Series(1.0, index=system.Z.index)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        e, _ = satellite_for(read_satellite(f"ceads/guangdong/{year}"), list(system.Z.index), table)
    return system, e


def test_guangdong_2012_to_2017_official_tables_and_ceads():
    from carbon_core.io.sda import decompose_between

    (s0, e0), (s1, e1) = _guangdong(2012), _guangdong(2017)
    r = decompose_between(s0, e0, s1, e1, years=("2012", "2017"), unit="Mt CO2")
    assert r.E0 == pytest.approx(e0.sum(), rel=1e-9) and r.E1 == pytest.approx(e1.sum(), rel=1e-9)
    assert r.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(e1.sum() - e0.sum(), rel=1e-9)
    assert list(r.by_sector.index) == [f"S{i}" for i in range(1, 12)]
    polar = decompose_between(s0, e0, s1, e1, method="polar")
    assert polar.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(r.change, rel=1e-9)
    # the 42 products of 2012 against S1-S11 of 2017: refused, not decomposed
    (d0, f0) = _guangdong(2012, aggregate=False)
    with pytest.raises(InputError, match="not in the same classification"):
        decompose_between(d0, f0, s1, e1)


# ------------------------------------------------------------------ command line
GD = ["--from", "china-provincial-io-42/guangdong_2012", "--to", "china-provincial-io-42/guangdong_2017"]


def test_cli_sda_csv_sums_to_the_observed_change(capsys):
    from carbon_cli.main import main

    assert main(["sda", *GD, "--aggregate", "s11", "--satellite", "ceads", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    frame = pd.read_csv(__import__("io").StringIO(out), index_col=0)
    assert list(frame.index) == list(EFFECTS) + ["total"] and frame.columns[0] == "value"
    assert frame.loc[list(EFFECTS), "value"].sum() == pytest.approx(frame.loc["total", "value"], rel=1e-9)
    assert (frame["unit"] == "Mt CO2").all() and (frame["prices"] == "current prices").all()
    assert "price change between 2012 and 2017 sits inside the effects" in err
    (s0, e0), (s1, e1) = _guangdong(2012), _guangdong(2017)
    assert frame.loc["total", "value"] == pytest.approx(e1.sum() - e0.sum(), rel=1e-9)
    assert main(["sda", *GD, "--aggregate", "s11", "--satellite", "ceads", "--format", "csv", "--deflator", "1.1"]) == 0
    out, err = capsys.readouterr()
    assert "constant prices of 2012" in out and "constant prices of 2012" in err


def test_cli_sda_refuses_same_codes_for_different_products(tmp_path, capsys):
    from carbon_cli.main import main

    for name in ("e0.csv", "e1.csv"):
        (tmp_path / name).write_text("sector,e\n" + "".join(f"{i:02d},1.0\n" for i in range(1, 43)), encoding="utf-8")
    code = main(["sda", *GD, "--e-from", str(tmp_path / "e0.csv"), "--e-to", str(tmp_path / "e1.csv"),
                 "--e-unit", "t"])
    err = capsys.readouterr().err
    assert code == 1 and "same codes for different products" in err and "22:" in err and "--aggregate s11" in err


@pytest.mark.parametrize("argv,message", [
    (["--aggregate", "s11"], "give the satellite of both years"),
    (["--aggregate", "s11", "--satellite", "ceads", "--e-from", "a.csv", "--e-to", "b.csv"], "not both"),
    (["--aggregate", "s11", "--satellite", "ceads", "--deflator", "abc"], "neither a number nor a file"),
    (["--aggregate", "s11", "--satellite", "ceads", "--deflator", "-1"], "positive, finite"),
    (["--aggregate", "s12", "--satellite", "ceads"], "unknown aggregation 's12'. Did you mean 's11'?"),
    (["--aggregate", "cp41", "--satellite", "ceads", "--from", "china-provincial-io-42/guangdong_2007"],
     "2012 and 2017 classifications only"),
])
def test_cli_sda_bad_arguments(argv, message, capsys):
    from carbon_cli.main import main

    assert main(["sda", *GD, *argv]) == 1
    assert message in capsys.readouterr().err


def test_cli_sda_missing_satellite_year(capsys):
    from carbon_cli.main import main

    # CEADs has no inventory for Tibet: the missing satellite is named, not filled with zeros
    code = main(["sda", "--from", "china-provincial-io-42/xizang_2017", "--to", "china-provincial-io-42/xizang_2017",
                 "--aggregate", "s11", "--satellite", "ceads"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("carbon: error:") and "no inventory for Tibet" in err


# ------------------------------------------------------- comparable years (core)
def _tables(region="guangdong", years=(2012, 2017)):
    from carbon_core.resolve.tables import provincial_table_spec, read_table_spec

    return [read_table_spec(provincial_table_spec(region, y)) for y in years]


def test_sda_between_matches_the_hand_prepared_years():
    from carbon_core.resolve.prepare import sda_between
    from carbon_core.io.sda import decompose_between

    result, first, second = sda_between(*_tables())
    (s0, e0), (s1, e1) = _guangdong(2012), _guangdong(2017)
    by_hand = decompose_between(s0, e0, s1, e1, years=("2012", "2017"), unit="Mt CO2")
    np.testing.assert_allclose(result.effects["value"], by_hand.effects["value"], rtol=1e-12)
    assert (first.year, second.year, result.unit) == ("2012", "2017", "Mt CO2")
    assert any("households" in n for n in result.notes) and result.notes[-1].startswith("final-demand categories")


def test_sda_between_satellite_at_each_years_products_uses_each_years_concordance():
    from carbon_core.resolve.tables import s11_concordance
    from carbon_core.io.aggregation import aggregate_satellite
    from carbon_core.resolve.prepare import sda_between

    t0, t1 = _tables()
    rng = np.random.default_rng(5)
    e0 = pd.Series(rng.uniform(1, 10, 42), index=t0.products)
    e1 = pd.Series(rng.uniform(1, 10, 42), index=t1.products)
    result, first, second = sda_between(t0, t1, e0, e1, unit="kt CO2")
    for table, e, year in ((t0, e0, first), (t1, e1, second)):
        mapping, _, order = s11_concordance(table.classification)
        np.testing.assert_allclose(year.e, aggregate_satellite(e, mapping, order=order).reindex(order), rtol=1e-12)
    assert result.unit == "kt CO2" and result.E1 - result.E0 == pytest.approx(e1.sum() - e0.sum(), rel=1e-9)
    # the products of 2012 and 2017 are not the same classification: 2017's concordance is not used for 2012
    assert t0.classification == "io42-2012" and t1.classification == "io42-2017"


def test_sda_between_refusals():
    from carbon_core.resolve.prepare import sda_between, year_data

    gd12, gd17 = _tables()
    js17, = _tables("jiangsu", (2017,))
    with pytest.raises(InputError, match="two regions"):
        sda_between(gd12, js17)
    with pytest.raises(InputError, match="unknown aggregation"):
        year_data(gd12, aggregate="s12")
    with pytest.raises(InputError, match="unknown satellite"):
        year_data(gd12, "edgar")
    with pytest.raises(InputError, match="must be \"ceads\" or emissions"):
        year_data(gd12, [1.0, 2.0])
    s11 = pd.Series(1.0, index=[f"S{i}" for i in range(1, 12)])
    with pytest.raises(InputError, match="different units"):
        sda_between(gd12, gd17, s11, "ceads", unit="t CO2")
    with pytest.raises(InputError, match="same codes for different products"):
        sda_between(gd12, gd17, pd.Series(1.0, index=gd12.products), pd.Series(1.0, index=gd17.products),
                    aggregate=None)


# -------------------------------------------------------------- Excel: CARBON_SDA
def _cells(rows):
    return {r[0]: dict(zip(rows[0][1:], r[1:])) for r in rows[1:]}


def test_carbon_sda_matches_the_core_and_the_command_line(capsys):
    from addin.carbon_udfs import CARBON_SDA
    from carbon_cli.main import main
    from carbon_core.resolve.prepare import sda_between

    rows = CARBON_SDA("广东", 2012, 2017)
    assert rows[0] == ["effect", "value", "unit", "prices", "share", "名称", "name"]  # keys in words
    cells = _cells(rows)
    assert main(["sda", *GD, "--aggregate", "s11", "--satellite", "ceads", "--format", "csv"]) == 0
    cli = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out), index_col=0)
    for effect in list(EFFECTS) + ["total"]:
        assert cells[effect]["value"] == pytest.approx(cli.loc[effect, "value"], rel=1e-12)
        assert cells[effect]["prices"] == "current prices" and cells[effect]["unit"] == "Mt CO2"
    polar = _cells(CARBON_SDA("Guangdong", "2012", 2017.0, "ceads", None, "polar"))
    core, _, _ = sda_between(*_tables(), method="polar")
    assert [polar[k]["value"] for k in EFFECTS] == pytest.approx(list(core.effects.loc[list(EFFECTS), "value"]),
                                                                 rel=1e-12)
    years = _cells(CARBON_SDA("广东省", 2012, 2017, None, None, None, None, "years"))
    assert years["2017"]["emissions"] - years["2012"]["emissions"] == pytest.approx(cells["total"]["value"], rel=1e-12)
    sectors = CARBON_SDA("广东", 2012, 2017, None, None, None, None, "sectors")
    assert [r[0] for r in sectors[1:]] == [f"S{i}" for i in range(1, 12)]
    assert sum(r[sectors[0].index("intensity")] for r in sectors[1:]) == pytest.approx(cells["intensity"]["value"],
                                                                                      rel=1e-9)
    bare = CARBON_SDA("广东", 2012, 2017, None, None, None, None, None, None, False)
    assert len(bare) == 6 and isinstance(bare[0][0], float)


def test_carbon_sda_with_a_satellite_range_and_deflators():
    from addin.carbon_udfs import CARBON_SDA
    from carbon_core.resolve.prepare import sda_between

    core, first, second = sda_between(*_tables())
    rng = [["sector", "e 2012", "e 2017"]] + [[s, first.e[s], second.e[s]] for s in first.e.index] + [[None] * 3]
    own = _cells(CARBON_SDA("广东", 2012, 2017, rng, None, None, None, None, "Mt CO2"))
    for effect in EFFECTS:
        assert own[effect]["value"] == pytest.approx(core.effects.loc[effect, "value"], rel=1e-12)
    assert own["total"]["unit"] == "Mt CO2"
    one = _cells(CARBON_SDA("广东", 2012, 2017, None, None, None, 1.1))
    per_sector = _cells(CARBON_SDA("广东", 2012, 2017, None, None, None, [[f"S{i}", "110%"] for i in range(1, 12)]))
    assert one["total"]["prices"] == "constant prices of 2012" == per_sector["total"]["prices"]
    for effect in EFFECTS:
        assert one[effect]["value"] == pytest.approx(per_sector[effect]["value"], rel=1e-12)
    assert one["intensity"]["value"] != pytest.approx(core.effects.loc["intensity", "value"], rel=1e-3)
    assert one["total"]["value"] == pytest.approx(core.change, rel=1e-12)  # prices move effects, not the change


S11_ROWS = [[f"S{i}", 1.0, 2.0] for i in range(1, 12)]


@pytest.mark.parametrize("args,message", [
    (("广东", 2012, 2017, None, None, None, None, "table"), "what must be"),
    (("广东", 2012, 2017, None, None, "lmdi"), "method must be"),
    (("广东", 2012, 2017, None, "s42"), "aggregate must be"),
    (("广东", 2007, 2017, None, "cp41"), "2012 and 2017 classifications only"),
    (("广东", 2012, 2017, "edgar"), "satellite must be \"ceads\""),
    (("广东", 2012, 2017, [[f"S{i}", 1.0] for i in range(1, 12)]), "three columns"),
    (("广东", 2012, 2017, [[1.0, 1.0, 2.0]] * 11), "label the satellite rows"),
    (("广东", 2012, 2017, S11_ROWS[:1] + [["S2", "a lot", 2.0]] + S11_ROWS[2:]), "'a lot' is not a number"),
    (("广东", 2012, 2017, [["S1", "#N/A", 2.0]] + S11_ROWS[1:]), "#N/A"),
    (("广东", 2012, 2017, S11_ROWS[:10]), "missing ['S11']"),
    (("广东", 2012, None), "year_to is empty"),
    (("广东", 2012, 2016), "no guangdong table for 2016"),
    (("广东", 2012, "tables.csv"), "not a year"),
    (("Atlantis", 2012, 2017), "unknown region"),
    (("#N/A", 2012, 2017), "#N/A"),
    (("广东", 2012, 2017, None, None, None, -1.1), "positive, finite"),
    (("广东", 2012, 2017, None, None, None, [[1.1], [1.2]]), "need labels"),
    (("广东", 2012, 2017, None, None, None, [["S1", 1.1]]), "missing S2"),
    (("西藏", 2012, 2017), "no inventory for Tibet"),
    (("广东", 2012, "/nowhere/table.xlsx"), "table.xlsx"),
])
def test_carbon_sda_bad_inputs_come_back_as_one_line(args, message):
    from addin.carbon_udfs import CARBON_SDA

    out = CARBON_SDA(*args)
    assert isinstance(out, list) and len(out) == 1 and len(out[0]) == 1, out
    text = out[0][0]
    assert text.startswith("Error: ") and "Traceback" not in text and message in text, text


def test_cli_sda_satellites_at_each_years_products(tmp_path, capsys):
    from carbon_cli.main import main

    t0, t1 = _tables()
    for name, table in (("e0.csv", t0), ("e1.csv", t1)):
        (tmp_path / name).write_text("product,e\n" + "".join(f"{p},2.0\n" for p in table.products), encoding="utf-8")
    assert main(["sda", *GD, "--aggregate", "s11", "--e-from", str(tmp_path / "e0.csv"), "--e-to",
                 str(tmp_path / "e1.csv"), "--e-unit", "kt CO2", "--format", "csv"]) == 0
    frame = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out), index_col=0)
    assert frame.loc["total", "value"] == pytest.approx(0.0, abs=1e-9) and (frame["unit"] == "kt CO2").all()
    assert frame.loc[list(EFFECTS), "value"].sum() == pytest.approx(0.0, abs=1e-9)


# ------------------------------------------------- the discrepancy column (ERR)
def test_a_discrepancy_column_is_spread_not_decomposed_as_a_category():
    import warnings

    from carbon_core.errors import CarbonWarning
    from carbon_core.io.sda import decompose_between

    rng = np.random.default_rng(12)
    labels = ["S1", "S2", "S3"]
    s0, s1 = _system(rng, labels), _system(rng, labels)
    # an ERR column that sums to zero over products: as a category its product mix would be undefined
    err = np.array([15.0, -5.0, -10.0])
    s1.Y["ERR"] = err
    s1.x = s1.x + err
    e0 = pd.Series([3.0, 1.0, 2.0], index=labels)
    e1 = pd.Series([2.0, 2.0, 2.5], index=labels)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = decompose_between(s0, e0, s1, e1, years=("2012", "2017"))
    assert r.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(e1.sum() - e0.sum(), rel=1e-9)
    assert "ERR" not in r.notes[-1] and any("ERR" in n and "spread" in n for n in r.notes)
    assert any(issubclass(w.category, CarbonWarning) and "discrepancy" in str(w.message) for w in caught)
    # spreading ERR over the product's categories by their size is what the decomposition sees
    folded = s1.Y[["C", "I", "EX"]].to_numpy()
    folded = folded + err[:, None] * folded / folded.sum(axis=1, keepdims=True)
    by_hand = decompose_between(s0, e0, SimpleNamespaceSystem(s1.Z, s1.x, folded, ["C", "I", "EX"]), e1)
    np.testing.assert_allclose(r.effects["value"], by_hand.effects["value"], rtol=1e-10)


def SimpleNamespaceSystem(Z, x, Y, cats):
    from types import SimpleNamespace

    return SimpleNamespace(Z=Z, x=x, Y=pd.DataFrame(Y, index=Z.index, columns=cats))


def test_published_tables_with_discrepancy_or_rounding_decompose_exactly():
    import warnings

    from carbon_core.errors import CarbonWarning
    from carbon_core.resolve.prepare import sda_between

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        shandong, first, second = sda_between(*_tables("shandong"))  # ERR: 6.1% and 12.8% of final demand
    assert shandong.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(second.e.sum() - first.e.sum(),
                                                                              rel=1e-9)
    assert any("12.85% of final demand" in n for n in shandong.notes)
    assert any(issubclass(w.category, CarbonWarning) for w in caught)
    tianjin, first, second = sda_between(*_tables("tianjin"))  # 2012 rows off by up to 0.23 (10^4 yuan) of rounding
    assert tianjin.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(second.e.sum() - first.e.sum(),
                                                                             rel=1e-9)
    assert any("rounding" in n for n in tianjin.notes)
    sichuan, _, _ = sda_between(*_tables("sichuan", (2007, 2012)))  # ERR of 2007 sums to about zero
    assert np.isfinite(sichuan.effects["value"]).all()


def _shipped_pairs():
    from itertools import combinations

    from carbon_core.data.datasets import load_package

    names = load_package("china-provincial-io-42").resource_names()
    keys = sorted({r.rsplit("_", 1)[0] for r in names if r[-4:].isdigit()} - {"china", "xizang"})
    for key in keys:
        years = sorted(int(r[-4:]) for r in names if r.startswith(key + "_") and r[-4:] in ("2007", "2012", "2017"))
        yield from ((key, a, b) for a, b in combinations(years, 2))


def test_every_shipped_province_and_year_pair_decomposes_exactly():
    """30 provinces with CEADs × the pairs of 2007, 2012 and 2017 (2002 tables have only a net outflow column)."""
    import warnings

    from carbon_core.resolve.prepare import sda_between

    pairs = list(_shipped_pairs())
    assert len(pairs) == 90
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, a, b in pairs:
            result, first, second = sda_between(*_tables(key, (a, b)))
            assert (first.year, second.year) == (str(a), str(b))
            total = result.effects.loc[list(EFFECTS), "value"].sum()
            assert total == pytest.approx(second.e.sum() - first.e.sum(), rel=1e-9, abs=1e-9), (key, a, b)
            assert result.by_sector["total"].sum() == pytest.approx(total, rel=1e-9, abs=1e-9)


# ------------------------------------------- the common products of 2012 and 2017
def test_common_products_pair_equal_names_and_state_the_two_merges():
    import re
    import subprocess
    import sys
    from pathlib import Path

    from carbon_core.data.datasets import load_package

    def plain(name):
        return re.sub(r"[\s、，,（）()和及与]+", "", name)

    names = load_package("china-provincial-io-42").read("classifications")
    zh = {(r.classification, r.code): r.name_zh for r in names.itertuples()}
    common = load_package("concordance-io42-2012-2017").read("cp41_products")
    assert list(common["code"]) == [f"CP{i:02d}" for i in range(1, 42)]
    merged = []
    for row in common.itertuples():
        old, new = row.io42_2012_codes.split(";"), row.io42_2017_codes.split(";")
        if len(old) == len(new) == 1:
            assert plain(zh[("io42-2012", old[0])]) == plain(zh[("io42-2017", new[0])]), row.code
        else:
            merged.append((old, new))
    assert merged == [(["22", "23"], ["22"]), (["36"], ["35", "36"])]
    for cls in ("2012", "2017"):
        frame = load_package("concordance-io42-2012-2017").read(f"io42_{cls}_to_cp41")
        assert sorted(frame["io42_code"]) == [f"{i:02d}" for i in range(1, 43)]
    # the package is what the script makes of the shipped classifications
    root = Path(__file__).resolve().parents[1]
    folder = root / "datapackages" / "concordance-io42-2012-2017"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    subprocess.run([sys.executable, str(root / "scripts" / "build_common_products.py")], check=True, capture_output=True)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_ceads_at_the_2012_products_keeps_every_tonne():
    from carbon_core.resolve.satellites import ceads_to_products, ceads_to_s11, read_satellite

    t12, t17 = _tables()
    for table in (t12, t17):
        sat = read_satellite(f"ceads/guangdong/{table.year}")
        by_product, hh, notes = ceads_to_products(sat.values, table)
        by_s11, hh11 = ceads_to_s11(sat.values)
        assert by_product.sum() == pytest.approx(by_s11.sum(), rel=1e-12) and hh == pytest.approx(hh11)
    sat = read_satellite("ceads/guangdong/2012")
    _, _, notes = ceads_to_products(sat.values, t12)
    # 2017's 22 (other manufacturing and scrap) and 23 (repair) are 2012's 22, 23 and 24
    assert any(n.startswith("CEADs line 37") and "22, 23, 24" in n for n in notes)
    seven, = _tables("guangdong", (2007,))
    with pytest.raises(InputError, match="2017 and 2012 classifications only"):
        ceads_to_products(read_satellite("ceads/guangdong/2007").values, seven)


def test_sda_at_the_41_common_products():
    from carbon_core.resolve.prepare import sda_between

    s11, _, _ = sda_between(*_tables())
    cp41, first, second = sda_between(*_tables(), aggregate="cp41")
    assert list(first.e.index) == [f"CP{i:02d}" for i in range(1, 42)] == list(cp41.by_sector.index)
    # the same emissions in both years, split more finely: the totals agree with S1-S11
    assert (cp41.E0, cp41.E1) == (pytest.approx(s11.E0, rel=1e-12), pytest.approx(s11.E1, rel=1e-12))
    assert cp41.effects.loc[list(EFFECTS), "value"].sum() == pytest.approx(cp41.change, rel=1e-9)
    # a finer classification moves effects between structure and mix, so the two need not agree
    assert cp41.effects.loc["intensity", "value"] != pytest.approx(s11.effects.loc["intensity", "value"], rel=1e-6)


def test_cli_and_excel_at_the_41_common_products(capsys):
    from addin.carbon_udfs import CARBON_SDA
    from carbon_cli.main import main

    assert main(["sda", *GD, "--aggregate", "cp41", "--satellite", "ceads", "--format", "csv"]) == 0
    cli = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out), index_col=0)
    cells = _cells(CARBON_SDA("广东", 2012, 2017, "ceads", "CP41"))
    for effect in list(EFFECTS) + ["total"]:
        assert cells[effect]["value"] == pytest.approx(cli.loc[effect, "value"], rel=1e-12)
    sectors = CARBON_SDA("广东", 2012, 2017, None, "cp41", None, None, "sectors")
    assert [r[0] for r in sectors[1:42]] == [f"CP{i:02d}" for i in range(1, 42)]
    # coal mining's domestic final demand is negative at 41 products: exact, but said below the table
    assert sectors[42][0].startswith("Warning: balancing final demand y = x - Z·1 is negative for CP02")
