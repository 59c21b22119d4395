"""The data diff: rows added, removed and changed per table, and the stable-id rule.

`python -m validate diff BASE_REF [--root PATH]` compares the package at a git ref
(read with `git show REF:path`, no network) with the working tree and prints
Markdown fit for `$GITHUB_STEP_SUMMARY`. The release script writes the same diff,
since the previous release, into the release's CHANGELOG.md entry.

Rows are keyed by each table's primary key (composite keys too) and compared with
csv-diff. Every value is data, never markup: each cell is escaped for Markdown.

Stable ids: an id that disappears, or comes back meaning something else, fails
(exit 1) unless `deprecations.json` beside `datapackage.json` lists it:
- removed: a primary key of the base is not in the working tree;
- redefined: the row kept its key but now denotes another thing. A row with a span
  (`x-spans`) denotes the words at its main span: it means something else when its
  article changes or its new span does not overlap the old one (a corrected
  boundary overlaps; the texts never change, so offsets compare). An article row
  denotes its text: a changed checksum. Any other row with a `name` field denotes
  what it names: a changed name;
- reused: a key listed as withdrawn in deprecations.json is back.
A withdrawn id is excused by a `withdrawn` entry; a meaning change only by a
`corrected` entry added in the same range of changes (an old entry does not excuse
a new change).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import csv_diff
import jsonschema

from . import gitref
from .paths import PLAIN_PATH

DESCRIPTOR = "datapackage.json"
DEPRECATIONS = "deprecations.json"
MAX_ROWS = 100  # rows shown per table and kind of change; the rest are counted

DEPRECATIONS_SCHEMA = {
    "type": "object",
    "required": ["deprecations"],
    "properties": {
        "description": {"type": "string"},
        "deprecations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["table", "id", "status", "reason"],
                "additionalProperties": False,
                "properties": {
                    "table": {"type": "string", "minLength": 1},
                    "id": {"oneOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
                    "status": {"enum": ["withdrawn", "corrected"]},
                    "replaced_by": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    "version": {"type": "string"},
                    "reason": {"type": "string", "minLength": 1},
                },
            },
        },
    },
}


class DiffError(Exception):
    """The diff cannot run at all (exit 2): not a git repository, an unknown ref, an unreadable descriptor."""


class InvalidDeprecations(DiffError):
    """deprecations.json does not follow its schema: the contributor's to fix (exit 1)."""


# --- Escaping ---------------------------------------------------------------------

# The characters that can start markup inside a line of GitHub Markdown: code,
# emphasis, links and images, HTML and entities, table cells, strikethrough, math,
# e-mail autolinks and mentions, and "#" references. Backslash-escaping them
# (CommonMark allows it for any ASCII punctuation) leaves the rest readable in the
# raw file. Bare URLs ("https://", "www.") are broken up below. Lines never start
# with a value, so list and heading markers need nothing.
_MARKUP = set("\\`*_[]<>!|&~$@#")
_AUTOLINK = re.compile(r"(?i)(?<![a-z0-9])(www)\.|:(?=//)")


def _visible(char: str) -> str:
    """A control, format or separator character as a visible code (⟨U+000A⟩), never as itself."""
    return f"⟨U+{ord(char):04X}⟩"


def markdown(value: object) -> str:
    """A value as inert Markdown text, for a table cell or a line: what you read is what the file holds."""
    if value is None:
        return ""
    text = str(value)
    out = []
    for char in text:
        if char in _MARKUP:
            out.append("\\" + char)
        elif not char.isprintable() and char != " ":
            out.append(_visible(char))  # newlines, tabs, control, zero-width and bidi characters
        else:
            out.append(char)
    escaped = "".join(out)
    escaped = _AUTOLINK.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else "\\:", escaped)
    # Leading and trailing spaces would vanish from a table cell: show them.
    stripped = escaped.strip(" ")
    if stripped != escaped:
        lead = len(escaped) - len(escaped.lstrip(" "))
        trail = len(escaped) - len(escaped.rstrip(" "))
        escaped = "␠" * lead + stripped + "␠" * trail
    return escaped


