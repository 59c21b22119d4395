"""A catalogue of realistic faults: each makes one small, readable edit to a copy of the
shipped package, the kind of file a contributor really sends, and says what the
validator must report (file, editor line, field, rule) and its exit code.

tests/integration/test_bad_inputs.py runs every fault but the heavy ones, which
tests/integration/test_bounded.py runs in a child process under a memory limit and a
timeout; other modules reuse single faults.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ARTICLE = "us-weapons-militias"
TEXT = f"data/source/{ARTICLE}.txt"


@dataclass(frozen=True)
class Expected:
    rule: str
    file: str | None = None  # None: the descriptor or no particular file
    line: int | None = None
    field: str | None = None
    exit_code: int = 1


@dataclass(frozen=True)
class Fault:
    name: str
    apply: Callable  # (PackageCopy) -> Expected
    frictionless_sees: bool = False  # a Table Schema rule both engines must report
    heavy: bool = False  # megabytes of hostile input: run in a child process with bounded memory and time
    args: tuple[str, ...] = ()  # command-line options the fault needs (such as --base-schemas)


FAULTS: list[Fault] = []


def fault(name: str, frictionless_sees: bool = False, heavy: bool = False, args: tuple[str, ...] = ()):
    def register(function):
        FAULTS.append(Fault(name, function, frictionless_sees, heavy, args))
        return function
    return register


def cell(table: str, key: str, key_value: str, column: str, value: str, rule: str, frictionless_sees: bool = False,
         name: str | None = None, reported_field: str | None = None):
    """A fault that changes one cell of the row whose `key` is `key_value`."""
    def apply(package):
        line = package.set_cell(table, package.row_index(table, key, key_value), column, value)
        return Expected(rule, f"data/{table}.csv", line, reported_field or column)
    FAULTS.append(Fault(name or f"{table}.{column}={value[:20]!r} ({rule})", apply, frictionless_sees))


Q2, F5, M10 = f"{ARTICLE}-q02", f"{ARTICLE}-f05", f"{ARTICLE}-m010"

# ---- wrong types, empty required cells, unknown codes, bad slugs (Table Schema rules)
cell("quotes", "quote_id", Q2, "start", "4a7", "type", True)
cell("quotes", "quote_id", Q2, "end", "575.0", "type", True)
cell("quotes", "quote_id", Q2, "source_inferred", "yes", "type", True)
cell("articles", "article_id", ARTICLE, "text_bytes", "3,320", "type", True)
cell("quotes", "quote_id", Q2, "speaker_actor_id", "", "required", True)
cell("facts", "fact_id", F5, "statement", "", "required", True)
cell("actors", "actor_id", "mike-flynn", "kind", "", "required", True)
cell("quotes", "quote_id", Q2, "kind", "quote", "enum", True)
cell("facts", "fact_id", F5, "status", "Reported", "enum", True)
cell("actors", "actor_id", "mike-flynn", "kind", "individual", "enum", True)
cell("mentions", "mention_id", M10, "mention_kind", "name", "enum", True)
cell("actors", "actor_id", "mike-flynn", "actor_id", "Mike_Flynn", "pattern", True, name="actor id not a slug (underscore, capitals)")
cell("places", "place_id", "iraq", "place_id", "iraq-", "pattern", True, name="place id with a trailing hyphen")
cell("sources", "source_id", "boston-globe-kingsbury-2014-11-17", "source_id", "boston globe", "pattern", True, name="source id with a space")
cell("actors", "actor_id", "mike-flynn", "wikidata_id", "Q-123", "pattern", True)
cell("articles", "article_id", ARTICLE, "text_sha256", "529E25B6", "pattern", True)
cell("quotes", "quote_id", Q2, "start", "-3", "minimum", True)
cell("sources", "source_id", "boston-globe-kingsbury-2014-11-17", "date_iso", "2014-02-30", "date", True, name="impossible ISO date 2014-02-30")
cell("sources", "source_id", "boston-globe-kingsbury-2014-11-17", "date_iso", "17/11/2014", "date", True, name="ISO date written day-first")
cell("sources", "source_id", "bloomberg-report-january-8", "date_edtf", "XXXX-02-30", "date", name="EDTF day that does not exist")
cell("sources", "source_id", "bloomberg-report-january-8", "date_edtf", "January 8", "pattern", True, name="EDTF field holding the date as written")
cell("articles", "article_id", ARTICLE, "url", "www.example.org/story", "format", True, name="URL without a scheme")
cell("articles", "article_id", ARTICLE, "url", "javascript://example.org/%0Adocument.title='x'", "format",
     name="URL whose scheme runs script (javascript://)")


@fault("duplicate primary key in quotes", frictionless_sees=True)
def duplicate_quote_id(package):
    rows = package.rows("quotes")
    rows[3]["quote_id"] = rows[2]["quote_id"]
    package.write_rows("quotes", rows)
    return Expected("primary-key", "data/quotes.csv", 5, "quote_id")


@fault("a mention row repeated under a new id (the same article, span and actor)")
def repeated_mention(package):
    rows = package.rows("mentions")
    original = next(r for r in rows if r["actor_id"])
    package.write_rows("mentions", rows + [dict(original, mention_id=f"{ARTICLE}-m999")])
    return Expected("unique-key", "data/mentions.csv", len(rows) + 2, "article_id")


@fault("second article row pointing at the same text file", frictionless_sees=True)
def shared_text_path(package):
    rows = package.rows("articles")
    package.write_rows("articles", rows + [dict(rows[0], article_id="us-weapons-militias-copy")])
    return Expected("unique", "data/articles.csv", 3, "text_path")


@fault("duplicate actor row", frictionless_sees=True)
def duplicate_actor(package):
    rows = package.rows("actors")
    package.write_rows("actors", rows + [rows[0]])
    return Expected("primary-key", "data/actors.csv", len(rows) + 2, "actor_id")


# ---- every foreign key in the package, dangling
def dangling(table: str, column: str):
    def apply(package):
        rows = package.rows(table)
        index = next((i for i, r in enumerate(rows) if r[column]), 0)
        if column == "place_id":  # a mention names exactly one target; move it, do not add a second
            rows[index]["actor_id"] = ""
        rows[index][column] = "no-such-id"
        package.write_rows(table, rows)
        return Expected("foreign-key", f"data/{table}.csv", index + 2, column)
    FAULTS.append(Fault(f"dangling foreign key {table}.{column}", apply, frictionless_sees=True))


for _schema in sorted(Path(__file__).resolve().parent.parent.joinpath("fixtures", "package", "schemas").glob("*.json")):
    for _fk in json.loads(_schema.read_text())["foreignKeys"] if "foreignKeys" in json.loads(_schema.read_text()) else []:
        dangling(_schema.stem, _fk["fields"][0] if isinstance(_fk["fields"], list) else _fk["fields"])


# ---- spans and the text they rest on
cell("quotes", "quote_id", Q2, "end", "99999", "span-bounds")
cell("mentions", "text", "Iraq’s beleaguered military", "text", "Iraqs beleaguered military", "span-text", name="mention text with the apostrophe dropped")
cell("mentions", "text", "Iraq’s beleaguered military", "start", "168", "span-text", name="mention start off by one", reported_field="text")
cell("mentions", "text", "Hesbollah", "text", "Hezbollah", "span-text", name="mention spelling normalised in text")


@fault("swapped offsets in a quote")
def swapped(package):
    index = package.row_index("quotes", "quote_id", Q2)
    rows = package.rows("quotes")
    rows[index]["start"], rows[index]["end"] = rows[index]["end"], rows[index]["start"]
    package.write_rows("quotes", rows)
    return Expected("span-order", "data/quotes.csv", index + 2, "start")


@fault("corrected misspelling in a span text (Hesbollah -> Hezbollah)")
def corrected_spelling(package):
    rows = package.rows("image_captions")
    rows[0]["text"] = rows[0]["text"].replace("Hesbollah", "Hezbollah")
    package.write_rows("image_captions", rows)
    return Expected("span-text", "data/image_captions.csv", 2, "text")


@fault("optional span half filled (time_start without time_end)")
def half_span(package):
    rows = package.rows("facts")
    index = next(i for i, r in enumerate(rows) if r["time_start"])
    rows[index]["time_end"] = ""
    package.write_rows("facts", rows)
    return Expected("span-partial", "data/facts.csv", index + 2, "time_end")


@fault("edited source text (one word changed)")
def edited_text(package):
    package.write(TEXT, package.read(TEXT).replace(b"damning", b"damming"))
    return Expected("text-checksum", "data/articles.csv", 2, "text_sha256")


@fault("source text with a trailing newline added")
def text_newline(package):
    package.write(TEXT, package.read(TEXT) + b"\n")
    return Expected("text-checksum", "data/articles.csv", 2, "text_sha256")


@fault("source text file missing")
def text_missing(package):
    package.path(TEXT).unlink()
    return Expected("file-missing", "data/articles.csv", 2, "text_path")


# ---- attribution chains, coverage, cross-field rules
@fault("cited-via loop between two sources")
def source_loop(package):
    rows = package.rows("sources")
    rows[0]["cited_via_source_id"] = rows[2]["source_id"]  # the report now came through the photo, which came through the report
    package.write_rows("sources", rows)
    return Expected("attribution-loop", "data/sources.csv", 2, "cited_via_source_id")


@fault("quote nested inside itself")
def quote_self(package):
    index = package.row_index("quotes", "quote_id", Q2)
    package.set_cell("quotes", index, "parent_quote_id", Q2)
    return Expected("attribution-loop", "data/quotes.csv", index + 2, "parent_quote_id")


@fault("affiliation loop between two actors")
def affiliation_loop(package):
    a = package.row_index("actors", "actor_id", "white-house")
    package.set_cell("actors", a, "affiliation_actor_id", "alistair-baskey")
    return Expected("attribution-loop", "data/actors.csv", a + 2, "affiliation_actor_id")


@fault("actor never mentioned")
def unmentioned(package):
    rows = package.rows("actors")
    new = dict(rows[0], actor_id="reuters", name="Reuters", description="A news agency.", notes="")
    package.write_rows("actors", rows + [new])
    return Expected("referenced-by", "data/actors.csv", len(rows) + 2, "actor_id")


@fault("mention with both an actor and a place")
def mention_both(package):
    index = package.row_index("mentions", "mention_id", M10)
    package.set_cell("mentions", index, "place_id", "iraq")
    return Expected("exactly-one-of", "data/mentions.csv", index + 2, "actor_id")


@fault("asserted fact given a claimant")
def asserted_with_claimant(package):
    rows = package.rows("facts")
    index = next(i for i, r in enumerate(rows) if r["status"] == "asserted")
    package.set_cell("facts", index, "claimant_actor_id", "mike-flynn")
    return Expected("required-when", "data/facts.csv", index + 2, "claimant_actor_id")


@fault("year guessed into date_iso although the article gives none")
def guessed_year(package):
    index = package.row_index("sources", "source_id", "bloomberg-report-january-8")
    package.set_cell("sources", index, "date_iso", "2015-01-08")
    return Expected("date-agreement", "data/sources.csv", index + 2, "date_iso")


@fault("fact in a quote credited to someone other than the speaker")
def wrong_claimant(package):
    rows = package.rows("facts")
    index = next(i for i, r in enumerate(rows) if r["quote_id"] and r["claimant_actor_id"] == "mike-flynn")
    package.set_cell("facts", index, "claimant_actor_id", "alistair-baskey")
    return Expected("agrees-with-reference", "data/facts.csv", index + 2, "claimant_actor_id")


# ---- CSV faults
@fault("byte-order mark at the start of a CSV")
def bom(package):
    package.write("data/quotes.csv", b"\xef\xbb\xbf" + package.read("data/quotes.csv"))
    return Expected("csv-bom", "data/quotes.csv", 1)


@fault("Latin-1 bytes (file re-saved in Windows-1252)")
def latin1(package):
    text = package.read("data/actors.csv").decode("utf-8").replace("Alistair Baskey", "Alistair Baskéy")
    package.write("data/actors.csv", text.encode("latin-1", errors="replace"))
    line = next(i for i, text_line in enumerate(text.split("\n"), 1) if "Baskéy" in text_line)
    return Expected("csv-encoding", "data/actors.csv", line)


@fault("Latin-1 byte inside a row that also lost a cell")
def latin1_ragged(package):
    lines = package.read("data/places.csv").split(b"\n")
    lines[2] = lines[2].replace(b"Golan Heights", b"Golan H\xe9ights", 1).rsplit(b",", 1)[0]
    package.write("data/places.csv", b"\n".join(lines))
    return Expected("csv-encoding", "data/places.csv", 3)


@fault("CRLF line endings")
def crlf(package):
    package.write("data/places.csv", package.read("data/places.csv").replace(b"\n", b"\r\n"))
    return Expected("csv-line-ending", "data/places.csv", 1)


@fault("ragged row (a cell with an unquoted comma)", frictionless_sees=True)
def ragged(package):
    lines = package.read("data/places.csv").decode().split("\n")
    lines[2] = lines[2].replace("Golan Heights", "Golan, Heights", 1)
    package.write("data/places.csv", "\n".join(lines))
    return Expected("csv-row-width", "data/places.csv", 3)


@fault("row with a cell missing", frictionless_sees=True)
def short_row(package):
    lines = package.read("data/places.csv").decode().split("\n")
    lines[1] = lines[1].rsplit(",", 1)[0]
    package.write("data/places.csv", "\n".join(lines))
    return Expected("csv-row-width", "data/places.csv", 2)


def header_fault(name: str, change):
    def apply(package):
        lines = package.read("data/quotes.csv").decode().split("\n")
        lines = change(lines)
        package.write("data/quotes.csv", "\n".join(lines))
        return Expected("csv-header", "data/quotes.csv", 1)
    FAULTS.append(Fault(name, apply, frictionless_sees=True))


def _drop_column(lines, name="notes"):
    header = lines[0].split(",")
    position = header.index(name)
    import csv
    import io
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:position] + r[position + 1:] for r in rows])
    return out.getvalue().split("\n")


header_fault("missing column (notes deleted)", _drop_column)
header_fault("extra column", lambda lines: [lines[0] + ",reviewer"] + [line + "," if line else line for line in lines[1:]])
header_fault("renamed column (speaker_actor_id -> speaker)", lambda lines: [lines[0].replace("speaker_actor_id", "speaker")] + lines[1:])


@fault("reordered columns (start and end swapped in header and rows)", frictionless_sees=True)
def reordered(package):
    rows = package.rows("quotes")
    header = list(rows[0].keys())
    i, j = header.index("start"), header.index("end")
    header[i], header[j] = header[j], header[i]
    package.write_rows("quotes", rows, header)
    return Expected("csv-header", "data/quotes.csv", 1)


@fault("empty CSV file")
def empty_file(package):
    package.write("data/image_captions.csv", b"")
    return Expected("csv-empty", "data/image_captions.csv", 1)


@fault("header-only CSV file")
def header_only(package):
    package.write("data/image_captions.csv", package.read("data/image_captions.csv").split(b"\n")[0] + b"\n")
    return Expected("table-empty", "data/image_captions.csv", 2)


@fault("header-only CSV file without a final line break")
def header_only_no_newline(package):
    package.write("data/places.csv", package.read("data/places.csv").split(b"\n")[0])
    return Expected("table-empty", "data/places.csv", 2)


@fault("CSV whose first line is a bare carriage return")
def leading_cr(package):
    package.write("data/places.csv", b"\r" + package.read("data/places.csv"))
    return Expected("csv-line-ending", "data/places.csv", 1)


@fault("unclosed quote")
def unclosed(package):
    lines = package.read("data/places.csv").decode().split("\n")
    lines[1] = lines[1].replace("Iraq,", '"Iraq,', 1)
    package.write("data/places.csv", "\n".join(lines))
    return Expected("csv-quote", "data/places.csv", 2)


@fault("blank lines at the end of a CSV")
def trailing_blank(package):
    package.write("data/places.csv", package.read("data/places.csv") + b"\n\n")
    return Expected("csv-blank-row", "data/places.csv")


@fault("blank row in the middle of a CSV", frictionless_sees=True)
def middle_blank(package):
    lines = package.read("data/places.csv").decode().split("\n")
    lines.insert(2, "")
    package.write("data/places.csv", "\n".join(lines))
    return Expected("csv-blank-row", "data/places.csv", 3)


# ---- hostile cells
cell("actors", "actor_id", "mike-flynn", "notes", "=HYPERLINK(\"http://evil.example\",\"click\")", "formula-injection", name="formula injection with =")
cell("actors", "actor_id", "mike-flynn", "description", "+cmd|' /C calc'!A0", "formula-injection", name="formula injection with +")
cell("facts", "fact_id", F5, "notes", "@SUM(1+1)", "formula-injection", name="formula injection with @")
cell("facts", "fact_id", F5, "notes", "-2+3", "formula-injection", name="formula injection with -")
cell("facts", "fact_id", F5, "notes", "\tindented note", "formula-injection", name="cell starting with a tab")
cell("actors", "actor_id", "mike-flynn", "description", "Former director\x07 of the agency.", "control-character", name="bell control character")
cell("actors", "actor_id", "mike-flynn", "notes", "note\x1b[31m red", "control-character", name="ANSI escape sequence")
cell("actors", "actor_id", "mike-flynn", "name", "Mike\u200b Flynn", "invisible-character", name="zero-width space in a name")
cell("actors", "actor_id", "mike-flynn", "notes", "\u202eevil", "invisible-character", name="right-to-left override")
cell("actors", "actor_id", "mike-flynn", "name", "Mike Flynn\u0301", "unicode-nfc", name="combining accent (not NFC)")
cell("actors", "actor_id", "alistair-baskey", "notes", "Cafe\u0301 owner", "unicode-nfc", name="decomposed e-acute")


@fault("21 MB cell", heavy=True)
def huge_cell(package):
    index = package.row_index("actors", "actor_id", "mike-flynn")
    package.set_cell("actors", index, "notes", "x" * 21_000_000 + "\x00")
    return Expected("cell-too-long", "data/actors.csv", index + 2, "notes")


MILLION = 1_000_000
DEEP_LINE = 700_001  # row 700,000 below the header


@fault("mentions.csv grown to a million rows, one dangling actor_id at row 700,000", heavy=True)
def million_rows(package):
    """Scale: the fault must be found and located deep in a large file (Frictionless' row pass is skipped above 20 MB)."""
    raw = package.read("data/mentions.csv").decode("utf-8")
    shipped = raw.count("\n") - 1
    good = f",{ARTICLE},55,62,Iranian,iran,,adjective\n"  # the article's first mention, repeated under new ids
    bad = good.replace(",iran,", ",no-such-actor,")
    extra = [f"{ARTICLE}-x{n}{bad if shipped + n + 2 == DEEP_LINE else good}" for n in range(MILLION - shipped)]
    package.write("data/mentions.csv", raw + "".join(extra))
    return Expected("foreign-key", "data/mentions.csv", DEEP_LINE, "actor_id")


@fault("multi-line notes cell above a dangling reference (lines, not records)", frictionless_sees=True)
def multiline_cell(package):
    rows = package.rows("quotes")
    rows[0]["notes"] = "first line\nsecond line\nthird line"
    rows[3]["speaker_actor_id"] = "no-such-actor"
    package.write_rows("quotes", rows)
    return Expected("foreign-key", "data/quotes.csv", 7, "speaker_actor_id")  # the first row now spans lines 2-4


# ---- descriptor faults
@fault("invalid JSON in datapackage.json")
def invalid_json(package):
    package.write("datapackage.json", package.read("datapackage.json").replace(b'"resources": [', b'"resources": [,', 1))
    return Expected("descriptor-unreadable", "datapackage.json", exit_code=2)


@fault("licence written as a string instead of a list")
def licence_string(package):
    package.edit_json("datapackage.json", lambda d: d.update(licenses="CC-BY-4.0"))
    return Expected("descriptor-invalid", "datapackage.json")


@fault("resource name written as a list")
def name_list(package):
    package.edit_json("datapackage.json", lambda d: d["resources"][2].update(name=["places"]))
    return Expected("descriptor-invalid", "datapackage.json", field="name")


@fault("$schema written as a list")
def schema_uri_list(package):
    package.edit_json("datapackage.json", lambda d: d.update({"$schema": [None]}))
    return Expected("descriptor-invalid", "datapackage.json", field="$schema")


@fault("foreign key declared as an empty object")
def empty_foreign_key(package):
    package.edit_json("schemas/actors.json", lambda s: s.update(foreignKeys=[{}]))
    return Expected("schema-invalid", "schemas/actors.json", field="foreignKeys")


@fault("schema file missing")
def schema_missing(package):
    package.path("schemas/places.json").unlink()
    return Expected("file-missing", "schemas/places.json")


@fault("schema with an unknown field type")
def schema_bad_type(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][1].update(type="text"))
    return Expected("schema-invalid", "schemas/places.json")


