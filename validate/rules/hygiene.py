"""CSV hygiene a contributor can get wrong in an editor or a spreadsheet.

Byte-level scans run at C speed; cell rules are polars regular expressions
over whole columns, so a clean package pays almost nothing.
"""
from __future__ import annotations

import unicodedata
import polars as pl

from ..problems import Problem, shorten
from ..tables import BOM, Table, line_of_offset
from .nfc_suspects import NFC_SUSPECTS

FORMULA_START = r"^[=+\-@\t\r]"
CONTROL = r"[\x00-\x08\x0B-\x1F\x7F-\x9F]"  # C0 and C1 controls; LF ends lines, CR is the line-ending rule's
INVISIBLE = r"[\x{200B}-\x{200D}\x{2060}\x{FEFF}\x{202A}-\x{202E}\x{2066}-\x{2069}]"
TEXT_TYPES = {"string", "any"}
CELL_RULES = [
    ("formula-injection", FORMULA_START, "The cell starts with a character a spreadsheet treats as a formula."),
    ("control-character", CONTROL, "The cell holds a control character."),
    ("invisible-character", INVISIBLE, "The cell holds a zero-width or direction-control character."),
]


def check(table: Table) -> list[Problem]:
    """The rules on parsed cells; bytes_rules runs while the file is read."""
    if table.frame is None:
        return []
    return header(table) + blank_rows(table) + cell_rules(table)


def bytes_rules(table: Table) -> list[Problem]:
    """BOM, line endings and blank lines: visible only in the file's bytes."""
    raw, where, problems = table.raw, table.path, []
    if not table.regular:  # a proven-regular file has no blank line (see tables.parse_regular): skip the scan
        problems += [Problem("csv-blank-row", where, "Blank line.", line=number) for number in blank_line_numbers(raw)]
    if raw.startswith(BOM):
        problems.append(Problem("csv-bom", where, "The file starts with a UTF-8 byte-order mark.", line=1))
    crlf = raw.count(b"\r\n") if b"\r" in raw else 0
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
    problems = []
    if len(table.frame) == 0:
        problems.append(Problem("table-empty", table.path, "The file has a header but no rows.", line=2))
    elif table.frame.width:
        # A line of commas parses as a row with every cell missing.
        problems += [Problem("csv-blank-row", table.path, "Blank row.", line=table.line(i)) for i in table.rows_where(pl.all_horizontal(pl.all().is_null()))]
    return problems


def blank_line_numbers(raw: bytes) -> list[int]:
    """Empty lines anywhere, including at the end (the final newline itself is not a line)."""
    numbers, body = [], raw.replace(b"\r\n", b"\n") if b"\r" in raw else raw
    if body.startswith(b"\n"):
        numbers.append(1)
    at = body.find(b"\n\n")
    while at >= 0:
        if body.count(b'"', 0, at) % 2 == 0:  # a blank line inside a quoted cell is part of the cell
            numbers.append(body.count(b"\n", 0, at + 1) + 1)
        at = body.find(b"\n\n", at + 1)
    return numbers


def nfc_suspects() -> str:
    """The suspects' character class, precomputed in nfc_suspects.py (computing it costs 0.1 s a run)."""
    return NFC_SUSPECTS


def compute_nfc_suspects() -> str:
    """A character class of every code point that can make a string non-NFC.

    Those are the characters that are not NFC on their own, combining marks, and
    the second halves of canonical compositions (all below U+30000). A cell
    without any of them is NFC; only cells with one are normalised to be sure.
    Computed from Python's Unicode database, so it follows the same version.
    """
    suspects = set()
    for code in range(0x80, 0x30000):
        char = chr(code)
        if unicodedata.combining(char) or not unicodedata.is_normalized("NFC", char):
            suspects.add(code)
        decomposition = unicodedata.decomposition(char)
        if decomposition and not decomposition.startswith("<") and len(decomposition.split()) == 2:
            suspects.add(int(decomposition.split()[1], 16))
    ranges: list[list[int]] = []
    for code in sorted(suspects):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" if a != b else f"\\x{{{a:X}}}" for a, b in ranges) + "]"


def cell_rules(table: Table) -> list[Problem]:
    """Formula starts, control and invisible characters, and NFC, on cells.

    One combined regular expression per column, all columns in one polars
    query (which runs them in parallel), finds the columns with anything to
    report; only those are searched rule by rule.
    """
    types = {f["name"]: f.get("type", "string") for f in table.fields}
    suspects = nfc_suspects()
    rules = {
        column: [r for r in CELL_RULES if r[0] != "formula-injection" or types.get(column, "string") in TEXT_TYPES]
        for column in table.frame.columns
    }
    flagged = table.frame.select([
        pl.col(column).str.contains("|".join([pattern for _, pattern, _ in column_rules] + [suspects])).any().alias(column)
        for column, column_rules in rules.items()
    ]).row(0, named=True) if table.frame.width else {}
    problems = []
    for column in [c for c, hit in flagged.items() if hit]:
        values = pl.col(column)
        for rule, pattern, message in rules[column]:
            problems += located(table, column, values.str.contains(pattern), rule, message)
        not_nfc = values.str.contains(suspects) & (values.str.normalize("NFC") != values)
        problems += located(table, column, not_nfc, "unicode-nfc", "The cell is not in Unicode NFC.")
    return problems


def located(table: Table, column: str, hit: pl.Expr, rule: str, message: str) -> list[Problem]:
    return [Problem(rule, table.path, message, line=table.line(i), column=column, value=shorten(table.value(i, column))) for i in table.rows_where(hit)]
