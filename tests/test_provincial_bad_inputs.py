"""Bad input to the provincial entry points: one clear error naming the problem, no traceback, no number."""

from __future__ import annotations

import pandas as pd
import pytest

from addin import carbon_udfs as U
from carbon_cli.main import main
from carbon_core.resolve.tables import provincial_table_spec, read_table_spec, region_key
from carbon_core.errors import CarbonError, InputError
from carbon_core.io.domestic import domestic_from_arrays, domestic_system
from carbon_core.resolve.satellites import read_satellite, satellite_for

GD = ["--province", "guangdong", "--year", "2017"]


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "t.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    pd.Series([1.0, 2.0], index=["S1", "S2"], name="e").to_csv(tmp_path / "e_short.csv")
    return tmp_path


CASES = [
    (["hem", "--table", "{d}/none.xls", "--e", "{d}/e_short.csv"], "does not exist"),
    (["hem", "--table", "{d}/t.csv", "--e", "{d}/e_short.csv"], "not an Excel workbook"),
    (["hem", "--province", "guangdong", "--satellite", "seed000"], "--province and --year go together"),
    (["hem", "--province", "火星", "--year", "2017", "--satellite", "seed000"], "unknown region '火星'"),
    (["hem", *GD[:2], "--year", "1999", "--satellite", "seed000"], "no guangdong table for 1999"),
    (["hem", "--table", "china-io-42/io_2017", *GD, "--satellite", "seed000"], "--table or --province/--year"),
    (["hem", "--Z", "{d}/t.csv", "--x", "{d}/t.csv", "--e", "{d}/t.csv", "--domestic", "imports"],
     "--domestic needs a full table"),
    (["hem", "--province", "hunan", "--year", "2007", "--domestic", "imports", "--aggregate", "s11",
      "--satellite", "ceads/hunan/2007"], "imports cannot be removed on their own"),
    (["hem", "--province", "hunan", "--year", "2002", "--domestic", "imports+inflows", "--aggregate", "s11",
      "--satellite", "ceads/hunan/2002"], "net outflow"),
    (["hem", *GD, "--satellite", "mars/1"], "unknown satellite 'mars/1'"),
    (["hem", "--province", "xizang", "--year", "2017", "--domestic", "imports+inflows", "--aggregate", "s11",
      "--satellite", "ceads/xizang"], "no inventory for Tibet"),
    (["hem", *GD, "--domestic", "imports+inflows", "--aggregate", "s11", "--satellite", "ceads/guangdong/1990"],
     "covers 1997-2019"),
    (["hem", *GD, "--domestic", "imports+inflows", "--aggregate", "s11", "--satellite", "ceads/guangdong/20x7"],
     "'20x7' is not a year"),
    (["hem", *GD, "--domestic", "imports+inflows", "--aggregate", "s11", "--e", "{d}/e_short.csv"],
     "the labels of --e match neither"),
    (["hem", *GD, "--domestic", "imports+inflows", "--satellite", "seed000"], "aggregate the table with --aggregate s11"),
    (["hem", *GD, "--aggregate", "s12", "--satellite", "seed000"], "unknown aggregation 's12'. Did you mean 's11'"),
    (["hem", *GD, "--aggregate", "s11", "--satellite", "seed000", "--unit", "亿元"], "contradicts"),
    # another province's emissions through this province's table: refused, not computed
    (["hem", "--province", "hunan", "--year", "2012", "--domestic", "imports+inflows", "--aggregate", "s11",
      "--satellite", "seed000"], "is for guangdong, but the table is hunan's"),
    (["accounts", "--province", "hunan", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads/guangdong/2017"],
     "is for guangdong, but the table is hunan's"),
    (["accounts", *GD, "--aggregate", "s11", "--satellite", "ceads/guangdong", "--multipliers", "national",
      "--national-satellite", "ceads/guangdong/2017"], "is for guangdong, but the table is china's"),
    (["accounts", "--province", "guangdong", "--year", "2002", "--aggregate", "s11", "--satellite", "ceads/guangdong"],
     "net outflow"),
    (["accounts", *GD, "--aggregate", "s11", "--satellite", "seed000", "--format", "xlsx"], "needs --output"),
]


@pytest.mark.parametrize("argv,message", CASES, ids=[m for _, m in CASES])
def test_cli_refuses_with_one_line(capsys, files, argv, message):
    code = main([a.replace("{d}", str(files)) for a in argv])
    out, err = capsys.readouterr()
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("carbon: error: ")]
    assert len(errors) == 1 and message in errors[0], err
    assert "Traceback" not in err and out == ""