def terminal(value: object) -> str:
    """A value for a terminal or CI log line: control and format characters shown as codes."""
    return "".join(c if c.isprintable() else _visible(c) for c in str(value))


# --- Reading one version of the package ------------------------------------------------


@dataclass
class Side:
    """One version of the package's files: `read(path)` gives a file's bytes, or None when absent."""

    label: str
    read: Callable[[str], bytes | None]


def _plain(path: object) -> str | None:
    if isinstance(path, str) and PLAIN_PATH.fullmatch(path) and ".." not in path.split("/"):
        return path
    return None


def working_tree(root: Path) -> Side:
    base = root.resolve()

    def read(path: str) -> bytes | None:
        target = (base / path).resolve()
        # A link that leads outside the package is not read: its target is not package data.
        if not target.is_relative_to(base) or not target.is_file():
            return None
        return target.read_bytes()

    return Side("the working tree", read)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def git_ref(root: Path, ref: str) -> Side:
    """The package as it is at `ref`, read with `git show`: never the network, never the working tree."""
    if not ref or ref.startswith("-"):
        raise DiffError(f"not a git ref: {terminal(ref)!r}")
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise DiffError(f"unknown git ref {terminal(ref)!r} (in CI, check out with fetch-depth: 0 so the base branch is there)")
    commit = found.stdout.decode().strip()

    def read(path: str) -> bytes | None:
        return gitref.show(root, commit, path)

    return Side(ref, read)


@dataclass
class Table:
    name: str
    fields: list[str]
    key: list[str]
    rows: dict[tuple, dict[str, str]]  # primary key -> row, in file order
    meaning: Callable[[dict[str, str]], tuple | None]


def _dialect(entry: dict) -> type[csv.Dialect]:
    dialect = entry.get("dialect")
    declared: dict = dialect if isinstance(dialect, dict) else {}

    class Declared(csv.excel):
        pass

    for attribute, key in (("delimiter", "delimiter"), ("quotechar", "quoteChar")):
        value = declared.get(key)
        if isinstance(value, str) and len(value) == 1:
            setattr(Declared, attribute, value)
    return Declared


def _load_json(side: Side, path: str) -> dict | None:
    data = side.read(path)
    if data is None:
        return None
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DiffError(f"{path} in {terminal(side.label)} is not readable JSON: {error}") from None
    return loaded if isinstance(loaded, dict) else None


def _meaning(schema: dict, texts: dict, name: str, foreign_keys: list[dict]) -> Callable[[dict[str, str]], tuple | None]:
    """What a row denotes, for the stable-id rule (see the module docstring)."""
    spans = schema.get("x-spans") or []
    article = next(
        (fk["fields"] for fk in foreign_keys if isinstance(fk.get("reference"), dict) and fk["reference"].get("resource") == texts.get("resource")),
        None,
    )
    names = [f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)]
    if spans and isinstance(spans[0], dict) and article:
        start, end, text = (str(spans[0].get(k)) for k in ("start", "end", "text"))
        return lambda row: ("span", row.get(article[0]), row.get(start), row.get(end), row.get(text))
    if name == texts.get("resource") and texts.get("sha256") in names:
        return lambda row: ("text", row.get(texts["sha256"]))
    if "name" in names:
        return lambda row: ("name", row.get("name"))
    return lambda row: None


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def declared_texts(side: Side) -> dict:
    descriptor = _load_json(side, DESCRIPTOR)
    declared = descriptor.get("x-texts") if isinstance(descriptor, dict) else None
    return declared if isinstance(declared, dict) else {}


