"""The command line: main job, hem with every input route and output format, and errors."""

import zipfile
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook

from carbon_cli.main import main
from carbon_core.io.hem import MEASURES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_reproduces_seed000_and_writes_xlsx(capsys, tmp_path):
    code, out, err = run(capsys, "demo", "--output-dir", str(tmp_path))
    assert code == 0, err
    for s in ("S1 农林牧渔业", "S11 其他服务业", "Table 2", "Table 3", "VIC published", "内部特征分解",
              "CEADs Guangdong 2017 CO2", "广东省统计局《2017年广东省投入产出表》"):
        assert s in out
    line = out.split("Largest deviation from the published tables (10^4 tce): ")[1]
    dev3 = float(line.split("Table 3 ")[1].split(",")[0])
    dev2 = float(line.split("Table 2 ")[1].split()[0])
    assert dev3 <= 0.005 + 1e-9  # every printed value of Table 3 to its last digit
    assert dev2 <= 0.01  # NT = DC - VIC: two roundings
    assert "VIC turns negative for: S2" in out  # what the adjustment prevents
    wb = load_workbook(tmp_path / "demo_guangdong_2017_seed000.xlsx")
    assert wb.sheetnames[:3] == ["About", "Table 2", "Table 3"]
    ws = wb["Table 3"]
    assert ws.cell(4, 1).value == "S1 农林牧渔业"
    assert ws.cell(3, 2).value == "VIC" and ws.cell(3, 3).value == "VIC published"
    with zipfile.ZipFile(tmp_path / "demo_guangdong_2017_seed000.xlsx") as zf:  # Table 2 comes with its chart
        chart = zf.read("xl/charts/chart1.xml").decode()
    assert "'Table 2'!$B$4:$B$14" in chart and "'Table 2'!$D$4:$D$14" in chart


def test_hem_package_csv_output(capsys, tmp_path):
    out_file = tmp_path / "hem.csv"
    code, _, err = run(capsys, "hem", "--table", "china-io-42/io_2017", "--satellite", "ceads-co2-2017/china",
                       "--aggregate", "s11", "--format", "csv", "--output", str(out_file))
    assert code == 0, err
    frame = pd.read_csv(out_file, index_col=0)
    assert frame.index.name == "sector" and list(frame.columns) == MEASURES
    assert list(frame.index) == [f"S{i}" for i in range(1, 12)]
    assert frame["DC"].sum() == pytest.approx(frame["VIC"].sum(), rel=1e-12)