def test_satellite_year_differs_is_refused_unless_allowed(capsys):
    args = ["hem", *GD, "--aggregate", "s11", "--satellite", "ceads/guangdong/2015", "--format", "csv"]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 1 and not out
    assert "the satellite is of 2015 but the table of 2017" in err and "--allow-year-mismatch" in err
    code = main([*args, "--allow-year-mismatch"])
    out, err = capsys.readouterr()
    assert code == 0 and "the satellite is of 2015, the table of 2017" in err and "allowed explicitly" in err


def test_region_names_resolve_or_are_refused():
    assert [region_key(r) for r in ("广东省", "Guangdong", "guangdong", "内蒙古自治区", "Inner Mongolia", "Tibet")] == \
        ["guangdong", "guangdong", "guangdong", "neimenggu", "neimenggu", "xizang"]
    assert region_key("Atlantis") is None
    with pytest.raises(CarbonError, match="is not a year"):
        provincial_table_spec("广东", "soon")


def test_core_satellite_checks():
    t = read_table_spec("china-provincial-io-42/hunan_2017")
    d = domestic_system(t, "imports+inflows")
    with pytest.raises(InputError, match="for guangdong, but the table is hunan's"):
        satellite_for(read_satellite("ceads/guangdong/2017"), list(d.Z.index), t)
    for spec, message in (("", "empty satellite spec"), ("ceads", "name the region"),
                          ("ceads/hunan", "needs a year")):
        with pytest.raises(InputError, match=message):
            read_satellite(spec)


def test_domestic_from_arrays_refusals():
    Z = [[150.0, 500.0], [200.0, 100.0]]
    with pytest.raises(InputError, match="needs the inflows column"):
        domestic_from_arrays(Z, [1000, 2000], [350, 1700], [100, 0], remove="imports+inflows")
    with pytest.raises(InputError, match="outside \\[0, 1\\]"):  # imports larger than all use
        domestic_from_arrays(Z, [1000, 2000], [350, 1700], [5000, 0])
    with pytest.raises(InputError):
        domestic_from_arrays(Z, [1000, 2000], [350], [100, 0])


@pytest.mark.parametrize("call,message", [
    (lambda: U.CARBON_IOTABLE("广东", 1999), "no guangdong table for 1999"),
    (lambda: U.CARBON_IOTABLE("广东", 2017, "Z", "s42"), "aggregate must be"),
    (lambda: U.CARBON_IOTABLE("广东", 2017, "names", "s11"), "leave aggregate empty"),
    (lambda: U.CARBON_DOMESTIC(((None, "A", "B"), ("A", 1.0, 2.0), ("B", 3.0, 4.0)), (("A", 10.0), ("B", 20.0)),
                               (("A", 5.0), ("B", "many")), (("A", 1.0), ("B", 0.0))), "many"),
    (lambda: U.CARBON_DOMESTIC(((None, "A", "B"), ("A", 1.0, 2.0), ("B", 3.0, 4.0)), (("A", 10.0), ("B", 20.0)),
                               (("A", 5.0), ("B", 15.0)), (("A", 1.0), ("B", 0.0)), None, "L"), "what must be"),
    (lambda: U.CARBON_ACCOUNTS("广东", 2017, "wind"), "satellite must be"),
    (lambda: U.CARBON_ACCOUNTS("广东", 2017, (("S1", 1.0), ("S2", 2.0))), "match neither the table's sectors nor its products: missing ['S3'"),
    (lambda: U.CARBON_ACCOUNTS("广东", 2017, "seed000", "national"), "available with the CEADs satellite"),
    (lambda: U.CARBON_ACCOUNTS("广东", 2017, "ceads", "regional"), "multipliers must be"),
    (lambda: U.CARBON_ACCOUNTS("湖南", 2017, "seed000"), "is for guangdong, but the table is hunan's"),
])
def test_worksheet_functions_refuse_in_the_cell(call, message):
    result = call()
    text = result[0][0] if isinstance(result, list) else result
    assert isinstance(text, str) and text.startswith("Error: ") and message in text, text
    assert "\n" not in text and "Traceback" not in text