@fault("x-spans written as an object, not a list")
def spans_object(package):
    package.edit_json("schemas/facts.json", lambda s: s.update({"x-spans": s["x-spans"][0]}))
    return Expected("schema-invalid", "schemas/facts.json", field="x-spans")


def resource_path(name: str, path: str):
    def apply(package):
        package.edit_json("datapackage.json", lambda d: d["resources"][2].update(path=path))
        return Expected("path-unsafe", "datapackage.json", field="path")
    FAULTS.append(Fault(name, apply))


resource_path("resource path with ..", "../outside/places.csv")
resource_path("absolute resource path", "/etc/passwd")
resource_path("home resource path", "~/places.csv")
resource_path("remote URL resource path", "https://example.org/places.csv")
resource_path("file URL resource path", "file:///etc/passwd")


def resource_property(name: str, key: str, value: str, index: int | None = 2):
    """A descriptor property Frictionless would read as a file or fetch as a URL."""
    def apply(package):
        package.edit_json("datapackage.json", lambda d: (d if index is None else d["resources"][index]).update({key: value}))
        return Expected("path-unsafe", "datapackage.json", field=key)
    FAULTS.append(Fault(name, apply))


resource_property("remote URL schema path", "schema", "https://example.org/places.json")
resource_property("schema path with ..", "schema", "../schemas/places.json")
resource_property("remote URL dialect", "dialect", "https://example.org/dialect.json")
resource_property("remote URL resource profile", "profile", "https://example.org/profile.json")
resource_property("remote URL package profile", "profile", "https://example.org/profile.json", index=None)
resource_property("package profile read from /etc", "profile", "/etc/passwd", index=None)