def read_tables(side: Side, texts_fallback: dict | None = None) -> dict[str, Table]:
    descriptor = _load_json(side, DESCRIPTOR)
    if descriptor is None:
        raise DiffError(f"no readable {DESCRIPTOR} in {terminal(side.label)}")
    declared = descriptor.get("x-texts")
    # A base that predates the x-texts declaration is read with the other side's: the texts table is the same.
    texts: dict = declared if isinstance(declared, dict) else (texts_fallback or {})
    tables = {}
    for entry in descriptor.get("resources", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        name = entry["name"]
        schema = entry.get("schema")
        if isinstance(schema, str):
            schema = _load_json(side, schema) if _plain(schema) else None
        path = _plain(entry.get("path"))
        data = side.read(path) if path else None
        if not isinstance(schema, dict) or data is None:
            raise DiffError(f"table {terminal(name)!r} in {terminal(side.label)}: its schema or CSV file is missing or not a plain relative path")
        key = _as_list(schema.get("primaryKey"))
        foreign_keys = [fk for fk in schema.get("foreignKeys", []) if isinstance(fk, dict) and "fields" in fk]
        for fk in foreign_keys:
            fk["fields"] = _as_list(fk["fields"])
        # csv-diff reads the rows (with the declared dialect, never a sniffed one); they are keyed here,
        # because its own key= takes a single column and the package has composite keys.
        text = data.decode("utf-8-sig", errors="replace")  # the validator names bad bytes; the diff shows what it can
        try:
            header = next(csv.reader(io.StringIO(text, newline=""), dialect=_dialect(entry)), [])
            loaded = csv_diff.load_csv(io.StringIO(text, newline=""), dialect=_dialect(entry)) if header else {}
        except csv.Error as error:
            raise DiffError(f"{terminal(path)} in {terminal(side.label)} cannot be read as CSV: {error}") from None
        rows = {}
        if key and set(key) <= set(header):
            rows = {tuple(row.get(k, "") for k in key): row for row in loaded.values()}
        elif loaded:
            rows = {(digest,): row for digest, row in loaded.items()}  # no usable key: whole rows are compared
            key = []
        tables[name] = Table(name, header, key, rows, _meaning(schema, texts, name, foreign_keys))
    return tables


# --- Comparing -----------------------------------------------------------------------


@dataclass
class TableDiff:
    name: str
    key: list[str]
    fields: list[str]
    added: list[dict[str, str]] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    changed: list[tuple[tuple, dict[str, tuple[str, str]]]] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed or self.note)


@dataclass
class IdProblem:
    table: str
    key: tuple
    message: str


@dataclass
class DataDiff:
    base: str
    head: str
    tables: list[TableDiff]
    problems: list[IdProblem]
    excused: list[str]  # changes of ids that deprecations.json lists, said plainly


def compare_table(name: str, old: Table | None, new: Table | None) -> TableDiff:
    head = new or old
    assert head is not None
    result = TableDiff(name, head.key, head.fields)
    if old is None or new is None:
        result.note = "new table" if old is None else "table removed"
        (result.added if old is None else result.removed).extend(head.rows.values())
        return result
    if old.key != new.key:
        result.note = f"primary key changed from ({', '.join(old.key)}) to ({', '.join(new.key)})"
        new = Table(new.name, new.fields, old.key, {tuple(r.get(k, "") for k in old.key): r for r in new.rows.values()}, new.meaning)
    if not old.rows or not new.rows:
        # csv-diff needs a row on each side to compare columns.
        result.added, result.removed = list(new.rows.values()), list(old.rows.values())
        return result
    compared = csv_diff.compare(old.rows, new.rows)
    result.added, result.removed = compared["added"], compared["removed"]
    result.columns_added = [c for c in new.fields if c in compared["columns_added"]]
    result.columns_removed = [c for c in old.fields if c in compared["columns_removed"]]
    order = {f: i for i, f in enumerate(new.fields)}
    for change in compared["changed"]:
        cells = {f: (old_value, new_value) for f, (old_value, new_value) in change["changes"].items()}
        result.changed.append((change["key"], dict(sorted(cells.items(), key=lambda item: order.get(item[0], len(order))))))
    return result


@dataclass
class Deprecation:
    table: str
    key: tuple
    status: str


