"""Read each CSV once, read-only, into string columns that keep their editor line numbers.

The reader is the only stage that sees a file's bytes. What rules need from them
(byte-order mark, line endings, blank lines, quoting) it records as `ByteFacts`
while it holds them; the bytes are then let go, so no later stage re-reads a file.
Problems that only a parser can see (encoding, ragged rows, unclosed quotes, a
separator other than the comma) are reported here.

Two parsers: polars reads a file it can prove well formed (`parse_regular`);
pyarrow reads every other file, because it names each row of the wrong width
(`parse`). Both give the same cells and line numbers (tests/validate/test_reader.py).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from .model import Field, Package, Resource
from .paths import read_regular
from .problems import Problem, shorten
from .registry import Root, declare

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_COLUMNS = 1_000  # tables here have a few dozen fields; wider headers cost memory quadratic in the width
OTHER_SEPARATORS = (";", "\t", "|")

ENCODING = declare("csv-encoding", "CSV files are UTF-8.", "Save the file as UTF-8 (not Latin-1, Windows-1252 or UTF-16).", root=Root.ROW)
ROW_WIDTH = declare("csv-row-width", "Every row has as many cells as the header.",
                    "Count the commas on this line; a cell with a comma must be wrapped in double quotes.", root=Root.ROW)
QUOTE = declare("csv-quote", "Quotes follow RFC 4180: a quoted cell is closed, and a quote inside a cell is only in a quoted cell, written twice.",
                "Wrap the whole cell in double quotes and write each quote inside it twice (\"\").", root=Root.ROW)
EMPTY = declare("csv-empty", "A CSV file holds at least a header.", "Restore the header line (and the rows) of this table.", root=Root.FILE)
DIALECT = declare("csv-dialect", "Cells are separated by commas, as the descriptor's dialect says.",
                  "Save the file as comma-separated CSV (spreadsheets call it 'CSV UTF-8 (comma delimited)').", root=Root.FILE)
TOO_WIDE = declare("csv-too-wide", f"A header has at most {MAX_COLUMNS:,} columns.", "Restore the header: one name per field of the table's schema.",
                   root=Root.FILE)
INTEGRITY = declare("file-integrity", "A file has the size and hash the descriptor records for it (bytes, hash).",
                    "Update bytes and hash in datapackage.json for the new file, or restore the file they describe.")


@dataclass
class ByteFacts:
    """What the rules need to know about a file's bytes, recorded while the reader holds them."""

    size: int = 0
    bom: bool = False
    crlf: int = 0  # lines ending in CRLF
    first_cr_line: int | None = None  # line of the first CR, in CRLF or alone
    bare_cr: bool = False  # a CR not followed by LF
    blank_runs: list[tuple[int, int]] = field(default_factory=list)  # (first line, number of lines) of blank lines
    comma_runs: list[tuple[int, int]] = field(default_factory=list)  # (first line, number of lines) of rows of commas only
    regular: bool = False  # proven: one record per line (bar line breaks in quoted cells), each as wide as the header
    quoted: bool = False  # the file has a double quote somewhere


