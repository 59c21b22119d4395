"""Read each CSV once, read-only, into string columns that keep their editor line numbers.

Problems found while parsing (encoding, ragged rows, unclosed quotes) are
reported here because only the parser sees them; every other rule works on the
loaded tables and never re-reads a file. Tables are polars frames (Arrow
memory, vectorised expressions); every cell is a string or missing.

Two parsers: polars reads a file it can prove well formed (parse_regular);
pyarrow reads every other file, because it names each row of the wrong width
(parse). Both give the same cells and line numbers (tests/test_csv_reading.py).
"""
from __future__ import annotations

import csv
import io
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

from .package import PackageSpec, Resource
from .problems import Problem, shorten

BOM = b"\xef\xbb\xbf"


@dataclass
class Table:
    name: str
    path: str
    schema: dict
    raw: bytes | None  # the file's bytes, only while it is being read
    header: list[str] = field(default_factory=list)
    frame: pl.DataFrame | None = None  # every cell a string or null; None when unparseable
    lines: np.ndarray | None = None  # editor line of each row of `frame`
    regular: bool = False  # proven: one record per line (bar line breaks in quoted cells), each as wide as the header

    @property
    def fields(self) -> list[dict]:
        return self.schema.get("fields", [])

    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def line(self, index: int) -> int:
        return int(self.lines[index])

    def rows_where(self, mask: pl.Expr | pl.Series) -> list[int]:
        """Row positions where a boolean expression holds (nulls count as false)."""
        hits = self.frame.select(mask.fill_null(False).alias("hit")) if isinstance(mask, pl.Expr) else mask.fill_null(False).to_frame("hit")
        return np.flatnonzero(hits["hit"].to_numpy()).tolist()

    def rows_where_in(self, frame: pl.DataFrame, mask: pl.Expr) -> list[int]:
        """Row positions where `mask` holds on a frame aligned row for row with this table."""
        return np.flatnonzero(frame.select(mask.fill_null(False).alias("hit"))["hit"].to_numpy()).tolist()

    def value(self, index: int, column: str):
        return self.frame[column][index] if column in self.frame.columns else None


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


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def read_tables(spec: PackageSpec, progress=None, inspect_bytes=None) -> tuple[dict[str, Table], list[Problem]]:
    """Read every table; `inspect_bytes` sees each file's bytes before they are let go.

    Holding every file's bytes next to its parsed table would double the memory a
    large package needs, so the bytes live only while their table is read. Two
    files are read at a time: polars parses one without holding the GIL while
    Python scans the other's bytes.
    """
    def read_one(resource: Resource) -> tuple[Table, list[Problem]]:
        table, found = read_table(spec, resource)
        if inspect_bytes is not None:
            found += inspect_bytes(table)
        table.raw = None
        if progress is not None:
            progress.step(f"read {resource.path}")
        return table, found

    tables, problems = {}, []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for table, found in pool.map(read_one, spec.resources.values()):
            tables[table.name] = table
            problems.extend(found)
    return tables, problems


def read_table(spec: PackageSpec, resource: Resource) -> tuple[Table, list[Problem]]:
    raw = spec.file(resource.path).read_bytes()
    table = Table(resource.name, resource.path, resource.schema, raw)
    problems: list[Problem] = []
    where = resource.path

    if re.match(rb"\s*\Z", raw):  # stops at the first non-blank byte: no copy of a large file
        problems.append(Problem("csv-empty", where, "The file is empty: not even a header line.", line=1))
        return table, problems

    body = raw[len(BOM):] if raw.startswith(BOM) else raw

    if count_byte(body, b'"') % 2:
        problems.append(unclosed_quote(body.decode("utf-8", errors="replace"), where))
        return table, problems  # every row after the quote would be garbage

    end = body.find(b"\n")
    header_line = body[: end if end >= 0 else len(body)].rstrip(b"\r").decode("utf-8", errors="replace")
    table.header = parse_header(header_line)
    names = unique_names(table.header)
    regular = parse_regular(body, names, table.header)
    if regular is not None:
        table.frame, table.lines = regular
        table.regular = True
        return table, problems
    try:
        frame, skipped = parse(body, names)
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:  # pyarrow checks UTF-8 as it reads; locate the first bad byte
        if isinstance(error, pa.ArrowInvalid) and "utf8" not in str(error).lower():
            raise
        problems.append(encoding_problem(raw, body, where))
        body = body.decode("utf-8", errors="replace").encode("utf-8")
        frame, skipped = parse(body, names)
    for number, actual, row_text in skipped:
        if row_text.strip(",\r \t"):  # blank rows are the hygiene rules' to report, with their line
            problems.append(Problem("csv-row-width", where, f"This row has {actual} cells; the header has {len(names)}.",
                                    line=number, value=shorten(row_text)))
    table.frame = frame
    table.lines = record_lines(frame, body, skipped)
    return table, problems


def encoding_problem(raw: bytes, body: bytes, where: str) -> Problem:
    try:
        body.decode("utf-8")
        start = 0
    except UnicodeDecodeError as error:
        start = error.start + (len(raw) - len(body))
    return Problem("csv-encoding", where, f"Byte {raw[start:start + 1]!r} at offset {start} is not UTF-8.",
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
    def read(threads: bool, sink: list | None, block_size: int | None) -> pa.Table:
        def on_invalid(row):
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
    # Columns the header did not name (an empty first line) are typed by pyarrow, as null when empty: make them strings too.
    frame = frame.cast({c: pl.String for c, kind in frame.schema.items() if kind != pl.String})
    del arrow
    pa.default_memory_pool().release_unused()  # so the copies do not add up across tables
    return frame, skipped


def record_lines(frame: pl.DataFrame, body: bytes, skipped: list) -> np.ndarray:
    """Editor line of each parsed row: a record spans 1 + (newlines inside its cells) lines."""
    rows = len(frame)
    newlines = np.zeros(rows, dtype=np.int64)
    physical = count_byte(body, b"\n") + (0 if body.endswith(b"\n") else 1)
    if physical > rows + len(skipped) + 1 and rows:  # some cell holds a line break (or blank lines follow)
        counts = frame.select(pl.sum_horizontal(pl.all().str.count_matches("\n").fill_null(0)).alias("n"))["n"]
        newlines = counts.to_numpy().astype(np.int64)
    if not skipped:
        return 2 + np.arange(rows) + np.concatenate([[0], np.cumsum(newlines)[:-1]]) if rows else np.zeros(0, dtype=np.int64)
    # Interleave skipped records (known by record number) with parsed ones.
    total = rows + len(skipped)
    is_skipped = np.zeros(total, dtype=bool)
    spans = np.ones(total, dtype=np.int64)
    for number, _, text in skipped:
        index = number - 2  # record number 2 is the first record after the header
        if 0 <= index < total:
            is_skipped[index] = True
            spans[index] = 1 + text.count("\n")
    spans[~is_skipped] = 1 + newlines[: int((~is_skipped).sum())]
    starts = 2 + np.concatenate([[0], np.cumsum(spans)[:-1]])
    return starts[~is_skipped][:rows]


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
    return Problem("csv-quote", where, "A double quote opened here is never closed, so the rest of the file reads as one cell.",
                   line=record_start, value=shorten(lines[record_start - 1] if record_start <= len(lines) else ""))