# Faults whose descriptor names a URL: tests/integration/test_bad_inputs.py runs them again with the network cut.
REMOTE = ["remote URL resource path", "file URL resource path", "remote URL schema path", "remote URL dialect",
          "remote URL resource profile", "remote URL package profile"]


@fault("symbolic link to a schema outside the package")
def schema_symlink(package):
    outside = package.root.parent / "outside.json"
    outside.write_bytes(package.read("schemas/places.json"))
    package.path("schemas/places.json").unlink()
    os.symlink(outside, package.path("schemas/places.json"))
    return Expected("path-unsafe", "datapackage.json", field="schema")


@fault("source text replaced by a symbolic link outside the package")
def text_symlink(package):
    outside = package.root.parent / "outside.txt"
    outside.write_bytes(package.read(TEXT))
    package.path(TEXT).unlink()
    os.symlink(outside, package.path(TEXT))
    return Expected("path-unsafe", "data/articles.csv", 2, "text_path")


@fault("datapackage.json holding a JSON array")
def descriptor_array(package):
    package.write("datapackage.json", "[" + package.read("datapackage.json").decode() + "]")
    return Expected("descriptor-unreadable", "datapackage.json", exit_code=2)


@fault("datapackage.json saved as UTF-16")
def descriptor_utf16(package):
    package.write("datapackage.json", package.read("datapackage.json").decode().encode("utf-16"))
    return Expected("descriptor-unreadable", "datapackage.json", exit_code=2)