@dataclass
class Table:
    resource: Resource
    header: list[str] = field(default_factory=list)
    frame: pl.DataFrame | None = None  # every cell a string or null; None when the file cannot be parsed
    lines: np.ndarray | None = None  # editor line of each row of `frame`
    facts: ByteFacts = field(default_factory=ByteFacts)
    skipped_lines: np.ndarray | None = None  # editor lines of records left out of `frame` (the wrong width)

    @property
    def records(self) -> np.ndarray | None:
        """Editor line of every record after the header, in file order, rows of the wrong width included."""
        if self.lines is None or self.skipped_lines is None or not len(self.skipped_lines):
            return self.lines
        return np.sort(np.concatenate([self.lines, self.skipped_lines]))

    @property
    def name(self) -> str:
        return self.resource.name

    @property
    def path(self) -> str:
        return self.resource.path

    @property
    def fields(self) -> list[Field]:
        return self.resource.fields

    @property
    def usable(self) -> bool:
        return self.frame is not None

    def has(self, *columns: str) -> bool:
        return self.frame is not None and all(c in self.frame.columns for c in columns)

    def line(self, index: int) -> int:
        assert self.lines is not None
        return int(self.lines[index])

    def rows_where(self, mask: pl.Expr | pl.Series) -> list[int]:
        """Row positions where a boolean expression holds (nulls count as false)."""
        assert self.frame is not None
        hits = self.frame.select(mask.fill_null(False).alias("hit")) if isinstance(mask, pl.Expr) else mask.fill_null(False).to_frame("hit")
        return np.flatnonzero(hits["hit"].to_numpy()).tolist()

    def value(self, index: int, column: str):
        return self.frame[column][index] if self.frame is not None and column in self.frame.columns else None

    def at(self, rule, index: int, column: str | None, message: str, **extra) -> Problem:
        """A problem on one row of this table, with its line and (when a column is named) its value."""
        value = extra.pop("value", shorten(self.value(index, column)) if column else None)
        return rule.problem(self.path, message, line=self.line(index), column=column, value=value, **extra)


def count_byte(data: bytes, byte: bytes, chunk: int = 1 << 18) -> int:
    """How often `byte` occurs: numpy over cache-sized chunks.

    Four times faster than bytes.count on this machine, and numpy lets go of
    the GIL while it compares, so another table is read meanwhile.
    """
    values, code = np.frombuffer(data, dtype=np.uint8), ord(byte)
    hits, total = np.empty(min(chunk, len(values)), dtype=bool), 0
    for at in range(0, len(values), chunk):
        part = values[at:at + chunk]
        np.equal(part, code, out=hits[:len(part)])
        total += int(np.count_nonzero(hits[:len(part)]))
    return total


def positions(data: bytes, byte: bytes) -> np.ndarray:
    return np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord(byte))


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def read_table(package: Package, resource: Resource) -> tuple[Table, list[Problem]]:
    return parse_bytes(resource, read_regular(package.file(resource.path)))


def parse_bytes(resource: Resource, raw: bytes) -> tuple[Table, list[Problem]]:
    """A table and the problems only its bytes show; the bytes are not kept."""
    table = Table(resource)
    table.facts.size = len(raw)
    problems = integrity(resource, raw)
    where = resource.path

    if raw.startswith(UTF16_BOMS):
        problems.append(ENCODING.problem(where, "The file is UTF-16 (it starts with a UTF-16 byte-order mark), as Excel's 'Unicode Text' saves it.", line=1))
        return table, problems
    if re.match(rb"\s*\Z", raw):  # stops at the first non-blank byte: no copy of a large file
        problems.append(EMPTY.problem(where, "The file is empty: not even a header line.", line=1))
        return table, problems

    table.facts.bom = raw.startswith(BOM)
    body = raw[len(BOM):] if table.facts.bom else raw
    record_line_endings(table.facts, body)
    table.facts.quoted = b'"' in body

    if table.facts.quoted and count_byte(body, b'"') % 2:
        problems.append(unclosed_quote(body.decode("utf-8", errors="replace"), where))
        return table, problems  # every row after the quote would be garbage

    end = body.find(b"\n")
    header_line = body[: end if end >= 0 else len(body)].rstrip(b"\r").decode("utf-8", errors="replace")
    table.header = parse_header(header_line)
    if len(table.header) > MAX_COLUMNS:
        problems.append(TOO_WIDE.problem(where, f"The header has {len(table.header):,} columns; the schema has {len(resource.fields)}.", line=1))
        return table, problems
    separator = other_separator(header_line, table.header, resource)
    if separator:
        shown = {"\t": "tabs"}.get(separator, repr(separator))
        problems.append(DIALECT.problem(where, f"The cells are separated by {shown}, not commas: the header reads as one column.", line=1,
                                        value=shorten(header_line)))
        return table, problems

    names = unique_names(table.header)
    regular = parse_regular(body, names, table.header)
    if regular is not None:
        table.frame, table.lines = regular
        table.facts.regular = True
    else:
        problems += parse_careful(table, raw, body, names)
    table.facts.blank_runs = [] if table.facts.regular else blank_line_runs(body, table.facts.quoted)
    drop_blank_lines(table)
    drop_comma_rows(table)
    if table.facts.quoted:
        problems += stray_quotes(table, body)
    table.frame = with_missing_values(table.frame, resource)
    return table, problems


