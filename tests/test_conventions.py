"""One convention per question (issue 20), the same in Python, on the command line and in Excel.

* SDA decomposes both years over their common final-demand categories: checked on every province
  pair of 2007, 2012 and 2017 (CEADs and synthetic satellites) against a literal enumeration of
  the 120 orderings computed from the common-category matrices.
* Every layout × every ``--domestic`` choice × every command gives a consistent result or one
  clear refusal.
* Footprints are checked against an independent computation with explicit inverses.
"""

from __future__ import annotations

import io
import warnings
from itertools import combinations, permutations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from carbon_cli.main import main
from carbon_core.data.datasets import load_package
from carbon_core.resolve.tables import provincial_table_spec, read_table_spec, s11_concordance
from carbon_core.errors import CarbonError, InputError
from carbon_core.io.domestic import domestic_system
from carbon_core.resolve.prepare import national_counterpart
from carbon_core.io.regional_accounts import provincial_accounts
from carbon_core.resolve.satellites import read_satellite, satellite_for
from carbon_core.io.sda import EFFECTS
from carbon_core.resolve.prepare import prepare, sda_between
from carbon_core.regions import find_region, resolve_region

S11 = [f"S{i}" for i in range(1, 12)]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference" / "io" / "provincial"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="the shared reference set is not beside the checkout")


def _table(key, year):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_table_spec(provincial_table_spec(key, year), balance="warn")


def _pairs(years=("2007", "2012", "2017")):
    names = load_package("china-provincial-io-42").resource_names()
    keys = sorted({r.rsplit("_", 1)[0] for r in names if r[-4:].isdigit()} - {"china"})
    for key in keys:
        have = sorted(int(r[-4:]) for r in names if r.startswith(key + "_") and r[-4:] in years)
        yield from ((key, a, b) for a, b in combinations(have, 2))


# --------------------------------------------------------------- SDA: literal orderings
def _literal(inputs) -> np.ndarray:
    """The average over all 5! orderings, written out: each factor switched from year 0 to year 1 in turn."""
    w, L, Y = inputs["w"], inputs["L"], inputs["Y"]
    factors = []
    for t in (0, 1):
        totals = Y[t].sum(axis=0)
        s = totals.sum()
        factors.append((w[t], L[t], s, Y[t] / totals, totals / s))  # w, L, s, B, d

    def E(state):
        w_, L_, s_, B_, d_ = (factors[state[i]][i] for i in range(5))
        return float(w_ @ L_ @ B_ @ d_ * s_)

    effects = np.zeros(5)
    orders = list(permutations(range(5)))
    for order in orders:
        state = [0] * 5
        for i in order:
            before = E(state)
            state[i] = 1
            effects[i] += E(state) - before
    return effects / len(orders)


def _check_sda(result, e0_total, e1_total, where):
    cats = result.inputs["categories"]
    Y0, Y1 = result.inputs["Y"]
    assert Y0.shape == Y1.shape == (11, len(cats)), where
    # every category has final demand in both years (none is decomposed from nothing)
    assert (np.abs(Y0).sum(axis=0) > 0).all() and (np.abs(Y1).sum(axis=0) > 0).all(), where
    assert len(set(cats)) == len(cats) and "ERR" not in cats, where
    values = result.effects.loc[list(EFFECTS), "value"].to_numpy()
    np.testing.assert_allclose(values, _literal(result.inputs), rtol=1e-9, atol=1e-9 * abs(e1_total), err_msg=where)
    assert result.E0 == pytest.approx(e0_total, rel=1e-9) and result.E1 == pytest.approx(e1_total, rel=1e-9), where


def test_sda_every_province_pair_equals_the_literal_orderings_over_common_categories():
    rng = np.random.default_rng(20)
    pairs = list(_pairs())
    assert len(pairs) >= 90
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, a, b in pairs:
            t0, t1 = _table(key, a), _table(key, b)
            if key != "xizang":  # CEADs has no Tibet
                result, y0, y1 = sda_between(t0, t1)
                _check_sda(result, y0.e.sum(), y1.e.sum(), (key, a, b, "ceads"))
                if a == 2007:  # FU302 against EX and OF: one common category, named
                    assert "EX+OF" in result.inputs["categories"] and "FU302" not in result.inputs["categories"]
            e0 = pd.Series(rng.uniform(1, 50, 11), index=S11)
            e1 = pd.Series(rng.uniform(1, 50, 11), index=S11)
            result, _, _ = sda_between(t0, t1, e0, e1, unit="kt")
            _check_sda(result, e0.sum(), e1.sum(), (key, a, b, "synthetic"))