@fault("symbolic link leading outside the package")
def symlink(package):
    outside = package.root.parent / "outside.csv"
    outside.write_bytes(package.read("data/places.csv"))
    package.path("data/places.csv").unlink()
    os.symlink(outside, package.path("data/places.csv"))
    return Expected("path-unsafe", "datapackage.json", field="path")


@fault("text_path escaping the package")
def text_path_escape(package):
    package.set_cell("articles", 0, "text_path", "../../etc/passwd")
    return Expected("pattern", "data/articles.csv", 2, "text_path")


@fault("data file named by the descriptor is missing")
def data_missing(package):
    package.path("data/places.csv").unlink()
    return Expected("file-missing", "data/places.csv")


# ---- hostile inputs: a descriptor, schema or file made to slip through, crash the run or exhaust it
def descriptor_text(name: str, change):
    """A fault written into datapackage.json as raw text (JSON a json.dumps would never produce)."""
    def apply(package):
        package.write("datapackage.json", change(package.read("datapackage.json").decode("utf-8")))
        line = [i for i, text in enumerate(package.read("datapackage.json").decode().split("\n"), 1) if MARK in text][-1]  # the second of two is refused
        return Expected("descriptor-unreadable", "datapackage.json", line, exit_code=2)
    FAULTS.append(Fault(name, apply))