def integrity(resource: Resource, raw: bytes) -> list[Problem]:
    """The size and hash the descriptor records for the file, when it records them."""
    problems = []
    declared_bytes, declared_hash = resource.descriptor.get("bytes"), resource.descriptor.get("hash")
    if isinstance(declared_bytes, int) and declared_bytes != len(raw):
        problems.append(INTEGRITY.problem(resource.path, f"datapackage.json records {declared_bytes:,} bytes; the file has {len(raw):,}.", column="bytes"))
    if isinstance(declared_hash, str) and declared_hash:
        algorithm, _, digest = declared_hash.rpartition(":")
        algorithm = algorithm or "md5"  # Data Package v1: a bare hash is MD5
        if algorithm not in hashlib.algorithms_guaranteed:
            problems.append(INTEGRITY.problem(resource.path, f"datapackage.json records a {algorithm} hash, which cannot be checked.", column="hash"))
        elif hashlib.new(algorithm, raw).hexdigest() != digest.lower():
            problems.append(INTEGRITY.problem(resource.path, f"datapackage.json records {algorithm} {shorten(digest, 20)}; the file's is different.",
                                              column="hash"))
    return problems


def other_separator(header_line: str, header: list[str], resource: Resource) -> str | None:
    """A header that splits into the schema's fields on another separator, but not on commas."""
    wanted = len(resource.fields)
    if len(header) >= 2 or wanted < 2:
        return None
    for separator in OTHER_SEPARATORS:
        if header_line.count(separator) >= 1 and abs(header_line.count(separator) + 1 - wanted) <= max(2, wanted // 4):
            return separator
    return None


def record_line_endings(facts: ByteFacts, body: bytes) -> None:
    if b"\r" not in body:
        return
    facts.crlf = body.count(b"\r\n")
    first = body.index(b"\r")
    facts.first_cr_line = line_of_offset(body, first)
    facts.bare_cr = body.count(b"\r") != facts.crlf


def blank_line_runs(body: bytes, quoted: bool) -> list[tuple[int, int]]:
    """Runs of empty lines (a CR alone counts as empty), outside quoted cells, as (first line, count).

    Vectorised over the positions of line breaks, so 200,000 blank lines cost
    milliseconds and become one problem, not 200,000.
    """
    breaks = positions(body, b"\n")
    if not len(breaks):
        return []
    starts = np.concatenate([[0], breaks[:-1] + 1])  # where each line that ends in a break starts
    length = breaks - starts
    values = np.frombuffer(body, dtype=np.uint8)
    blank = (length == 0) | ((length == 1) & (values[np.minimum(starts, len(values) - 1)] == 13))
    if quoted:  # a blank line inside a quoted cell is part of the cell: an odd number of quotes precede it
        before = np.searchsorted(positions(body, b'"'), starts)
        blank &= before % 2 == 0
    numbers = np.flatnonzero(blank) + 1  # 1-based line numbers
    if not len(numbers):
        return []
    cuts = np.flatnonzero(np.diff(numbers) != 1) + 1
    return [(int(run[0]), len(run)) for run in np.split(numbers, cuts)]


def drop_blank_lines(table: Table) -> None:
    """A blank line is not a record: the careful parser returns it as a row of empty cells, which every
    rule would then report again. Its run is reported once, from the byte facts."""
    if not table.facts.blank_runs or table.frame is None or table.lines is None:
        return
    blank = np.concatenate([np.arange(first, first + count) for first, count in table.facts.blank_runs])
    keep = ~np.isin(table.lines, blank)
    if not keep.all():
        table.frame = table.frame.filter(pl.Series(keep))
        table.lines = table.lines[keep]


def drop_comma_rows(table: Table) -> None:
    """A row of commas only (every cell empty) is no record either: spreadsheets leave them below the data.
    Its run is recorded once; the row leaves the table, so no rule reports its empty cells again."""
    frame, lines = table.frame, table.lines
    if frame is None or lines is None or not frame.width or not len(frame):
        return
    empty = frame.select(pl.all_horizontal(pl.all().is_null()).alias("empty"))["empty"].to_numpy()
    if not empty.any():
        return
    numbers = lines[empty]
    table.facts.comma_runs = [(int(run[0]), len(run)) for run in np.split(numbers, np.flatnonzero(np.diff(numbers) != 1) + 1)]
    table.frame = frame.filter(pl.Series(~empty))
    table.lines = lines[~empty]


def with_missing_values(frame: pl.DataFrame | None, resource: Resource) -> pl.DataFrame | None:
    """Cells equal to one of the schema's missingValues are missing (the readers already treat "" so)."""
    others = [v for v in resource.missing_values if v != ""]
    if frame is None or not others or not frame.width:
        return frame
    return frame.with_columns(pl.when(pl.col(c).is_in(others)).then(None).otherwise(pl.col(c)).alias(c) for c in frame.columns)


def stray_quotes(table: Table, body: bytes, limit: int = 50) -> list[Problem]:
    """Cells holding a quote that are not written as RFC 4180 quoted cells (Golan "Heights" unquoted).

    Both parsers take such a quote literally. A cell with a quote is proven right
    when its quoted, doubled form occurs in the file; only cells holding a quote
    are looked at, so a clean file pays one vectorised scan.
    """
    frame = table.frame
    if frame is None or not frame.width:
        return []
    flagged = frame.select(pl.col(c).str.contains('"', literal=True).any().alias(c) for c in frame.columns).row(0, named=True)
    problems: list[Problem] = []
    written: set[bytes] | None = None
    for column in [c for c, hit in flagged.items() if hit]:
        for index in table.rows_where(pl.col(column).str.contains('"', literal=True)):
            value = table.value(index, column)
            if written is None:
                written = quoted_with_quotes(body)
            if value.replace('"', '""').encode("utf-8") not in written:
                problems.append(table.at(QUOTE, index, column, "A double quote sits inside a cell that is not wrapped in double quotes."))
                if len(problems) >= limit:
                    return problems
    return problems


# A quoted cell: its opening quote, then runs of anything but a quote, each pair of quotes an escaped one.
QUOTED_CELL = re.compile(rb'"([^"]*(?:""[^"]*)*)"')


def quoted_with_quotes(body: bytes) -> set[bytes]:
    """The inside of every quoted cell that holds an escaped quote, as written.

    One pass over the file, instead of one search of the whole file per cell holding a
    quote (which grew with the square of the file: 52 s for 10,000 quoted cells in 54 MB).
    """
    return {inside for inside in QUOTED_CELL.findall(body) if b'""' in inside}


def parse_careful(table: Table, raw: bytes, body: bytes, names: list[str]) -> list[Problem]:
    import pyarrow as pa  # only a file polars cannot prove well formed comes here
    where, problems = table.path, []
    try:
        frame, skipped = parse(body, names)
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:  # pyarrow checks UTF-8 as it reads; locate the first bad byte
        if isinstance(error, pa.ArrowInvalid) and "utf8" not in str(error).lower():
            raise
        problems.append(encoding_problem(raw, body, where))
        body = body.decode("utf-8", errors="replace").encode("utf-8")
        frame, skipped = parse(body, names)
    table.frame = frame
    table.lines, table.skipped_lines = record_lines(frame, body, skipped)
    for (_, actual, row_text), line in zip(skipped, table.skipped_lines.tolist(), strict=True):
        if row_text.strip(",\r \t"):  # blank rows are reported as blank-line runs, with their lines
            problems.append(ROW_WIDTH.problem(where, f"This row has {actual} cells; the header has {len(names)}.", line=line, value=shorten(row_text)))
    return problems


def encoding_problem(raw: bytes, body: bytes, where: str) -> Problem:
    try:
        body.decode("utf-8")
        start = 0
    except UnicodeDecodeError as error:
        start = error.start + (len(raw) - len(body))
    return ENCODING.problem(where, f"Byte {raw[start:start + 1]!r} at offset {start} is not UTF-8.",
                            line=line_of_offset(raw, start), value=shorten(raw[max(0, start - 20):start + 20].decode("utf-8", "replace")))


def parse_header(line: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(line, newline="")), [])
    except csv.Error:  # a stray carriage return or quote: the header rule reports the names as found
        return line.replace("\r", "").split(",")