def test_sda_with_2002_tables_compares_net_outflows_and_refuses_mixed_adjustments():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, later in (("hunan", 2007), ("guangdong", 2012), ("jiangsu", 2017)):
            t0, t1 = _table(key, 2002), _table(key, later)
            with pytest.raises(InputError, match="different domestic adjustments"):
                sda_between(t0, t1)
            result, y0, y1 = sda_between(t0, t1, remove="none")
            assert "NOF" in result.inputs["categories"]
            assert not {"EX", "OF", "FU302", "-IM", "-IF", "-FU304"} & set(result.inputs["categories"])
            _check_sda(result, y0.e.sum(), y1.e.sum(), (key, 2002, later))
            assert any(n.startswith("categories brought to their common meaning: NOF") for n in result.notes)


def test_sda_notes_name_the_factor_order_and_the_common_categories():
    result, _, _ = sda_between(_table("guangdong", 2007), _table("guangdong", 2017))
    text = " ".join(result.notes)
    assert "w (intensity), L (production structure), s (demand level), B (product mix), d (category mix)" in text
    assert "EX+OF (outflows incl. exports)" in text and "EX+OF = FU302 (2007), EX + OF (2017)" in text
    assert result.notes[0].startswith("domestic adjustment: imports and inflows removed")


def test_sda_table_publishing_all_outflows_in_one_column():
    # Hubei 2012 publishes all outflows in EX (OF empty) and all inflows in IM (IF empty)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t12 = _table("hubei", 2012)
        with pytest.raises(InputError, match="IF is empty and IM holds imports and inflows"):
            domestic_system(t12, "imports")
        result, _, _ = sda_between(t12, _table("hubei", 2017))
    assert "EX+OF" in result.inputs["categories"]
    assert any("2012: the OF column is empty, so EX holds EX and OF together" in n for n in result.notes)


# ------------------------------------------------- every layout × choice × command
LAYOUTS = {  # a table of each layout, and a second year of the same layout for SDA
    "EX/OF/IM/IF": (("guangdong", 2012), ("guangdong", 2017)),
    "FU302/FU304": (("hunan", 2007), ("hunan", 2007)),
    "NOF": (("guangdong", 2002), ("hunan", 2002)),
    "EX/IM": (("china", 2007), ("china", 2012)),
}
ALLOWED = {"EX/OF/IM/IF": {"none", "imports", "imports+inflows"}, "FU302/FU304": {"none", "imports+inflows"},
           "NOF": {"none"}, "EX/IM": {"none", "imports", "imports+inflows"}}


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("remove", ["none", "imports", "imports+inflows", None])
@pytest.mark.parametrize("level", ["aggregate", "detail"])
def test_every_domestic_choice_is_consistent_or_refused(layout, remove, level):
    (key, year), (key2, year2) = LAYOUTS[layout]
    table = _table(key, year)
    assert table.layout == layout
    mapping, _, order = s11_concordance(table.classification)
    if remove is not None and remove not in ALLOWED[layout]:
        with pytest.raises(InputError, match="cannot|only"):
            domestic_system(table, remove, level, mapping, order)
        return
    system = domestic_system(table, remove, level, mapping, order)
    gap = system.Y.sum(axis=1) - (system.x - system.Z.sum(axis=1))
    assert np.abs(gap).max() <= 1e-9 * system.x.abs().max()
    # the removed flows give back the published ones
    Z_all = mapping.groupby(mapping).size()  # noqa: F841 - the concordance is many-to-one
    assert np.allclose((system.Z + system.Z_imported).sum().sum(), table.Z.to_numpy().sum(), rtol=1e-12)
    if remove is None:
        expected = "none" if layout == "NOF" else ("imports" if layout == "EX/IM" else "imports+inflows")
        assert system.remove == expected
    kept = [c for c in system.Y.columns if str(c).startswith("-")]
    assert bool(kept) == (system.remove != "imports+inflows" and layout not in ("NOF",)
                          and not (layout == "EX/IM" and system.remove == "imports"))
    # every command on that system: a result or one clear refusal
    e = pd.Series(np.linspace(1, 11, 11), index=S11)
    p = prepare(table, e, aggregate="s11", remove=remove, level=level, unit="kt")
    from carbon_core.io.hem import extraction_from_system
    from carbon_core.io.iosystem import IOSystem

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        io_ = IOSystem(p.system.Z, p.system.x)
        hem = extraction_from_system(io_, p.e)
    assert hem["DC"].sum() == pytest.approx(e.sum(), rel=1e-9) and hem["VIC"].sum() == pytest.approx(e.sum(), rel=1e-9)
    if p.system.remove in ("imports+inflows",) or (layout == "EX/IM" and p.system.remove == "imports"):
        acc = provincial_accounts(p.system, p.e, unit="kt")
        assert acc.summary.loc["production", "value"] == pytest.approx(e.sum(), rel=1e-12)
    else:
        with pytest.raises(InputError, match="imports and inflows removed|net outflow"):
            provincial_accounts(p.system, p.e, unit="kt")
    t2 = _table(key2, year2)
    if key2 != key:
        with pytest.raises(InputError, match="two regions"):
            sda_between(table, t2, e, e, remove=remove, level=level)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result, _, _ = sda_between(table, t2, e, e * 1.5, remove=remove, level=level)
    _check_sda(result, e.sum(), 1.5 * e.sum(), (layout, remove, level))


