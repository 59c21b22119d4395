"""CSV hygiene a contributor can get wrong in an editor or a spreadsheet.

Whole-file scans come first (cheap, C speed); cells are searched only when a
scan finds something, so a clean package pays almost nothing.
"""
from __future__ import annotations

import re
import unicodedata

from ..problems import Problem, shorten
from ..tables import BOM, Table, line_of_offset

FORMULA_START = r"^[=+\-@\t\r]"
CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 and C1 controls; LF ends lines, CR is the line-ending rule's
INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
TEXT_TYPES = {"string", "any"}


def check(table: Table) -> list[Problem]:
    problems = bytes_rules(table)
    if table.frame is not None:
        problems += header(table) + blank_rows(table) + cell_rules(table)
    return problems


def bytes_rules(table: Table) -> list[Problem]:
    raw, where, problems = table.raw, table.path, []
    if raw.startswith(BOM):
        problems.append(Problem("csv-bom", where, "The file starts with a UTF-8 byte-order mark.", line=1))
    crlf = raw.count(b"\r\n")
    if crlf:
        problems.append(Problem("csv-line-ending", where, f"{crlf} line(s) end with CRLF; the first is shown.", line=line_of_offset(raw, raw.index(b"\r\n"))))
    elif b"\r" in raw:
        problems.append(Problem("csv-line-ending", where, "A bare carriage return (CR) ends a line.", line=line_of_offset(raw, raw.index(b"\r"))))
    return problems


def header(table: Table) -> list[Problem]:
    expected, actual = table.field_names(), table.header
    if actual == expected:
        return []
    where, problems = table.path, []
    missing = [n for n in expected if n not in actual]
    extra = [n for n in actual if n not in expected]
    duplicated = sorted({n for n in actual if actual.count(n) > 1})
    if missing:
        problems.append(Problem("csv-header", where, f"Missing column(s): {', '.join(missing)}.", line=1, column=missing[0]))
    if extra:
        problems.append(Problem("csv-header", where, f"Column(s) not in the schema: {', '.join(extra)}.", line=1, column=extra[0], value=shorten(extra[0])))
    if duplicated:
        problems.append(Problem("csv-header", where, f"Column(s) named twice: {', '.join(duplicated)}.", line=1, column=duplicated[0]))
    if not (missing or extra or duplicated):
        problems.append(Problem("csv-header", where, f"Columns are out of order; expected: {', '.join(expected)}.", line=1, value=shorten(",".join(actual))))
    return problems


def blank_rows(table: Table) -> list[Problem]:
    frame = table.frame
    problems = []
    if len(frame) == 0:
        problems.append(Problem("table-empty", table.path, "The file has a header but no rows.", line=2))
    # A blank line or a line of commas parses as a row with every cell missing.
    empty = frame.isna().all(axis=1)
    problems += [Problem("csv-blank-row", table.path, "Blank row.", line=table.line(i)) for i in frame.index[empty]]
    text = table.raw.rstrip(b"\n")
    if table.raw.endswith(b"\n\n"):
        problems.append(Problem("csv-blank-row", table.path, "Blank line(s) at the end of the file.", line=text.count(b"\n") + 2))
    return problems


def cell_rules(table: Table) -> list[Problem]:
    """Formula starts, control and invisible characters, and NFC, on text fields."""
    frame = table.frame
    text = table.raw.decode("utf-8", errors="replace")
    scans = {
        "control-character": re.search(CONTROL, text.replace("\r\n", "\n")) is not None,
        "invisible-character": re.search(INVISIBLE, text.lstrip("\ufeff")) is not None,
        "unicode-nfc": not unicodedata.is_normalized("NFC", text),
    }
    types = {f["name"]: f.get("type", "string") for f in table.fields}
    problems = []
    for column in frame.columns:
        values = frame[column]
        if types.get(column, "string") in TEXT_TYPES:
            hit = values.str.contains(FORMULA_START, regex=True).fillna(False).astype(bool)
            problems += located(table, column, hit, "formula-injection", "The cell starts with a character a spreadsheet treats as a formula.")
        if scans["control-character"]:
            hit = values.str.contains(CONTROL, regex=True).fillna(False).astype(bool)
            problems += located(table, column, hit, "control-character", "The cell holds a control character.")
        if scans["invisible-character"]:
            hit = values.str.contains(INVISIBLE, regex=True).fillna(False).astype(bool)
            problems += located(table, column, hit, "invisible-character", "The cell holds a zero-width or direction-control character.")
        if scans["unicode-nfc"]:
            hit = values.notna() & values.fillna("").map(lambda v: not unicodedata.is_normalized("NFC", v)).astype(bool)
            problems += located(table, column, hit, "unicode-nfc", "The cell is not in Unicode NFC.")
    return problems


def located(table: Table, column: str, hit, rule: str, message: str) -> list[Problem]:
    return [Problem(rule, table.path, message, line=table.line(i), column=column, value=shorten(table.frame.at[i, column])) for i in table.frame.index[hit]]