def unique_names(header: list[str]) -> list[str]:
    """Duplicate header names get a suffix so the parser keeps every column; the header rule reports them."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return out


def parse_regular(body: bytes, names: list[str], header: list[str]) -> tuple[pl.DataFrame, np.ndarray] | None:
    """The fast path for a well-formed file: polars' parallel reader, about five times pyarrow's speed here.

    Returns the frame and each row's editor line, or None.

    polars fills a row that is too short with missing cells instead of
    reporting it, so its frame is only taken with proof that no row is: every
    comma in the file is either inside a cell (polars hands it back in the
    value) or a separator, and polars refuses rows with too many cells, so if
    the separators number exactly (rows + 1) × (columns − 1), every record,
    the header included, has exactly the header's width. The same count
    rules out blank lines, which would be records without separators. Any
    other file (a CR, a stray quote, bytes that are not UTF-8, a ragged or
    blank row) returns None and goes to `parse`, which can name each fault.
    """
    width = len(names)
    # An unnamed column is named differently by the two readers: leave it to the careful one.
    if width < 2 or "" in names or b"\r" in body:
        return None
    try:
        frame = pl.read_csv(body, has_header=True, infer_schema=False, null_values=[""], quote_char='"')
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException):  # a panic is polars' way of refusing odd input too
        return None
    if frame.width != width:
        return None
    header_lines = 1 + sum(name.count("\n") for name in frame.columns)
    frame.columns = names
    commas_in_cells = sum(name.count(",") for name in header)
    breaks = np.zeros(len(frame), dtype=np.int64)
    if b'"' in body and len(frame):  # only a quoted cell can hold a comma or a line break
        inside = frame.select(pl.sum_horizontal(pl.all().str.count_matches(character, literal=True).fill_null(0)).alias(character)
                              for character in (",", "\n"))
        commas_in_cells += int(inside[","].sum())
        breaks = inside["\n"].to_numpy().astype(np.int64)
    if count_byte(body, b",") != commas_in_cells + (len(frame) + 1) * (width - 1):
        return None
    # a record spans 1 + (line breaks inside its cells) lines
    lines = header_lines + 1 + np.arange(len(frame)) + np.concatenate([[0], np.cumsum(breaks)[:-1]]).astype(np.int64)
    return frame, lines


def parse(body: bytes, names: list[str]) -> tuple[pl.DataFrame, list[tuple[int, int, str]]]:
    """The careful path: all cells as strings; empty cells missing, as Table Schema's missingValues [""] says.

    pyarrow is used because, unlike polars, it reports rows with too few cells.
    It first reads multi-threaded and without a handler, so it stops at
    the first row of the wrong width; only then is the file re-read
    single-threaded with a handler, which is when pyarrow numbers such rows.
    Raises UnicodeDecodeError for a file with such rows that is not UTF-8
    (pyarrow hands the handler each bad row as str); the caller re-encodes it.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    def read(threads: bool, sink: list | None, block_size: int | None) -> pa.Table:
        def on_invalid(row):
            assert sink is not None
            sink.append((row.number, row.actual_columns, row.text))
            return "skip"
        return pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=threads, block_size=block_size),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False,
                                             invalid_row_handler=on_invalid if sink is not None else None),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=True,
                                                 quoted_strings_can_be_null=True, null_values=[""]),
        )

    def read_any_block(threads: bool, sink: list | None) -> pa.Table | None:
        try:
            return read(threads, sink, None)
        except pa.ArrowInvalid as error:
            if not any(reason in str(error) for reason in ("straddling", "Could not skip", "Empty CSV")):
                raise
        # a cell (or header) larger than pyarrow's block (1 MB by default): read the file as one block
        try:
            return read(threads, sink, len(body) + 1)
        except pa.ArrowInvalid as again:
            if "Could not skip" not in str(again) and "Empty CSV" not in str(again):
                raise
            # a header without a final line break (or a first line that is only a CR), and nothing after it: no rows
            return None

    skipped: list = []
    try:
        arrow = read_any_block(True, None)
    except pa.ArrowInvalid as error:
        if not ("Expected" in str(error) and "columns" in str(error)):
            raise
        body.decode("utf-8")
        arrow = read_any_block(False, skipped)
        # pyarrow counts the skipped header as record 1: its number already is the editor line
    if arrow is None:
        return pl.DataFrame(schema={n: pl.String for n in names}), []
    frame = pl.from_arrow(arrow)  # polars copies strings into its own layout
    assert isinstance(frame, pl.DataFrame)
    # Columns the header did not name (an empty first line) are typed by pyarrow, as null when empty: make them strings too.
    frame = frame.cast({c: pl.String for c, kind in frame.schema.items() if kind != pl.String})
    del arrow
    pa.default_memory_pool().release_unused()  # so the copies do not add up across tables
    return frame, skipped