MARK = '"version": '
descriptor_text("NaN in datapackage.json", lambda t: t.replace('"version": "0.1.0"', '"version": NaN', 1))
descriptor_text("Infinity in datapackage.json", lambda t: t.replace('"version": "0.1.0"', '"version": Infinity', 1))
descriptor_text("two 'version' keys in datapackage.json (readers disagree on which counts)",
                lambda t: t.replace('"version": "0.1.0",', '"version": "0.1.0",\n  "version": "9.9.9",', 1))


@fault("datapackage.json nested 10,000 levels deep")
def deep_descriptor(package):
    package.edit_json("datapackage.json", lambda d: d.update(keywords="__DEEP__"))
    text = package.read("datapackage.json").decode().replace('"__DEEP__"', "[" * 10_000 + "]" * 10_000)
    package.write("datapackage.json", text)
    line = next(i for i, t in enumerate(text.split("\n"), 1) if "[[[" in t)
    return Expected("descriptor-unreadable", "datapackage.json", line, exit_code=2)


@fault("schema nested 10,000 levels deep")
def deep_schema(package):
    package.edit_json("schemas/places.json", lambda s: s.update(description="__DEEP__"))
    package.write("schemas/places.json", package.read("schemas/places.json").decode().replace('"__DEEP__"', "{\"a\":" * 10_000 + "1" + "}" * 10_000))
    return Expected("schema-invalid", "schemas/places.json")


@fault("5,000-digit integer in a schema")
def huge_integer(package):
    package.edit_json("schemas/quotes.json", lambda s: s["fields"][2]["constraints"].update(minimum="__BIG__"))
    package.write("schemas/quotes.json", package.read("schemas/quotes.json").decode().replace('"__BIG__"', "9" * 5_000))
    return Expected("schema-invalid", "schemas/quotes.json")


@fault("resources is an empty list")
def no_resources(package):
    package.edit_json("datapackage.json", lambda d: d.update(resources=[]))
    return Expected("descriptor-invalid", "datapackage.json", field="resources")


def schema_uri(name: str, value: str):
    def apply(package):
        package.edit_json("datapackage.json", lambda d: d.update({"$schema": value}))
        return Expected("path-unsafe", "datapackage.json", field="$schema")
    FAULTS.append(Fault(name, apply))


schema_uri("$schema as an absolute path", "/etc/passwd")
schema_uri("$schema as a remote URL", "https://example.org/profile.json")
schema_uri("$schema as a file: URL", "file:///etc/passwd")
REMOTE += ["$schema as a remote URL", "$schema as a file: URL"]


@fault("datapackage.json is a symbolic link to a file outside the package")
def descriptor_symlink(package):
    outside = package.root.parent / "outside-datapackage.json"
    outside.write_bytes(package.read("datapackage.json"))
    package.path("datapackage.json").unlink()
    os.symlink(outside, package.path("datapackage.json"))
    return Expected("path-unsafe", "datapackage.json", exit_code=2)


@fault("package name that climbs out of the output folder")
def escaping_name(package):
    package.edit_json("datapackage.json", lambda d: d.update(name="../../../../tmp/escaped"))
    return Expected("descriptor-invalid", "datapackage.json", field="name")