def test_hem_groups_from_package(capsys):
    code, out, err = run(capsys, "hem", "--satellite", "ceads-co2-2017/china", "--aggregate", "s11",
                         "--group", "heavy=S5,S7", "--group", "S9", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(__import__("io").StringIO(out), index_col=0)
    assert list(frame.index) == ["heavy", "S9"] and frame.index.name == "group"


def test_hem_plain_csv_files_and_xlsx(capsys, tmp_path):
    labels = ["Agriculture", "Manufacturing"]
    pd.DataFrame([[150, 500], [200, 100]], index=labels, columns=labels).to_csv(tmp_path / "Z.csv")
    pd.Series([1000, 2000], index=labels, name="x").to_csv(tmp_path / "x.csv")
    pd.Series([100, 300], index=labels, name="CO2").to_csv(tmp_path / "e.csv")
    args = ["hem", "--Z", str(tmp_path / "Z.csv"), "--x", str(tmp_path / "x.csv"), "--e", str(tmp_path / "e.csv"),
            "--e-unit", "kt CO2"]
    code, out, err = run(capsys, *args, "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(__import__("io").StringIO(out), index_col=0)
    assert frame.loc["Agriculture", "IE"] == pytest.approx(41.1764705882353, rel=1e-9)
    code, out, err = run(capsys, *args, "--output", str(tmp_path / "r.xlsx"))
    assert code == 0, err
    assert load_workbook(tmp_path / "r.xlsx")["HEM"].cell(3, 2).value == "IE"
    code, out, err = run(capsys, *args)
    assert code == 0 and "Agriculture" in out and "kt CO2" in out


def test_hem_plain_csv_with_concordance(capsys, tmp_path):
    labels = ["a", "b", "c"]
    pd.DataFrame([[1, 2, 3], [4, 5, 6], [7, 8, 9]], index=labels, columns=labels).to_csv(tmp_path / "Z.csv")
    pd.Series([100, 200, 300], index=labels, name="x").to_csv(tmp_path / "x.csv")
    pd.Series([1, 2, 3], index=labels, name="e").to_csv(tmp_path / "e.csv")
    pd.Series(["P", "Q", "P"], index=labels, name="target").to_csv(tmp_path / "map.csv")
    code, out, err = run(capsys, "hem", "--Z", str(tmp_path / "Z.csv"), "--x", str(tmp_path / "x.csv"),
                         "--e", str(tmp_path / "e.csv"), "--concordance", str(tmp_path / "map.csv"), "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(__import__("io").StringIO(out), index_col=0)
    assert list(frame.index) == ["P", "Q"] and frame.loc["P", "DC"] == pytest.approx(4.0)


def test_ceads_at_42_products_states_each_split(capsys):
    code, out, err = run(capsys, "hem", "--satellite", "ceads-co2-2017/china", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(__import__("io").StringIO(out), index_col=0, dtype={0: str})
    assert list(frame.index) == [f"{i:02d}" for i in range(1, 43)]
    assert "CEADs line 45 (Others) split over 31, 32" in err and "by energy purchases" in err
    assert "households' direct emissions" in err
    # the split keeps the total: products sum to the 45 industry lines
    from carbon_core.resolve.satellites import ceads_lines
    lines = ceads_lines("china", 2017)["scope_1_total"]
    assert frame["DC"].sum() == pytest.approx(lines.iloc[:45].sum(), rel=1e-12)


@pytest.mark.parametrize("argv,message", [
    (["hem", "--table", "china-provincial-io-42/hunan_2007", "--domestic", "imports+inflows",
      "--satellite", "ceads/hunan/2007"], "2017 and 2012 classifications only"),
    (["hem", "--satellite", "ceads-co2-2017/china", "--aggregate", "s11", "--group", "G=S5,S99"], "unknown sectors S99"),
    (["hem", "--Z", "missing.csv", "--x", "x.csv", "--e", "e.csv"], "Z file 'missing.csv' does not exist"),
    (["hem", "--table", "china-io-42/io_1999", "--e", "e.csv"], "has no resource 'io_1999'"),
    (["hem", "--satellite", "ceads-co2-2017/china", "--aggregate", "s11", "--format", "xlsx"], "needs --output"),
])
def test_cli_errors_are_one_line_on_stderr(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert err.startswith("carbon: error: ") and message in err
    assert "Traceback" not in err


def test_ceads_reaches_the_42_products_of_2012(capsys):
    """CEADs lines name 2017 products; the common products of 2012 and 2017 carry them to 2012's codes."""
    import io as _io

    from carbon_core.resolve.satellites import ceads_to_s11, read_satellite

    code, out, err = run(capsys, "hem", "--province", "hunan", "--year", "2012", "--domestic", "imports+inflows",
                         "--satellite", "ceads/hunan/2012", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out), index_col=0, dtype={0: str})
    assert len(frame) == 42 and "CEADs line 37 (Other Manufacturing Industry) split over 22, 23, 24" in err
    by_s11, _ = ceads_to_s11(read_satellite("ceads/hunan/2012").values)
    assert frame["DC"].sum() == pytest.approx(by_s11.sum(), rel=1e-9)


def test_cli_bad_matrix_file(capsys, tmp_path):
    labels = ["a", "b"]
    pd.DataFrame([[1, -2], [3, 4]], index=labels, columns=labels).to_csv(tmp_path / "Z.csv")
    pd.Series([10, 20], index=labels, name="x").to_csv(tmp_path / "x.csv")
    pd.Series([1, 1], index=labels, name="e").to_csv(tmp_path / "e.csv")
    argv = ["hem", "--Z", str(tmp_path / "Z.csv"), "--x", str(tmp_path / "x.csv"), "--e", str(tmp_path / "e.csv")]
    code, _, err = run(capsys, *argv)
    assert code == 1 and "negative flow" in err and "--allow-negative" in err
    code, _, err = run(capsys, *argv, "--allow-negative")
    assert code == 0


def test_console_script_exit_status_and_stderr(tmp_path):
    """Run as a real process: non-zero exit, message on stderr, nothing on stdout."""
    proc = subprocess.run([sys.executable, "-m", "carbon_cli.main", "hem", "--province", "hunan", "--year", "2007",
                           "--domestic", "imports+inflows", "--satellite", "ceads/hunan/2007"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.strip().startswith("carbon: error:") and "Traceback" not in proc.stderr


def test_accounts_command_own_national_and_2007_layout(capsys, tmp_path):
    import io as _io
    code, out, err = run(capsys, "accounts", "--province", "hunan", "--year", "2012", "--aggregate", "s11",
                         "--satellite", "ceads/hunan/2012", "--format", "csv")
    assert code == 0, err
    own = pd.read_csv(_io.StringIO(out), index_col=0)["value"]
    assert own["production"] == pytest.approx(own[["local_consumption", "local_capital", "exports", "outflows",
                                                   "discrepancy"]].sum(), rel=1e-9)
    code, out, err = run(capsys, "accounts", "--province", "hunan", "--year", "2012", "--aggregate", "s11",
                         "--satellite", "ceads/hunan/2012", "--multipliers", "national", "--format", "csv")
    assert code == 0, err
    nat = pd.read_csv(_io.StringIO(out), index_col=0)["value"]
    assert nat["production"] == pytest.approx(own["production"]) and nat["inflows"] != pytest.approx(own["inflows"])
    code, out, err = run(capsys, "accounts", "--province", "hunan", "--year", "2007", "--aggregate", "s11",
                         "--satellite", "ceads/hunan/2007", "--format", "csv")
    assert code == 0, err
    assert "exports_outflows" in out and "imports_inflows" in out
    code, _, err = run(capsys, "accounts", "--province", "guangdong", "--year", "2017", "--aggregate", "s11",
                       "--satellite", "seed000", "--multipliers", "national")
    assert code == 1 and "national satellite" in err
    code, _, err = run(capsys, "accounts", "--province", "hunan", "--year", "2012", "--domestic", "imports",
                       "--satellite", "ceads/hunan/2012")
    assert code == 1 and "imports+inflows" in err


def test_hem_removes_imports_and_inflows_by_default_and_says_so(capsys):
    """One default everywhere (issue 20): imports and inflows removed; keeping them is asked for and stated first."""
    base = ("hem", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads/guangdong/2017",
            "--format", "csv")
    code, default_out, err = run(capsys, *base)
    assert code == 0
    assert err.splitlines()[0].startswith("carbon: note: domestic adjustment: imports and inflows removed")
    frame = pd.read_csv(__import__("io").StringIO(default_out), index_col=0)
    assert list(frame.columns) == MEASURES and (frame["VIC"] > 0).all()
    code, explicit, _ = run(capsys, *base, "--domestic", "imports+inflows")
    assert explicit == default_out
    code, kept, err = run(capsys, *base, "--domestic", "none")
    assert code == 0 and err.splitlines()[0].startswith("carbon: note: domestic adjustment: imports and inflows kept")
    assert "imported inputs count as local production" in err
    assert (pd.read_csv(__import__("io").StringIO(kept), index_col=0)["VIC"] < 0).any()


HEAVY = ("numpy", "pandas", "scipy", "statsmodels", "frictionless", "pint")


def _loaded_after(code: str) -> list[str]:
    probe = (f"import sys\n{code}\n"
             f"print('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith("loaded:"), out.stdout[-500:]
    return [m for m in last[len("loaded:"):].split(",") if m]


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["hem", "--help"], ["factors", "--help"], []])
def test_version_and_help_import_no_numerical_library(argv):
    """`carbon --version` and `--help` answer without numpy, pandas or scipy (fast start, issue 12)."""
    code = ("from carbon_cli.main import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass")
    assert _loaded_after(code) == []


def test_a_command_still_imports_what_it_needs():
    assert "pandas" in _loaded_after("from carbon_cli.main import main\n"
                                     "main(['factors', 'get', 'gwp', 'CH4', '--report', 'AR6'])")


def test_addin_import_defers_scipy_statsmodels_pint_and_frictionless():
    assert set(_loaded_after("import addin.carbon_udfs")) <= {"numpy", "pandas"}


def test_every_command_and_option_has_help_text():
    import argparse

    from carbon_cli.parsers import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in sub._choices_actions}
    for name, command in sub.choices.items():
        assert helps.get(name), f"carbon {name} has no help"
        for action in command._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help, f"carbon {name} {action.option_strings or action.dest} has no help"


def test_build_workbooks_help_lists_every_workbook(capsys):
    from addin.workbooks import BUILDERS
    from carbon_cli.parsers import WORKBOOKS

    assert tuple(BUILDERS) == WORKBOOKS
    with pytest.raises(SystemExit):
        main(["build-workbooks", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert all(name in out for name in WORKBOOKS)


def test_misspelt_package_or_resource_gets_the_closest_names_not_a_dump(capsys):
    code = main(["hem", "--table", "china-provincal-io-42/guangdong_2017", "--satellite", "ceads"])
    err = capsys.readouterr().err
    assert code == 1 and "Did you mean china-provincial-io-42" in err and "ceads-co2-2017" not in err
    code = main(["hem", "--table", "china-provincial-io-42/guangdong_2071", "--satellite", "ceads"])
    err = capsys.readouterr().err
    assert code == 1 and "Did you mean guangdong_2017" in err and "hunan_2012" not in err


def test_a_csv_without_its_header_row_is_refused_saying_so(tmp_path, capsys):
    cases = {
        "inventory": ("2022,combustion,天然气,1000,m3\n2022,combustion,柴油,10,t\n",
                      ["inventory", "{f}", "--grid-year", "2022"], "period,category,activity,quantity,unit"),
        "stirpat": ("2020,100,5\n2021,110,6\n2022,120,7\n", ["stirpat", "{f}", "--response", "100", "--drivers", "5"],
                    "one name per column"),
        "e": ("S1,1\nS2,2\n", ["hem", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--e", "{f}"],
              "sector,value"),
        "concordance": ("01,S1\n02,S2\n", ["hem", "--province", "guangdong", "--year", "2017", "--concordance", "{f}",
                                          "--satellite", "ceads"], "source,target"),
    }
    for name, (text, argv, header) in cases.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        code = main([a.replace("{f}", str(path)) for a in argv])
        out, err = capsys.readouterr()
        assert code == 1 and not out and "has no header row" in err and header in err, (name, err)


def test_no_minus_zero_in_tables():
    from carbon_cli.tables import format_number

    assert format_number(-1e-9, 2) == "0.00" and format_number(-0.0, 0) == "0"
    # small values keep three significant digits (issue 26); only what rounds to 0 at six decimals is 0
    assert format_number(-4e-7, 2) == "0.00" and format_number(-0.005001, 2) == "-0.00500"
    assert format_number(-1234.5, 1) == "-1,234.5"


def test_numbers_keep_significant_digits():
    from carbon_cli.tables import format_number

    assert format_number(0.581, 2) == "0.581" and format_number(0.04123, 2) == "0.0412"
    assert format_number(544.67, 2) == "544.67" and format_number(12345.678, 2) == "12,345.68"
    assert format_number(2017, 2) == "2017" and format_number(-0.0003456, 2) == "-0.000346"
    assert format_number(3e-8, 2) == "0.00"
