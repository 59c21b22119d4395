"""What a rule reports, and the catalogue of rules with their hints.

The catalogue is the one place where a rule's meaning and hint are written;
the report, CONTRIBUTING.md's error table and the docs are derived from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# rule id -> (what it checks, a one-line hint for the contributor)
RULES: dict[str, tuple[str, str]] = {
    # The descriptor and the files it names
    "descriptor-unreadable": ("The descriptor is valid JSON and can be read.", "Fix the JSON syntax at the position shown (a missing comma or quote is the usual cause)."),
    "descriptor-invalid": ("The descriptor follows the Data Package specification, as Frictionless checks it.", "Compare the property with the Data Package specification; the message says which one is wrong."),
    "schema-invalid": ("Each Table Schema is valid JSON and follows the Table Schema specification.", "Fix the schema file; field names, types and constraints must follow the Table Schema specification."),
    "path-unsafe": ("Every path is relative, stays inside the package, and is not a URL, an absolute path, a home path or a link leading outside.", "Use a relative path below the package folder, such as data/quotes.csv."),
    "file-missing": ("Every file the package names exists.", "Add the file, or correct the path that names it."),
    # CSV hygiene
    "csv-encoding": ("CSV files are UTF-8.", "Save the file as UTF-8 (not Latin-1 or Windows-1252)."),
    "csv-bom": ("CSV files have no byte-order mark.", "Save as 'UTF-8' without BOM; spreadsheet programs often add one."),
    "csv-line-ending": ("CSV lines end with LF, not CRLF or CR.", "Convert line endings to LF (for example `dos2unix FILE`, or set your editor to LF)."),
    "csv-header": ("The header names the schema's fields, in the schema's order.", "Make the first line exactly the field names listed in the table's schema, in that order."),
    "csv-row-width": ("Every row has as many cells as the header.", "Count the commas on this line; a cell with a comma must be wrapped in double quotes."),
    "csv-quote": ("Every quoted cell is closed.", "Close the double quote opened on this line; write a literal quote inside a quoted cell as two quotes (\"\")."),
    "csv-empty": ("A CSV file holds at least a header.", "Restore the header line (and the rows) of this table."),
    "table-empty": ("Every table holds at least one row.", "Restore the rows; a header-only file is usually a truncated export."),
    "csv-blank-row": ("No blank or comma-only rows, including at the end of the file.", "Delete the empty line."),
    "formula-injection": ("No text cell starts with =, +, -, @, tab or carriage return.", "Reword the cell so it does not start with that character; spreadsheets would run it as a formula."),
    "control-character": ("No control characters in cells.", "Delete the invisible control character from the cell."),
    "invisible-character": ("No zero-width or bidirectional-control characters in cells.", "Delete the invisible character (zero-width space, joiner or direction mark) from the cell."),
    "unicode-nfc": ("Text is in Unicode normalisation form NFC.", "Normalise the cell to NFC (for example Python's unicodedata.normalize('NFC', s))."),
    # Field rules (Table Schema)
    "type": ("Each cell has the field's type.", "Write the value in the field's type: integers as digits, booleans as true/false, dates as YYYY-MM-DD."),
    "required": ("Required fields are not empty.", "Fill the cell; this field may not be empty."),
    "unique": ("Unique fields hold no value twice.", "Give this row a value no other row has."),
    "primary-key": ("The primary key identifies each row once.", "Give this row an id no other row has."),
    "enum": ("Coded fields hold one of their codebook's values.", "Use one of the values listed in the table's codebook."),
    "pattern": ("Cells match the field's pattern (ids are lower-case slugs).", "Match the pattern: ids use a-z, 0-9 and single hyphens, such as bloomberg-news."),
    "minimum": ("Numbers are not below the field's minimum.", "Use a value at or above the minimum."),
    "maximum": ("Numbers are not above the field's maximum.", "Use a value at or below the maximum."),
    "format": ("Cells follow the field's format (a URI for format uri).", "Write a full address such as https://example.org/page."),
    "date": ("Dates are real calendar dates.", "Use a date that exists, as YYYY-MM-DD (EDTF fields may use XXXX for an unstated year)."),
    "foreign-key": ("Every reference points to an existing row.", "Use an id that exists in the referenced table, or add that row first."),
    # What Table Schema cannot express
    "span-order": ("A span's start is not after its end.", "Swap or correct the offsets: end is one past the last character."),
    "span-bounds": ("A span lies inside its article's text.", "Offsets count code points from 0 and end at most at the text's length."),
    "span-text": ("A span's text equals the article's text between its offsets.", "Copy the exact words of the article (curly quotes and misspellings included), or correct the offsets."),
    "span-partial": ("A span's start, end and text are all filled or all empty.", "Fill all three span fields, or clear all three."),
    "text-checksum": ("The article text file has the SHA-256, size and length recorded in articles.", "Never edit a source text; restore it from the original, or record a new article."),
    "attribution-loop": ("Chains of attribution (cited via, parent quote, affiliation) end, and never loop.", "Break the loop: one row in the chain must point to nothing."),
    "actor-unmentioned": ("Every actor has at least one mention.", "Add a mention row for the actor, or remove the actor."),
    "mention-target": ("A mention names exactly one actor or one place.", "Fill either actor_id or place_id, not both and not neither."),
    "claimant-status": ("Assertions in the article's own voice have no claimant; others have one.", "Use status asserted only with an empty claimant_actor_id, and fill the claimant for reported, denied and confirmed."),
    "date-agreement": ("A full EDTF date and the ISO date say the same day, and the precision fits them.", "Make date_iso equal date_edtf when the year is stated; leave date_iso empty when it is not."),
    "quote-consistency": ("A fact inside a quote has the quote's speaker as claimant and the quote's source.", "Use the quote's speaker_actor_id and source_id, or unlink the quote."),
    # The second engine
    "frictionless": ("Frictionless reports no other error.", "Read the message; it comes from the Frictionless validator."),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as the rule can."""

    rule: str
    file: str
    message: str
    line: int | None = None  # 1-based line as an editor shows it
    column: str | None = None  # field name
    value: str | None = None
    engines: tuple[str, ...] = field(default=("project",), compare=False)
    col: int | None = field(default=None, compare=False)  # 1-based character column of the cell, when known

    @property
    def hint(self) -> str:
        return RULES[self.rule][1]

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or "", self.rule, self.message)


def shorten(value: object, limit: int = 80) -> str | None:
    """Show a value in a message without flooding the terminal (a 10 MB cell)."""
    if value is None or value != value:  # None, or a missing cell read as NaN
        return None
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(_VISIBLE.get(c, c) for c in text)


# Control and invisible characters are shown as escapes so a message never hides them.
_VISIBLE = {chr(i): f"\\x{i:02x}" for i in [*range(0x20), 0x7F]}
_VISIBLE.update({c: f"\\u{ord(c):04x}" for c in "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"})