@fault("resource name that is not a plain name")
def escaping_resource_name(package):
    package.edit_json("datapackage.json", lambda d: d["resources"][2].update(name="../places"))
    return Expected("descriptor-invalid", "datapackage.json", field="resources")


@fault("dialect with a semicolon delimiter")
def semicolon_dialect(package):
    package.edit_json("datapackage.json", lambda d: d["resources"][2]["dialect"].update(delimiter=";"))
    return Expected("descriptor-invalid", "datapackage.json", field="resources")


@fault("CSV saved with semicolons")
def semicolon_file(package):
    package.write("data/actors.csv", package.read("data/actors.csv").decode().replace(",", ";"))
    return Expected("csv-dialect", "data/actors.csv", 1)


@fault("declared bytes and hash that do not match the file")
def wrong_hash(package):
    package.edit_json("datapackage.json", lambda d: d["resources"][2].update(bytes=12, hash="sha256:" + "0" * 64))
    return Expected("file-integrity", "data/places.csv", field="hash")


@fault("a required cell holding a value the schema declares missing")
def declared_missing(package):
    package.edit_json("schemas/places.json", lambda s: s.update(missingValues=["", "none"]))
    line = package.set_cell("places", 0, "name", "none")
    return Expected("required", "data/places.csv", line, "name")


@fault("foreign key to a resource that does not exist")
def fk_to_nowhere(package):
    package.edit_json("schemas/mentions.json", lambda s: s["foreignKeys"].append({"fields": ["place_id"], "reference": {"resource": "regions",
                                                                                                                     "fields": ["region_id"]}}))
    return Expected("schema-invalid", "schemas/mentions.json", field="foreignKeys")


@fault("integer enum on a string field")
def integer_enum(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][3]["constraints"].update(enum=[1, 2, 3]))
    return Expected("schema-invalid", "schemas/places.json", field="kind")


@fault("minimum above maximum")
def min_above_max(package):
    package.edit_json("schemas/quotes.json", lambda s: s["fields"][2]["constraints"].update(minimum=10, maximum=1))
    return Expected("schema-invalid", "schemas/quotes.json", field="start")


@fault("minLength above maxLength")
def minlength_above_maxlength(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][1]["constraints"].update(minLength=10, maxLength=2))
    return Expected("schema-invalid", "schemas/places.json", field="name")


@fault("pattern that is not a regular expression")
def broken_pattern(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][0]["constraints"].update(pattern="^[a-z(+$"))
    return Expected("schema-invalid", "schemas/places.json", field="place_id")


@fault("misspelt extension that would switch a rule off (x-span)")
def misspelt_extension(package):
    package.edit_json("schemas/quotes.json", lambda s: s.update({"x-span": s.pop("x-spans")}))
    return Expected("schema-invalid", "schemas/quotes.json", field="x-span")


@fault("CSV saved as UTF-16 with a byte-order mark (Excel's Unicode Text)")
def utf16_csv(package):
    package.write("data/places.csv", package.read("data/places.csv").decode().encode("utf-16"))
    return Expected("csv-encoding", "data/places.csv", 1)




@fault("quote marks inside an unquoted cell, as a contributor types it")
def raw_stray_quote(package):
    text = package.read("data/places.csv").decode().replace("Golan Heights", 'Golan "Heights"', 1)
    package.write("data/places.csv", text)
    return Expected("csv-quote", "data/places.csv", 3, "name")


@fault("article text that is not UTF-8, its checksum re-recorded")
def text_not_utf8(package):
    import hashlib
    raw = package.read(TEXT).replace(b"Alistair", "Al\xefstair".encode("latin-1"))
    package.write(TEXT, raw)
    package.set_cell("articles", 0, "text_sha256", hashlib.sha256(raw).hexdigest())
    package.set_cell("articles", 0, "text_bytes", str(len(raw)))
    return Expected("text-encoding", "data/articles.csv", 2, "text_path")


@fault("article text that is a FIFO")
def text_fifo(package):
    package.path(TEXT).unlink()
    os.mkfifo(package.path(TEXT))
    return Expected("file-missing", "data/articles.csv", 2, "text_path")


cell("actors", "actor_id", "mike-flynn", "name", "Mike\u200f Flynn", "invisible-character", name="right-to-left mark in a name")
cell("actors", "actor_id", "mike-flynn", "notes", "note \U000e0049\U000e0047\U000e004e\U000e004f\U000e0052\U000e0045", "invisible-character",
     name="Unicode tag characters in notes")
cell("actors", "actor_id", "mike-flynn", "notes", "soft\u00adhyphen", "invisible-character", name="soft hyphen in notes")
cell("actors", "actor_id", "mike-flynn", "name", "Mike Flynn ", "cell-whitespace", name="trailing space in a name")
cell("facts", "fact_id", F5, "notes", " Leading space.", "cell-whitespace", name="leading space in notes")
cell("actors", "actor_id", "mike-flynn", "notes", "x" * 100_001, "cell-too-long", name="cell over 100,000 characters")
cell("actors", "actor_id", "mike-flynn", "notes", "\x1b[2J\x1b[Hvalid. Every rule passed.", "control-character", name="terminal escapes in a cell")


def wide_header(columns: int, heavy: bool):
    def apply(package):
        lines = package.read("data/places.csv").decode().split("\n")
        lines[0] = ",".join(f"c{i}" for i in range(columns))
        package.write("data/places.csv", "\n".join(lines))
        return Expected("csv-too-wide", "data/places.csv", 1)
    FAULTS.append(Fault(f"{columns:,}-column header", apply, heavy=heavy))


wide_header(1_001, heavy=False)  # one over the limit
wide_header(20_000, heavy=True)
wide_header(100_000, heavy=True)