def record_lines(frame: pl.DataFrame, body: bytes, skipped: list) -> tuple[np.ndarray, np.ndarray]:
    """Editor lines of the parsed rows and of the skipped ones: a record spans 1 + (newlines inside its cells) lines."""
    rows = len(frame)
    newlines = np.zeros(rows, dtype=np.int64)
    physical = count_byte(body, b"\n") + (0 if body.endswith(b"\n") else 1)
    if physical > rows + len(skipped) + 1 and rows:  # some cell holds a line break (or blank lines follow)
        counts = frame.select(pl.sum_horizontal(pl.all().str.count_matches("\n").fill_null(0)).alias("n"))["n"]
        newlines = counts.to_numpy().astype(np.int64)
    if not skipped:
        lines = 2 + np.arange(rows) + np.concatenate([[0], np.cumsum(newlines)[:-1]]) if rows else np.zeros(0, dtype=np.int64)
        return lines.astype(np.int64), np.zeros(0, dtype=np.int64)
    # Interleave skipped records (known by record number: 2 is the first after the header) with parsed ones.
    total = rows + len(skipped)
    is_skipped = np.zeros(total, dtype=bool)
    spans = np.ones(total, dtype=np.int64)
    for number, _, text in skipped:
        index = number - 2
        if 0 <= index < total:
            is_skipped[index] = True
            spans[index] = 1 + text.count("\n")
    spans[~is_skipped] = 1 + newlines[: int((~is_skipped).sum())]
    starts = 2 + np.concatenate([[0], np.cumsum(spans)[:-1]])
    skipped_lines = np.array([starts[n - 2] if 0 <= n - 2 < total else n for n, _, _ in skipped], dtype=np.int64)
    return starts[~is_skipped][:rows], skipped_lines


def unclosed_quote(text: str, where: str) -> Problem:
    """Find the line where the quote that never closes was opened."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    record_start = 1
    try:
        for _ in reader:
            record_start = reader.line_num + 1
    except csv.Error:
        pass
    lines = text.split("\n")
    return Problem(QUOTE.id, where, "A double quote opened here is never closed, so the rest of the file reads as one cell.",
                   line=record_start, value=shorten(lines[record_start - 1] if record_start <= len(lines) else ""))


def read_frame(package: Package, name: str) -> pl.DataFrame:
    """One table as a frame of strings (missing cells null), for the docs and the release; raises if it cannot be parsed."""
    table, problems = read_table(package, package.resources[name])
    if table.frame is None:
        raise ValueError(f"{package.resources[name].path}: {problems[0].message if problems else 'cannot be read'}")
    return table.frame