@pytest.mark.parametrize("remove", ["none", "imports", "imports+inflows"])
@pytest.mark.parametrize("command", ["hem", "accounts", "sda"])
def test_command_line_domestic_grid(capsys, tmp_path, remove, command):
    """The grid on the command line for the EX/OF/IM/IF and FU302/FU304 layouts."""
    for key, year, other in (("hunan", 2012, 2017), ("hunan", 2007, 2012)):
        if command == "sda":
            argv = ["sda", "--from", provincial_table_spec(key, year), "--to", provincial_table_spec(key, other),
                    "--aggregate", "s11", "--satellite", "ceads", "--domestic", remove, "--format", "csv"]
        else:
            argv = [command, "--province", key, "--year", str(year), "--aggregate", "s11", "--satellite",
                    f"ceads/{key}/{year}", "--domestic", remove, "--format", "csv"]
        code = main(argv)
        out, err = capsys.readouterr()
        refused = (command == "accounts" and remove != "imports+inflows") or (year == 2007 and remove == "imports")
        if refused:
            assert code != 0 and not out and err.count("\n") == 1 and err.startswith("carbon: error:"), (argv, err)
            continue
        assert code == 0, (argv, err)
        assert "final demand by category does not add up" not in err
        frame = pd.read_csv(io.StringIO(out), index_col=0)
        if command == "hem":
            assert frame["VIC"].sum() == pytest.approx(frame["DC"].sum(), rel=1e-9)
        if command == "sda":
            assert frame.loc[list(EFFECTS), "value"].sum() == pytest.approx(frame.loc["total", "value"], rel=1e-9)
        assert err.startswith("carbon: note: domestic adjustment:"), err


# ------------------------------------------------------------------- footprints
def _independent(table, e, multipliers, national=None):
    """The footprint written out from the published table with explicit inverses (seed 000's μ at S1-S11)."""
    mapping, _, order = s11_concordance(table.classification)
    G = np.zeros((len(table.products), 11))
    for i, p in enumerate(table.products):
        G[i, order.index(mapping[p])] = 1.0
    col = lambda c: G.T @ table.column(c).to_numpy() if table.has(c) else np.zeros(11)  # noqa: E731
    Z = G.T @ table.Z.to_numpy() @ G
    x = G.T @ table.x.to_numpy()
    supply = col("IM") + (col("FU304") if table.layout == "FU302/FU304" else col("IF"))
    mu = supply / (col("TIU") + col("TFU"))
    local = sum(col(c) for c in ("FU101", "FU102", "FU103", "FU201", "FU202"))
    A = Z / x
    w = e / x
    Ld = np.linalg.inv(np.eye(11) - (1 - mu)[:, None] * A)
    Am = mu[:, None] * A
    m = w @ Ld
    if multipliers == "total":
        return w @ np.linalg.inv(np.eye(11) - A) @ local
    m_star = m if multipliers == "own" else national
    return m @ ((1 - mu) * local) + m_star @ (mu * local) + m_star @ Am @ Ld @ ((1 - mu) * local)


@pytest.mark.parametrize("key,year", [("guangdong", 2017), ("hunan", 2012), ("sichuan", 2007), ("beijing", 2017),
                                      ("shandong", 2012)])