@fault("200,000 blank lines", heavy=True)
def many_blank_lines(package):
    package.write("data/places.csv", package.read("data/places.csv") + b"\n" * 200_000)
    return Expected("csv-blank-row", "data/places.csv", 4)


@fault("a row of commas only")
def comma_row(package):
    lines = package.read("data/places.csv").decode().split("\n")
    lines.insert(2, ",,,,,")
    package.write("data/places.csv", "\n".join(lines))
    return Expected("csv-comma-row", "data/places.csv", 3)




@fault("value longer than the field's maxLength", frictionless_sees=True)
def too_long_value(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][1]["constraints"].update(maxLength=5))
    return Expected("length", "data/places.csv", 3, "name")  # Golan Heights


@fault("precision 'year' on a date with day and month and no year")
def wrong_precision(package):
    index = package.row_index("sources", "source_id", "bloomberg-report-january-8")
    line = package.set_cell("sources", index, "date_precision", "year")
    return Expected("date-precision", "data/sources.csv", line, "date_precision")


@fault("edited source text: its spans are summarised, not listed")
def edited_text_spans(package):
    package.write(TEXT, package.read(TEXT).replace(b"damning", b"damming"))
    return Expected("span-unchecked", "data/mentions.csv", 2, "article_id")


@fault("field without a description")
def undocumented_field(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][5].pop("description"))
    return Expected("field-documented", "schemas/places.json", field="notes")


@fault("field example that breaks its own pattern")
def bad_example(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][0].update(example="Golan Heights"))
    return Expected("field-example", "schemas/places.json", field="place_id")


@fault("codebook category missing from a coded field")
def codebook_gap(package):
    package.edit_json("schemas/places.json", lambda s: s["fields"][3]["categories"].pop())
    return Expected("codebook", "schemas/places.json", field="kind")


@fault("list of inferred fields naming a field that is empty in the row")
def field_list(package):
    def add_field(schema):
        schema["fields"].append({"name": "inferred_fields", "type": "string", "x-field-list": True, "example": "name",
                                 "description": "Which fields of the row are the annotators' inference."})
    package.edit_json("schemas/places.json", add_field)
    rows = package.rows("places")
    for row in rows:
        row["inferred_fields"] = ""
    rows[1]["inferred_fields"] = "name wikidata_id"
    package.write_rows("places", rows)
    return Expected("field-list", "data/places.csv", 3, "inferred_fields")


@fault("is_named true for an actor never mentioned by name")
def named_flag(package):
    def declare(schema):
        for spec in schema["fields"]:
            if spec["name"] == "is_named":
                spec["x-true-iff-referenced"] = {"resource": "mentions", "fields": ["actor_id"], "where": {"field": "mention_kind", "in": ["proper_name"]}}
    package.edit_json("schemas/actors.json", declare)
    named = {r["actor_id"] for r in package.rows("mentions") if r["mention_kind"] == "proper_name"}
    index = next(i for i, r in enumerate(package.rows("actors")) if r["is_named"] == "true" and r["actor_id"] not in named)
    return Expected("flag-agreement", "data/actors.csv", index + 2, "is_named")


