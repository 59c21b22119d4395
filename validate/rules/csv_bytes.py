"""Rules on what the reader found in a file's bytes: byte-order mark, line endings, blank lines."""
from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from ..reader import Table
from ..registry import Root, Scope, check, declare

BOM = declare("csv-bom", "CSV files have no byte-order mark.", "Save as 'UTF-8' without BOM; spreadsheet programs often add one.")
LINE_ENDING = declare("csv-line-ending", "CSV lines end with LF, not CRLF or CR.",
                      "Convert line endings to LF (for example `dos2unix FILE`, or set your editor to LF).")
BLANK_LINES = declare("csv-blank-row", "No blank or comma-only lines, including at the end of the file.", "Delete the empty lines.", root=Root.ROW)


@check(Scope.BYTES, BOM, LINE_ENDING)
def bom_and_line_endings(table: Table) -> Iterator[Problem]:
    facts = table.facts
    if facts.bom:
        yield BOM.problem(table.path, "The file starts with a UTF-8 byte-order mark.", line=1)
    if facts.crlf:
        yield LINE_ENDING.problem(table.path, f"{facts.crlf:,} line(s) end with CRLF; the first is shown.", line=facts.first_cr_line)
    elif facts.bare_cr:
        yield LINE_ENDING.problem(table.path, "A bare carriage return (CR) ends a line.", line=facts.first_cr_line)


@check(Scope.BYTES, BLANK_LINES)
def blank_lines(table: Table) -> Iterator[Problem]:
    """One problem per run of blank lines, however long the run."""
    for first, count in table.facts.blank_runs:
        if count == 1:
            yield BLANK_LINES.problem(table.path, "Blank line.", line=first)
        else:
            yield BLANK_LINES.problem(table.path, f"{count:,} blank lines, lines {first:,} to {first + count - 1:,}.", line=first)
