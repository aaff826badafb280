"""Item 11: a data row with a field too many, a file that is not UTF-8, and other broken CSV files."""

import pytest

from filmkit.model.data import DataError, load

from .conftest import replace_in


def test_item11_extra_field_names_the_row_not_a_wrong_column(data_copy):
    f = data_copy / "roles.csv"
    replace_in(f, "previs_artist,Previs artist,0.8,1.0,1.2,assumption,", "previs_artist,Previs artist,0.8,1.0,1.2,x,assumption,")
    with pytest.raises(DataError, match=r"data/roles.csv, row 2 \(line 3\) has more fields than the header \(8 against 7\)"):
        load("roles")


def test_extra_field_in_the_first_row_is_not_shifted_into_an_index(data_copy):
    f = data_copy / "production_tiers.csv"
    replace_in(f, "small_independent,", "small_independent,extra,")
    with pytest.raises(DataError, match=r"row 1 \(line 2\) has more fields than the header"):
        load("production_tiers")


def test_missing_field_names_the_row(data_copy):
    f = data_copy / "roles.csv"
    replace_in(f, "compositor,Compositor,0.7,0.9,1.1,", "compositor,Compositor,0.7,0.9,")
    with pytest.raises(DataError, match=r"data/roles.csv, row \d+ \(line \d+\) has fewer fields than the header"):
        load("roles")


def test_item11_cp1252_file_names_the_line_and_says_save_as_csv_utf8(data_copy):
    f = data_copy / "roles.csv"
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if "Modelling" in line)
    lines[i] = lines[i].replace("Modelling", "Modélling")  # é as one cp1252 byte, as Excel saves "CSV"
    f.write_bytes("".join(lines).encode("cp1252"))
    with pytest.raises(DataError, match=rf'data/roles.csv, line {i + 1}: the file is not UTF-8 .* save it as "CSV UTF-8"'):
        load("roles")


def test_excel_utf8_byte_order_mark_is_accepted(data_copy):
    f = data_copy / "roles.csv"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    assert list(load("roles").columns)[0] == "role"


def test_empty_file_is_named(data_copy):
    (data_copy / "roles.csv").write_text("")
    with pytest.raises(DataError, match=r"data/roles.csv is empty"):
        load("roles")


def test_duplicate_header_is_named(data_copy):
    f = data_copy / "roles.csv"
    replace_in(f, "role,label,", "role,role,")
    with pytest.raises(DataError, match=r"column\(s\) 'role' appear more than once"):
        load("roles")


def test_unterminated_quote_is_named(data_copy):
    f = data_copy / "roles.csv"
    f.write_text(f.read_text() + 'extra,"unclosed,0.8,1,1.2,assumption,x\n')
    with pytest.raises(DataError, match=r"data/roles.csv"):
        load("roles")


def test_blank_lines_are_skipped(data_copy):
    f = data_copy / "roles.csv"
    f.write_text(f.read_text() + "\n\n")
    assert len(load("roles")) == 7