def with_exclusions(package) -> None:
    """Declare the every-occurrence rule on mentions, with an (empty) exclusions table, as the fixture predates both."""
    package.edit_json("schemas/mentions.json", lambda s: s.update({"x-every-occurrence": {"span": "mention", "exclusions": "mention_exclusions"}}))
    schema = {"fields": [
        {"name": "article_id", "type": "string", "description": "The article.", "example": ARTICLE, "constraints": {"required": True}},
        {"name": "start", "type": "integer", "description": "Start.", "example": 0, "constraints": {"required": True}},
        {"name": "end", "type": "integer", "description": "End.", "example": 4, "constraints": {"required": True}},
        {"name": "text", "type": "string", "description": "The words.", "example": "Iraq", "constraints": {"required": True}},
        {"name": "guideline_rule", "type": "string", "description": "The rule.", "example": "M1", "constraints": {"required": True}}],
        "primaryKey": ["article_id", "start", "end"],
        "foreignKeys": [{"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}],
        "x-spans": [{"name": "exclusion", "start": "start", "end": "end", "text": "text", "required": True}]}
    package.write("schemas/mention_exclusions.json", json.dumps(schema))
    package.write("data/mention_exclusions.csv", "article_id,start,end,text,guideline_rule\n")
    def add(descriptor):
        descriptor["resources"].append({"name": "mention_exclusions", "path": "data/mention_exclusions.csv", "schema": "schemas/mention_exclusions.json",
                                        "format": "csv", "encoding": "utf-8"})
    package.edit_json("datapackage.json", add)


@fault("a surface form annotated once but not everywhere it occurs")
def unannotated_occurrence(package):
    with_exclusions(package)
    # the fixture predates the rule: find the first form with an occurrence it leaves unannotated
    text = package.read(TEXT).decode()
    rows = package.rows("mentions")
    spans = {(int(r["start"]), int(r["end"])) for r in rows}
    for row in rows:
        form, at = row["text"], text.find(row["text"])
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + len(form)] if at + len(form) < len(text) else " "
            if not before.isalnum() and not after.isalnum() and (at, at + len(form)) not in spans:
                first = next(i for i, r in enumerate(rows) if r["text"] == form)
                return Expected("every-occurrence", "data/mentions.csv", first + 2, "text")
            at = text.find(form, at + 1)
    raise AssertionError("the fixture annotates every occurrence of every form")


@fault("a quote's cue moved to another sentence, far from the quote")
def distant_cue(package):
    index = package.row_index("quotes", "quote_id", Q2)
    package.set_cell("quotes", index, "cue_start", "2755")
    package.set_cell("quotes", index, "cue_end", "2759")
    return Expected("cue-distance", "data/quotes.csv", index + 2, "cue_start")


@fault("a fact's span moved outside the quote it sits in")
def fact_outside_quote(package):
    rows = package.rows("facts")
    index = next(i for i, r in enumerate(rows) if r["quote_id"] == f"{ARTICLE}-q03")
    package.set_cell("facts", index, "start", "1100")
    package.set_cell("facts", index, "end", "1151")
    package.set_cell("facts", index, "text", "the U.S. government can account for all its weapons")
    return Expected("span-within", "data/facts.csv", index + 2, "start")


@fault("two resources with the same name")
def duplicate_resource(package):
    package.edit_json("datapackage.json", lambda d: d["resources"].append(dict(d["resources"][2])))
    return Expected("descriptor-invalid", "datapackage.json", field="resources")


@fault("an exclusion listing a span that is annotated as a mention")
def needless_exclusion(package):
    with_exclusions(package)
    mention = package.rows("mentions")[0]
    package.write("data/mention_exclusions.csv", "article_id,start,end,text,guideline_rule\n"
                  f"{ARTICLE},{mention['start']},{mention['end']},{mention['text']},M1\n")
    return Expected("exclusion-needed", "data/mention_exclusions.csv", 2, "start")


@fault("value above the field's maximum", frictionless_sees=True)
def above_maximum(package):
    package.edit_json("schemas/quotes.json", lambda s: next(f for f in s["fields"] if f["name"] == "start")["constraints"].update(maximum=3000))
    line = package.set_cell("quotes", package.row_index("quotes", "quote_id", Q2), "start", "3001")
    return Expected("maximum", "data/quotes.csv", line, "start")


# ---- heavy hostile inputs: an article of megabytes whose spans are all off by one
def long_article(megabytes: int, spans: int):
    """The article repeated to `megabytes` (its checksum re-recorded), with `spans` mentions one code point off."""
    def apply(package):
        raw = package.read(TEXT)
        text = raw.decode("utf-8")
        repeated = raw * (megabytes * 1_000_000 // len(raw) + 1)
        package.write(TEXT, repeated)
        row = package.rows("articles")[0]
        row.update(text_sha256=__import__("hashlib").sha256(repeated).hexdigest(), text_bytes=str(len(repeated)),
                   text_length=str(len(text) * (len(repeated) // len(raw))))
        package.write_rows("articles", [row])
        rows = package.rows("mentions")
        first = rows[0]  # "Iranian" at 55-62 in every copy of the article
        copies = len(repeated) // len(raw)
        for n in range(spans):
            shift = len(text) * (1 + n % (copies - 1)) + 1  # in a later copy, one code point late
            rows.append(dict(first, mention_id=f"{ARTICLE}-x{n:05d}", start=str(int(first["start"]) + shift), end=str(int(first["end"]) + shift)))
        package.write_rows("mentions", rows)
        return Expected("span-text", "data/mentions.csv", len(rows) - spans + 2, "text")
    FAULTS.append(Fault(f"{megabytes} MB article with {spans:,} off-by-one spans", apply, heavy=True))


long_article(4, 1_570)
long_article(10, 2_000)


# ---- schema changes a pull request makes: validated against the base branch's schemas too
def git(package, *args: str) -> None:
    import subprocess
    subprocess.run(["git", "-C", str(package.root), "-c", "user.name=Contributor", "-c", "user.email=contributor@example.org", *args],
                   check=True, capture_output=True, timeout=60)


def committed(package) -> None:
    """The package as the base branch holds it: a git repository with one commit."""
    git(package, "init", "--quiet")
    git(package, "add", "--all")
    git(package, "commit", "--quiet", "--message", "base")


@fault("span group removed from a schema (switches span grounding off)", args=("--base-schemas", "HEAD"))
def spans_removed(package):
    committed(package)
    package.edit_json("schemas/image_captions.json", lambda s: s.pop("x-spans"))
    return Expected("rule-switched-off", "schemas/image_captions.json")


@fault("code added to a schema's enum and used in the data", args=("--base-schemas", "HEAD"))
def enum_widened(package):
    committed(package)

    def widen(schema):
        kind = next(f for f in schema["fields"] if f["name"] == "kind")
        kind["constraints"]["enum"].append("region_group")
        kind["categories"].append({"value": "region_group", "label": "Group of regions", "description": "Several regions named together."})
    package.edit_json("schemas/places.json", widen)
    line = package.set_cell("places", 1, "kind", "region_group")
    return Expected("base-schemas", "data/places.csv", line, "kind")


# ---- found by a set of hostile inputs made apart from this corpus
def schema_text(name: str, path: str, change, marker: str):
    """A fault written into a schema as raw text; it is named at the line holding `marker`."""
    def apply(package):
        package.write(path, change(package.read(path).decode("utf-8")))
        line = next(i for i, text in enumerate(package.read(path).decode("utf-8").split("\n"), 1) if marker in text)
        return Expected("schema-invalid", path, line)
    FAULTS.append(Fault(name, apply))


schema_text("a number too large for a double in a schema (1e999 reads as Infinity)", "schemas/mentions.json",
            lambda t: t.replace('"minimum": 0', '"maximum": 1e999, "minimum": 0', 1), "1e999")
schema_text("a key written twice in one object of a schema, early in the file", "schemas/mentions.json",
            lambda t: t.replace('"minimum": 0', '"minimum": 5000, "minimum": 0', 1), '"minimum": 5000')


@fault("resource path holding a line break and '::' (a file name that would forge a CI annotation)")
def path_with_line_break(package):
    forged = "data/places\n::error file=README.md::forged.csv"
    os.rename(package.path("data/places.csv"), package.path(forged))
    package.edit_json("datapackage.json", lambda d: next(r for r in d["resources"] if r["name"] == "places").update(path=forged))
    return Expected("path-unsafe", "datapackage.json", field="path")
