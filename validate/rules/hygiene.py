"""CSV hygiene a contributor can get wrong in an editor or a spreadsheet: header, empty rows, and cells.

Cell rules are polars regular expressions over whole columns; one combined
expression per column finds the columns with anything to report, so a clean
package pays almost nothing.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import polars as pl

from ..problems import Problem, shorten
from ..reader import Table
from ..registry import Root, Scope, check, declare
from .nfc_suspects import NFC_SUSPECTS

MAX_CELL_CHARS = 100_000  # a long block quote is a few thousand; larger cells are pasted files, and slow every reader
TEXT_TYPES = {"string", "any"}
# Scripts whose spelling needs the zero-width joiner and non-joiner (Persian, Urdu and the Indic scripts).
JOINING_SCRIPTS = "".join(f"\\p{{{s}}}" for s in ("Arabic", "Syriac", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil",
                                                   "Telugu", "Kannada", "Malayalam", "Sinhala"))
# Format characters (Cf: direction marks and overrides, zero-width characters, soft hyphens, the tag block) and
# the line and paragraph separators are invisible; ZWJ/ZWNJ are allowed only right after a letter of a joining script.
INVISIBLE = rf"[[\p{{Cf}}\p{{Zl}}\p{{Zp}}]&&[^\x{{200C}}\x{{200D}}]]|(?:^|[^{JOINING_SCRIPTS}])[\x{{200C}}\x{{200D}}]"
CONTROL = r"[\x00-\x08\x0B-\x1F\x7F-\x9F]"  # C0 and C1 controls; LF may sit inside a quoted cell
FORMULA_START = r"^[=+\-@\t\r]"
EDGE_SPACE = r"^\s|\s$"

HEADER = declare("csv-header", "The header names the schema's fields, in the schema's order.",
                 "Make the first line exactly the field names listed in the table's schema, in that order.", root=Root.FILE)
TABLE_EMPTY = declare("table-empty", "Every table holds at least one row, unless its schema says it may be empty (x-may-be-empty).",
                      "Restore the rows; a header-only file is usually a truncated export.")
COMMA_ROWS = declare("csv-comma-row", "No row is only commas (every cell empty).", "Delete the row; spreadsheets leave such rows below the data.")
FORMULA = declare("formula-injection", "No text cell starts with =, +, -, @, tab or carriage return.",
                  "Reword the cell so it does not start with that character; spreadsheets would run it as a formula.")
CONTROL_CHARACTER = declare("control-character", "No control characters in cells.", "Delete the invisible control character from the cell.")
INVISIBLE_CHARACTER = declare(
    "invisible-character", "No invisible format characters in cells: direction marks and overrides, zero-width characters, soft hyphens, "
    "Unicode tags, line separators (zero-width joiners only where a script needs them).",
    "Delete the invisible character; the value shows it as \\u escape.")
NFC = declare("unicode-nfc", "Text is in Unicode normalisation form NFC.", "Normalise the cell to NFC (for example Python's unicodedata.normalize('NFC', s)).")
WHITESPACE = declare("cell-whitespace", "No cell starts or ends with a space, tab or line break.",
                     "Remove the space at the start or end of the cell (the value is shown in quotes so the space is visible).")
TOO_LONG = declare("cell-too-long", f"A cell holds at most {MAX_CELL_CHARS:,} characters.",
                   "Shorten the cell: long texts belong in the article text files, not in a cell.")

CELL_RULES = [
    (FORMULA, FORMULA_START, "The cell starts with a character a spreadsheet treats as a formula."),
    (CONTROL_CHARACTER, CONTROL, "The cell holds a control character."),
    (INVISIBLE_CHARACTER, INVISIBLE, "The cell holds an invisible format character."),
    (WHITESPACE, EDGE_SPACE, "The cell starts or ends with whitespace."),
]


@check(Scope.TABLE, HEADER)
def header(table: Table) -> Iterator[Problem]:
    expected, actual = table.resource.field_names, table.header
    if actual == expected or table.frame is None:
        return
    where = table.path
    missing = [n for n in expected if n not in actual]
    extra = [n for n in actual if n not in expected]
    # A name that differs from a missing field only by case, spaces or hyphens is that field misspelt: one problem, not two.
    misspelt = {n: m for n in extra for m in missing if _loose(n) == _loose(m)}
    for written, meant in misspelt.items():
        yield HEADER.problem(where, f"Column {written!r} should be named {meant!r}: field names are matched exactly.", line=1, column=meant,
                             value=shorten(written), hint=f"Rename the column to {meant}, exactly as {table.resource.schema_file} names it.")
    missing = [n for n in missing if n not in misspelt.values()]
    extra = [n for n in extra if n not in misspelt]
    duplicated = sorted({n for n in actual if actual.count(n) > 1})
    if missing:
        yield HEADER.problem(where, f"Missing column(s): {', '.join(missing)}.", line=1, column=missing[0])
    if extra:
        yield HEADER.problem(where, f"Column(s) not in the schema: {', '.join(extra)}.", line=1, column=extra[0], value=shorten(extra[0]),
                             hint=f"Add the column to {table.resource.schema_file} (with a description and an example), or delete it from the CSV.")
    if duplicated:
        yield HEADER.problem(where, f"Column(s) named twice: {', '.join(duplicated)}.", line=1, column=duplicated[0])
    if not (missing or extra or duplicated or misspelt):
        yield HEADER.problem(where, f"Columns are out of order; expected: {', '.join(expected)}.", line=1, value=shorten(",".join(actual)))


def _loose(name: str) -> str:
    return "".join(name.split()).replace("-", "_").casefold()


@check(Scope.TABLE, TABLE_EMPTY, COMMA_ROWS)
def empty_rows(table: Table) -> Iterator[Problem]:
    for first, count in table.facts.comma_runs:  # the reader leaves such rows out of the table and records them
        last = first + count - 1
        yield COMMA_ROWS.problem(table.path, "A row of commas only." if count == 1 else f"{count:,} rows of commas only, lines {first:,} to {last:,}.",
                                 line=first)
    frame = table.frame
    if frame is not None and len(frame) == 0 and not table.facts.comma_runs and not table.resource.x("x-may-be-empty", False):
        yield TABLE_EMPTY.problem(table.path, "The file has a header but no rows.", line=2)


@check(Scope.TABLE, TOO_LONG)
def long_cells(table: Table) -> Iterator[Problem]:
    frame = table.frame
    if frame is None or not frame.width:
        return
    longest = frame.select(pl.col(c).str.len_bytes().max().alias(c) for c in frame.columns).row(0, named=True)
    for column in [c for c, size in longest.items() if size and size > MAX_CELL_CHARS]:  # bytes >= characters: a cheap first cut
        for index in table.rows_where(pl.col(column).str.len_chars() > MAX_CELL_CHARS):
            length = len(table.value(index, column))
            yield table.at(TOO_LONG, index, column, f"The cell holds {length:,} characters.")


@check(Scope.TABLE, FORMULA, CONTROL_CHARACTER, INVISIBLE_CHARACTER, WHITESPACE, NFC)
def cells(table: Table) -> Iterator[Problem]:
    """Formula starts, control and invisible characters, edge whitespace and NFC, on every cell."""
    frame = table.frame
    if frame is None or not frame.width:
        return
    types = {f.name: f.type for f in table.fields}
    rules = {
        column: [r for r in CELL_RULES if r[0] is not FORMULA or types.get(column, "string") in TEXT_TYPES]
        for column in frame.columns
    }
    flagged = frame.select(
        pl.col(column).str.contains("|".join([pattern for _, pattern, _ in column_rules] + [NFC_SUSPECTS])).any().alias(column)
        for column, column_rules in rules.items()
    ).row(0, named=True)
    for column in [c for c, hit in flagged.items() if hit]:
        values = pl.col(column)
        for rule, pattern, message in rules[column]:
            for index in table.rows_where(values.str.contains(pattern)):
                value = table.value(index, column)
                shown = f'"{shorten(value)}"' if rule is WHITESPACE else shorten(value)
                yield table.at(rule, index, column, message, value=shown)
        not_nfc = values.str.contains(NFC_SUSPECTS) & (values.str.normalize("NFC") != values)
        for index in table.rows_where(not_nfc):
            yield table.at(NFC, index, column, "The cell is not in Unicode NFC.")


def compute_nfc_suspects() -> str:
    """A character class of every code point that can make a string non-NFC (kept in nfc_suspects.py).

    Those are the characters that are not NFC on their own, combining marks, and
    the second halves of canonical compositions (all below U+30000). A cell
    without any of them is NFC; only cells with one are normalised to be sure.
    Computed from Python's Unicode database, so it follows the same version;
    computing it costs 0.1 s, so the result is stored and a test keeps it equal.
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
