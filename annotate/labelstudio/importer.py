"""import-labelstudio: a Label Studio JSON export into mention and quote rows for a person to complete.

Every exported region is checked against the article at its offsets. Label
Studio counted UTF-16 code units in some versions (its issues #1347 and
#4988: JavaScript string lengths), which differ from code points after any
character beyond U+FFFF; such offsets are converted, and a region whose words
still do not sit there is re-anchored to the nearest occurrence of its words.
A region that cannot be anchored is reported and never written.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from validate.model import Package

from ..ids import next_ids
from ..package import article_field as package_article_field
from ..package import read_article, texts
from ..spans import nearest, occurrences, utf16_to_code_points
from ..tables import TableFile, append, describe, read_table, save, shown

# The vocabulary of config.xml: which label fills which table, and which field the per-region actor id fills.
LABEL_TABLES = {"mention": "mentions", "quote": "quotes"}
ACTOR_FIELDS = {"mentions": "actor_id", "quotes": "speaker_actor_id"}
CUE_LABEL = "cue"  # fills the quotes' span group of the same name
LABELS_FROM = "label"
ACTOR_FROM = "actor_id"
TEXT_KEY = "text"  # <Text value="$text">


class ExportError(Exception):
    """The file is not a Label Studio JSON export."""


@dataclass
class Region:
    id: str
    label: str
    start: Any
    end: Any
    text: Any
    actor_id: str = ""


@dataclass
class Anchor:
    start: int
    end: int
    how: str  # "" when the export's offsets were right


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def anchor(article: str, task_text: str, region: Region) -> Anchor | str:
    """Code-point offsets at which the region's words sit in the article, or why there are none."""
    words, start, end = region.text, as_int(region.start), as_int(region.end)
    if not isinstance(words, str) or not words:
        return "the region has no text"
    if start is not None and end is not None and article[start:end] == words:
        return Anchor(start, end, "")
    converted = None if start is None else utf16_to_code_points(task_text, start)
    converted_end = None if end is None else utf16_to_code_points(task_text, end)
    if converted is not None and converted_end is not None and article[converted:converted_end] == words:
        return Anchor(converted, converted_end, f"converted from UTF-16 units {start}-{end}")
    starts = occurrences(article, words)
    if not starts:
        return "its words do not occur in the article"
    guess = converted if converted is not None else start if start is not None else 0
    new = nearest(starts, guess)
    how = f"re-anchored from {region.start}-{region.end} to the {'only' if len(starts) == 1 else f'nearest of {len(starts)}'} occurrence"
    return Anchor(new, new + len(words), how)


def trimmed(article: str, place: Anchor) -> Anchor:
    """The span without the spaces or line breaks a selection picked up at either end (a cell never starts or ends with one)."""
    words = article[place.start:place.end]
    start = place.start + len(words) - len(words.lstrip())
    end = max(start, place.end - (len(words) - len(words.rstrip())))
    if (start, end) == (place.start, place.end):
        return place
    how = "; ".join(filter(None, [place.how, "surrounding whitespace left out of the span"]))
    return Anchor(start, end, how)


def load_export(path: Path) -> list[dict]:
    try:
        tasks = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportError(f"{path} cannot be read as JSON: {error}") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise ExportError(f"{path} is not a Label Studio JSON export (a list of tasks)")
    return tasks


def tasks_for(tasks: list[dict], article_id: str, article_text: str) -> list[dict]:
    """The tasks of this article: by the article_id in their data, else by their text being the article's."""
    def belongs(task: dict) -> bool:
        data = task.get("data")
        if not isinstance(data, dict):
            return False
        if "article_id" in data:
            return data["article_id"] == article_id
        return data.get(TEXT_KEY) == article_text
    return [task for task in tasks if belongs(task)]


def regions(task: dict) -> Iterator[tuple[list[Region], list[tuple[str, str]]]]:
    """Per submitted annotation: its labelled regions (with their actor ids) and its relations."""
    for annotation in task.get("annotations") or []:
        if not isinstance(annotation, dict) or annotation.get("was_cancelled"):
            continue
        found: dict[str, Region] = {}
        typed: dict[str, str] = {}
        relations = []
        for result in annotation.get("result") or []:
            if not isinstance(result, dict):
                continue
            value = result.get("value")
            if not isinstance(value, dict):
                value = {}
            if result.get("type") == "labels" and result.get("from_name") == LABELS_FROM:
                for label in value.get("labels") or []:
                    found[str(result.get("id"))] = Region(str(result.get("id")), str(label), value.get("start"), value.get("end"), value.get("text"))
            elif result.get("type") == "textarea" and result.get("from_name") == ACTOR_FROM:
                lines = value.get("text") or []
                typed[str(result.get("id"))] = str(lines[0]).strip() if lines else ""
            elif result.get("type") == "relation":
                relations.append((str(result.get("from_id")), str(result.get("to_id"))))
        for region_id, actor in typed.items():
            if region_id in found:
                found[region_id].actor_id = actor
        yield list(found.values()), relations