def test_footprint_equals_an_independent_computation(key, year):
    table = _table(key, year)
    p = prepare(table, "ceads", aggregate="s11")
    e = p.e.to_numpy()
    for mult in ("own", "total"):
        acc = provincial_accounts(p.system, p.e, unit="Mt CO2", multipliers=mult)
        v = acc.summary["value"]
        assert v["footprint"] == pytest.approx(_independent(table, e, mult), rel=1e-10), (key, year, mult)
        imported = v["footprint_imported_final"] + v["footprint_imported_inputs"]
        out = sum(v.get(k, 0.0) for k in ("exports", "outflows", "exports_outflows"))
        assert v["production"] - v["footprint"] == pytest.approx(out + v["discrepancy"] - imported, rel=1e-9)
        assert (acc.summary["multipliers"] == mult).all()
    nsys, nat = national_counterpart(year, aggregate_s11=True)
    ne, _ = satellite_for(read_satellite(f"ceads/china/{year}"), S11, nat)
    from carbon_core.io.iosystem import IOSystem

    m_nat = IOSystem(nsys.Z, nsys.x).multipliers(ne).to_numpy()
    acc = provincial_accounts(p.system, p.e, multipliers="national", national=(nsys, ne))
    assert acc.summary.loc["footprint", "value"] == pytest.approx(_independent(table, e, "national", m_nat), rel=1e-10)


def test_footprint_is_not_the_eebt_balance_and_large_ratios_are_flagged():
    p = prepare(_table("guangdong", 2017), "ceads", aggregate="s11")
    from carbon_core.io.regional_accounts import _sanity

    acc = provincial_accounts(p.system, p.e, unit="Mt CO2")
    v = acc.summary["value"]
    # EEBT counts imports that are worked up and sent on; the footprint does not
    assert v["eebt_balance"] > v["footprint"] * 1.4
    assert 0.5 * v["production"] < v["footprint"] < 2 * v["production"]
    notes: list = []
    _sanity({"production": 100.0, "footprint": 250.0, "footprint_imported_final": 100.0,
             "footprint_imported_inputs": 80.0, "footprint_local": 70.0, "discrepancy": 0.0}, "Mt", notes)
    assert notes and "2.5× production" in notes[0] and "imports and inflows for local final demand" in notes[0]
    notes = []
    _sanity({"production": 100.0, "footprint": 30.0, "footprint_imported_final": 5.0,
             "footprint_imported_inputs": 5.0, "footprint_local": 20.0, "discrepancy": 0.0}, "Mt", notes)
    assert notes and "exports and outflows" in notes[0]


def test_accounts_are_the_same_in_python_on_the_command_line_and_in_excel(capsys):
    from addin.carbon_udfs import CARBON_ACCOUNTS

    p = prepare(_table("hunan", 2017), "ceads", aggregate="s11")
    for mult in ("own", "total", "national"):
        national = None
        if mult == "national":
            nsys, nat = national_counterpart(2017, aggregate_s11=True)
            national = (nsys, satellite_for(read_satellite("ceads/china/2017"), S11, nat)[0])
        core = provincial_accounts(p.system, p.e, unit="Mt CO2", multipliers=mult, national=national).summary
        assert main(["accounts", "--province", "湖南省", "--year", "2017", "--aggregate", "S11", "--satellite", "ceads",
                     "--multipliers", mult, "--format", "csv"]) == 0
        out, err = capsys.readouterr()
        cli = pd.read_csv(io.StringIO(out), index_col=0)
        np.testing.assert_allclose(cli["value"].to_numpy(), core["value"].to_numpy(), rtol=1e-12)
        assert (cli["multipliers"] == mult).all()
        cells = CARBON_ACCOUNTS("Hunan", 2017, "ceads", mult)
        assert cells[0][:4] == ["item", "value", "unit", "multipliers"]
        excel = {r[0]: r[1] for r in cells[1:]}
        np.testing.assert_allclose([excel[k] for k in core.index], core["value"].to_numpy(), rtol=1e-12)
    products = CARBON_ACCOUNTS("hunan", 2017, "ceads", None, None, None, "products")
    assert "footprint" in products[0] and "production" not in products[0]
    sectors = CARBON_ACCOUNTS("hunan", 2017, "ceads", None, None, None, "sectors")
    assert "production" in sectors[0] and "footprint" not in sectors[0]


