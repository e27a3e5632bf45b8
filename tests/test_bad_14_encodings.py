"""Class 14: CSV files from Chinese Excel (GB18030/GBK) and UTF-8 with BOM are read; others are refused clearly."""

import pytest

from conftest import one_error_line

ACTIVITY = "period,category,activity,quantity,unit\n2023,燃烧,柴油,10,吨\n2023,外购电力,电力,100,兆瓦时\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_inventory_file_in_each_encoding(cli, tmp_path, encoding):
    f = tmp_path / "a.csv"
    f.write_bytes(ACTIVITY.encode(encoding))
    code, out, err = cli("inventory", f, "--grid-year", "2022", "--format", "csv")
    assert code == 0, err
    assert "柴油" in out and "electricity" in out


def test_same_result_whatever_the_encoding(cli, tmp_path):
    outs = []
    for enc in ("utf-8", "gb18030"):
        f = tmp_path / f"{enc}.csv"
        f.write_bytes(ACTIVITY.encode(enc))
        outs.append(cli("inventory", f, "--grid-year", "2022", "--format", "csv")[1])
    assert outs[0] == outs[1]


def test_io_csv_in_gbk(cli, tmp_path):
    (tmp_path / "Z.csv").write_bytes("部门,农业,工业\n农业,150,500\n工业,200,100\n".encode("gbk"))
    (tmp_path / "x.csv").write_bytes("部门,x\n农业,1000\n工业,2000\n".encode("gbk"))
    (tmp_path / "e.csv").write_bytes("部门,e\n农业,10\n工业,20\n".encode("utf-8-sig"))
    code, out, err = cli("hem", "--Z", tmp_path / "Z.csv", "--x", tmp_path / "x.csv", "--e", tmp_path / "e.csv")
    assert code == 0, err and "农业" in out


@pytest.mark.parametrize("data,message", [
    (ACTIVITY.encode("utf-16"), "UTF-16"),
    (b"PK\x03\x04\x00\x00binary", "not a text file"),
    (b"\xff\xff\xff\x80\x81\xfe", "neither UTF-8 nor GB18030"),
])
def test_other_encodings_are_refused(cli, tmp_path, data, message):
    f = tmp_path / "a.csv"
    f.write_bytes(data)
    code, _, err = cli("inventory", f)
    assert code == 1 and one_error_line(err) and message in err