def read_deprecations(side: Side) -> list[Deprecation]:
    data = _load_json(side, DEPRECATIONS)
    if data is None:
        return []
    try:
        jsonschema.validate(data, DEPRECATIONS_SCHEMA)
    except jsonschema.ValidationError as error:
        where = "/".join(str(p) for p in error.absolute_path)
        raise InvalidDeprecations(f"{DEPRECATIONS} in {terminal(side.label)} at {where or 'the top'}: {terminal(error.message)}") from None
    return [Deprecation(d["table"], tuple(_as_list(d["id"])), d["status"]) for d in data["deprecations"]]


def _overlap(old: tuple, new: tuple) -> bool:
    """Same article, and the spans share a code point (or an empty span sits at the same place)."""
    try:
        o_start, o_end, n_start, n_end = int(old[2]), int(old[3]), int(new[2]), int(new[3])
    except (TypeError, ValueError):
        return old == new
    if old[1] != new[1]:
        return False
    return max(o_start, n_start) < min(o_end, n_end) or (o_start, o_end) == (n_start, n_end)


def _describe(meaning: tuple) -> str:
    if meaning[0] == "span":
        return f"the words {meaning[4]!r} at {meaning[2]}-{meaning[3]} of article {meaning[1]}"
    return f"{meaning[0]} {meaning[1]!r}"


def _show_key(key: tuple) -> str:
    return ", ".join(key)


def stable_ids(old: dict[str, Table], new: dict[str, Table], before: list[Deprecation], after: list[Deprecation]) -> tuple[list[IdProblem], list[str]]:
    withdrawn = {(d.table, d.key) for d in before + after if d.status == "withdrawn"}
    corrected_now = {(d.table, d.key) for d in after if d.status == "corrected"} - {(d.table, d.key) for d in before if d.status == "corrected"}
    problems, excused = [], []
    for name, table in old.items():
        if not table.key:
            continue
        current = new.get(name)
        current_rows = current.rows if current is not None and current.key == table.key else {}
        for key, row in table.rows.items():
            if key not in current_rows:
                if (name, key) in withdrawn:
                    excused.append(f"{name} id {_show_key(key)} withdrawn, as {DEPRECATIONS} records")
                else:
                    problems.append(IdProblem(name, key, (
                        f"{name}: id {_show_key(key)!r} was removed. Ids are stable: restore the row, or list the id in "
                        f"{DEPRECATIONS} with status withdrawn (and replaced_by, if another row takes its place).")))
                continue
            was, now = table.meaning(row), current.meaning(current_rows[key]) if current else None
            if was is None or now is None or was == now or (was[0] == "span" and now[0] == "span" and _overlap(was, now)):
                continue
            if (name, key) in corrected_now:
                excused.append(f"{name} id {_show_key(key)} corrected, as {DEPRECATIONS} records: now {_describe(now)}")
            else:
                problems.append(IdProblem(name, key, (
                    f"{name}: id {_show_key(key)!r} now means something else: it was {_describe(was)}, it is {_describe(now)}. "
                    f"Give the new row a new id (and withdraw this one), or, if this corrects the same thing, list it in "
                    f"{DEPRECATIONS} with status corrected.")))
    for name, table in new.items():
        before_rows = old[name].rows if name in old else {}
        for key in table.rows:
            if key not in before_rows and (name, key) in withdrawn:
                problems.append(IdProblem(name, key, (
                    f"{name}: id {_show_key(key)!r} was withdrawn ({DEPRECATIONS}) and cannot come back: give the row a new id.")))
    return problems, excused


def diff(base: Side, head: Side) -> DataDiff:
    old, new = read_tables(base, declared_texts(head)), read_tables(head, declared_texts(base))
    tables = [compare_table(name, old.get(name), new.get(name)) for name in [*new, *(n for n in old if n not in new)]]
    problems, excused = stable_ids(old, new, read_deprecations(base), read_deprecations(head))
    return DataDiff(base.label, head.label, [t for t in tables if not t.empty], problems, excused)


# --- Markdown --------------------------------------------------------------------------