def run(package: Package, export: Path, article_id: str, write: bool, out: TextIO) -> int:
    article_rows = read_table(package, texts(package).resource).rows
    article = read_article(package, article_rows, article_id).text
    try:
        tasks = tasks_for(load_export(export), article_id, article)
    except ExportError as error:
        print(f"error: {error}", file=out)
        return 1
    if not tasks:
        print(f"No task of {export} is article {article_id} (by data.article_id, or by a text equal to the article's).", file=out)
        return 1
    tables = {name: read_table(package, name) for name in LABEL_TABLES.values()}
    actors = {row[package.resources["actors"].primary_key[0]] for row in read_table(package, "actors").rows} if "actors" in package.resources else set()
    drafts: dict[str, dict[tuple[int, int], dict[str, str]]] = {name: {} for name in tables}
    refused = 0
    unknown: set[str] = set()
    for task in tasks:
        task_text = task["data"].get(TEXT_KEY) if isinstance(task["data"].get(TEXT_KEY), str) else article
        if task_text != article:
            print(f"note: task {shown(str(task.get('id')))}'s text differs from {article_id}'s; its regions are re-anchored by their words", file=out)
        for found, relations in regions(task):
            anchors: dict[str, Anchor] = {}
            for region in found:
                # Everything here comes from the export file: shown escaped, never as terminal control sequences.
                where = f"task {shown(str(task.get('id')))} region {shown(region.id)} {shown(region.label)} {shown(str(region.text))}"
                placed = anchor(article, task_text, region)
                if isinstance(placed, str):
                    refused += 1
                    print(f"  refused: {where}: {placed}; not written", file=out)
                    continue
                placed = trimmed(article, placed)
                anchors[region.id] = placed
                if placed.how:
                    print(f"  {where}: {placed.how} -> {placed.start}-{placed.end}", file=out)
            cues = cue_links(found, relations, anchors)
            for region in found:
                table = LABEL_TABLES.get(region.label)
                if table is None or region.id not in anchors:
                    continue
                place = anchors[region.id]
                row = span_row(package, table, article_id, article, place)
                if region.actor_id:
                    row[ACTOR_FIELDS[table]] = region.actor_id
                    if actors and region.actor_id not in actors | unknown:
                        unknown.add(region.actor_id)
                        print(f"  note: {shown(region.actor_id)} is not in actors.csv yet: add the actor, or correct the id", file=out)
                if table == "quotes" and region.id in cues:
                    row.update(cue_cells(package, article, cues[region.id]))
                drafts[table].setdefault((place.start, place.end), row)
    return finish(package, tables, drafts, article_id, refused, write, out)


def cue_links(found: list[Region], relations: list[tuple[str, str]], anchors: dict[str, Anchor]) -> dict[str, Anchor]:
    """Quote region id -> the anchored cue linked to it by a relation (either direction)."""
    labels = {region.id: region.label for region in found}
    links = {}
    for a, b in relations:
        for quote, cue in ((a, b), (b, a)):
            if labels.get(quote) == "quote" and labels.get(cue) == CUE_LABEL and cue in anchors:
                links[quote] = anchors[cue]
    return links


def span_row(package: Package, table: str, article_id: str, article: str, place: Anchor) -> dict[str, str]:
    resource = package.resources[table]
    main = resource.spans[0]
    return {package_article_field(package, resource): article_id, main.start: str(place.start), main.end: str(place.end),
            main.text: article[place.start:place.end]}


def cue_cells(package: Package, article: str, place: Anchor) -> dict[str, str]:
    """The quotes' span group named like the label; none when the schema declares no such group."""
    group = next((g for g in package.resources["quotes"].spans if g.name == CUE_LABEL), None)
    return {} if group is None else {group.start: str(place.start), group.end: str(place.end), group.text: article[place.start:place.end]}


def finish(package: Package, tables: dict[str, TableFile], drafts: dict[str, dict[tuple[int, int], dict[str, str]]], article_id: str,
           refused: int, write: bool, out: TextIO) -> int:
    for name, table in tables.items():
        resource = package.resources[name]
        main = resource.spans[0]
        article_field = package_article_field(package, resource)
        present = {(row[main.start], row[main.end]) for row in table.rows if row[article_field] == article_id}
        new = [row for key, row in sorted(drafts[name].items()) if (str(key[0]), str(key[1])) not in present]
        skipped = len(drafts[name]) - len(new)
        if skipped:
            print(f"  {skipped} {name} span(s) already in {table.relative}: not added again", file=out)
        ids = next_ids(package, name, table.rows, article_id, len(new))
        append(table, [{resource.primary_key[0]: ident, **row} for ident, row in zip(ids, new, strict=True)])
        for line in describe(table):
            print(line, file=out)
    if not any(table.added for table in tables.values()):
        print("No new rows.", file=out)
    elif not write:
        print("Nothing written: run again with --write to apply. Then complete each row by hand (kinds, actors, sources).", file=out)
    else:
        for table in tables.values():
            save(table)
        print("Written. Complete each row by hand (kinds, actors, sources), then run python -m validate.", file=out)
    return 1 if refused else 0
