"""Cells a spreadsheet would run as formulas, and codes a terminal would obey, are neutralised."""

import pytest

from directory.export import csv_cell, plain, printable


@pytest.mark.parametrize("value, cell", [
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'=1+1"),
    ("\r=1+1", "'=1+1"),
    ("\x00=1+1", "'=1+1"),  # a control character hiding a formula
    ("\u202e=1+1", "'=1+1"),
    ("safe \x00text\u202e with \x1b[31mcodes", "safe text with [31mcodes"),
    ("a = b", "a = b"),
    ("gefunden – ok", "gefunden – ok"),
    ("نہیں ملا", "نہیں ملا"),
    (7, 7),
])
def test_csv_cells(value, cell):
    assert csv_cell(value) == cell


def test_joiners_that_scripts_need_are_kept():
    assert plain("می\u200cخواهم") == "می\u200cخواهم"


def test_terminal_text_shows_escapes_instead_of_obeying_them():
    assert printable("red \x1b[31m\u202eevil\x07") == "red \\x1b[31m\\u202eevil\\x07"
    assert printable("نہیں ملا") == "نہیں ملا"