def _row(cells: Iterable[object]) -> str:
    return "| " + " | ".join(markdown(c) for c in cells) + " |"


def _table(header: list[str], rows: Iterable[Iterable[object]]) -> list[str]:
    return [_row(header), "|" + "---|" * len(header), *(_row(r) for r in rows)]


def _capped(rows: list, limit: int) -> tuple[list, str]:
    rest = len(rows) - limit
    return (rows[:limit], f"\n…and {rest} more, not shown.\n") if rest > 0 else (rows, "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def table_markdown(t: TableDiff, limit: int = MAX_ROWS, level: int = 3) -> list[str]:
    h = "#" * level
    counts = ", ".join(p for p in (
        t.added and f"{_plural(len(t.added), 'row')} added",
        t.removed and f"{_plural(len(t.removed), 'row')} removed",
        t.changed and f"{_plural(len(t.changed), 'row')} changed",
    ) if p)
    lines = [f"{h} {markdown(t.name)}", "", markdown("; ".join(p for p in (t.note, counts) if p)) or "Columns changed.", ""]
    if t.columns_added or t.columns_removed:
        lines += [f"Columns added: {markdown(', '.join(t.columns_added)) or 'none'}; removed: {markdown(', '.join(t.columns_removed)) or 'none'}.", ""]
    key = t.key or ["row"]
    if t.changed:
        shown, more = _capped(t.changed, limit)
        cells = [(*k, f, old, "→", new) for k, changes in shown for f, (old, new) in changes.items()]
        lines += [f"{h}# Changed cells (old → new)", "", *_table([*key, "field", "old", "", "new"], cells), more, ""]
    for title, rows in (("Added rows", t.added), ("Removed rows", t.removed)):
        if rows:
            shown, more = _capped(rows, limit)
            lines += [f"{h}# {title}", "", *_table(t.fields, ([r.get(f, "") for f in t.fields] for r in shown)), more, ""]
    return lines


def to_markdown(d: DataDiff, limit: int = MAX_ROWS, level: int = 2) -> str:
    h = "#" * level
    lines = [f"{h} Data changes: {markdown(d.base)} → {markdown(d.head)}", ""]
    if d.problems:
        lines += [f"**Stable ids: {_plural(len(d.problems), 'problem')}.** Ids are promised stable across releases.", ""]
        shown, more = _capped(d.problems, limit)
        lines += [f"- {markdown(p.message)}" for p in shown] + [more, ""]
    if d.excused:
        lines += ["Id changes recorded in deprecations.json:", ""] + [f"- {markdown(e)}" for e in d.excused] + [""]
    if not d.tables:
        return "\n".join(lines + ["No rows added, removed or changed.", ""])
    lines += _table(["table", "added", "removed", "changed"], ((t.name, len(t.added), len(t.removed), len(t.changed)) for t in d.tables))
    lines.append("")
    for t in d.tables:
        lines += table_markdown(t, limit, level + 1)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Command line ----------------------------------------------------------------------

DEFAULT_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Exit 0: no id problem. 1: an id disappeared or changed meaning (or deprecations.json is invalid). 2: cannot run."""
    parser = argparse.ArgumentParser(prog="python -m validate diff", description="Data diff of the package between a git ref and the working tree, as Markdown.")
    parser.add_argument("base_ref", help="git ref to compare with, such as origin/main")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder holding datapackage.json (default: this repository's)")
    parser.add_argument("--max-rows", type=int, default=MAX_ROWS, help=f"rows shown per table and kind of change (default {MAX_ROWS})")
    args = parser.parse_args(argv)
    root = args.root.parent if args.root.name == DESCRIPTOR else args.root
    try:
        result = diff(git_ref(root, args.base_ref), working_tree(root))
    except DiffError as error:
        print(f"diff: {error}", file=sys.stderr)
        return 1 if isinstance(error, InvalidDeprecations) else 2
    sys.stdout.write(to_markdown(result, args.max_rows))
    for problem in result.problems:
        print(f"diff: {terminal(problem.message)}", file=sys.stderr)
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