# ---------------------------------------------------------------------- regions
@pytest.mark.parametrize("name,key", [("广东", "guangdong"), ("广东省", "guangdong"), ("GuangDong", "guangdong"),
                                      ("guangdong province", "guangdong"), ("内蒙古自治区", "neimenggu"),
                                      ("Inner Mongolia", "neimenggu"), ("neimenggu", "neimenggu"),
                                      ("广西壮族自治区", "guangxi"), ("Tibet", "xizang"), ("西藏自治区", "xizang"),
                                      ("北京市", "beijing"), ("shaanxi", "shaanxi"), ("Shanxi", "shanxi"),
                                      ("新疆维吾尔自治区", "xinjiang"), ("全国", "china")])
def test_one_region_resolver(name, key):
    assert resolve_region(name).key == key


def test_region_typos_get_did_you_mean_everywhere(capsys):
    with pytest.raises(InputError, match=r"unknown region 'guangdon'\. Did you mean 广东 \(guangdong\)"):
        resolve_region("guangdon")
    assert find_region("Atlantis") is None
    assert main(["hem", "--province", "guangdon", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads"]) == 1
    assert "Did you mean 广东 (guangdong)" in capsys.readouterr().err
    from addin.carbon_udfs import CARBON_ACCOUNTS, CARBON_ELECTRICITY, CARBON_IOTABLE

    assert "Did you mean" in CARBON_ACCOUNTS("guangdon", 2017, "ceads")[0][0]
    # the names that open an IO table also find grid factors and CEADs
    for name in ("广东省", "guangdong", "GuangDong"):
        assert not str(CARBON_IOTABLE(name, 2017, "x")[0][0]).startswith("Error")
        assert isinstance(CARBON_ELECTRICITY(1000.0, "kWh", 2022, name), float), name
    assert read_satellite("ceads/广东省/2017").region == "guangdong"
    assert read_satellite("ceads/Inner Mongolia/2017").region == "neimenggu"


@needs_shared
def test_official_files_find_their_ceads_inventory(capsys):
    f2012 = next((SHARED / "2012").glob("*广东*.xls"))
    f2017 = next((SHARED / "2017").glob("*广东*.xls"))
    assert main(["sda", "--from", str(f2012), "--to", str(f2017), "--aggregate", "s11", "--satellite", "ceads",
                 "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    frame = pd.read_csv(io.StringIO(out), index_col=0)
    assert frame.loc["total", "value"] == pytest.approx(515.58 - 482.56, abs=0.01)
    from addin.carbon_udfs import CARBON_SDA

    cells = CARBON_SDA("广东", str(f2012), str(f2017))
    assert not str(cells[0][0]).startswith("Error"), cells[0][0]
    excel = {r[0]: r[1] for r in cells[1:]}
    assert excel["total"] == pytest.approx(frame.loc["total", "value"], rel=1e-12)
    assert main(["hem", "--table", str(f2017), "--aggregate", "s11", "--satellite", "ceads", "--format", "csv"]) == 0


def test_year_mismatch_is_an_error_unless_allowed():
    table = _table("guangdong", 2012)
    with pytest.raises(InputError, match="satellite is of 2017 but the table of 2012"):
        prepare(table, "seed000", aggregate="s11")
    p = prepare(table, "seed000", aggregate="s11", allow_year_mismatch=True)
    assert any("allowed explicitly" in n for n in p.notes)
    from addin.carbon_udfs import CARBON_ACCOUNTS

    assert "satellite is of 2017 but the table of 2012" in CARBON_ACCOUNTS("广东", 2012, "seed000")[0][0]
    allowed = CARBON_ACCOUNTS("广东", 2012, "seed000", None, None, None, None, True)
    assert allowed[0][0] == "item"


def test_aggregation_names_in_any_case(capsys):
    assert main(["hem", "--province", "guangdong", "--year", "2017", "--aggregate", "S11", "--satellite", "ceads",
                 "--format", "csv"]) == 0
    a = capsys.readouterr().out
    assert main(["hem", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads",
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out == a
    with pytest.raises(CarbonError, match="Did you mean 'cp41'"):
        prepare(_table("guangdong", 2017), "ceads", aggregate="cp14")


def test_sector_codes_in_any_case():
    from carbon_core.io.hem import extraction_table

    p = prepare(_table("guangdong", 2017), "ceads", aggregate="s11")
    upper = extraction_table(p.system.Z, p.system.x, p.e, groups={"heavy": ["S5", "S7"]})
    lower = extraction_table(p.system.Z, p.system.x, p.e, groups={"heavy": ["s5", "s7"]})
    pd.testing.assert_frame_equal(upper, lower)
    e = p.e.copy()
    e.index = [i.lower() for i in e.index]
    assert prepare(_table("guangdong", 2017), e, aggregate="s11").e.equals(p.e)
