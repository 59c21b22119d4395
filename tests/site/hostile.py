"""A hostile but well-formed package: the frozen fixture with markup, template syntax and odd text in every
value the site shows, as a pull request could send it.

Each payload, if it ran, would set window.__pwned or add an element carrying
data-pwned; the tests look for both, and for the words shown as plain text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

from sitebuild import FIXTURE

MARK = "__pwned"
SCRIPT = f"<script>window.{MARK}=1</script>"
IMG = f'<img src=x data-pwned onerror="window.{MARK}=1">'
TEMPLATE = "{{ config.site_name }} {% raw %} --- {{"
# Blank lines try to end a raw HTML block and hand the rest to Markdown.
MARKDOWN = f"\n\n**bold** [click](javascript:window.{MARK}=1)\n\n--8<-- \"/etc/passwd\"\n"
# Odd but valid text: right-to-left and CJK letters, a combining mark with no precomposed form (stays NFC), astral characters.
ODD = "שלום عربي 漢字 q\u0301 \U0001d518\U0001d52b \U0001f642 ＜script＞"
# The descriptor is not a cell: direction controls and joiners there too.
ODD_CONTROLS = ODD + " \u202eevil\u202c a\u200db \ufeff"
PAYLOAD = " ".join([SCRIPT, IMG, TEMPLATE, MARKDOWN, ODD])
JS_URL = f"javascript:window.{MARK}=1"
# A coded field's name that would become attributes if it reached an attribute list unescaped.
FIELD = f'kind" onfocus="window.{MARK}=1" autofocus data-pwned="'
LONG = "A" * 100_000  # one word: it must wrap, not widen the page
BAD_ID = "../../../escaped-actor"
SECOND_ARTICLE = "hostile-second"
SECOND_TEXT = f"{SCRIPT} {{{{ text }}}}\n---\n{IMG}\n"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _trim(root: Path) -> None:
    """Keep the actors that speak, are spoken to or publish, and the rows about them: fewer pages, every kind still there."""
    _, quotes = _rows(root / "data" / "quotes.csv")
    _, sources = _rows(root / "data" / "sources.csv")
    header, actors = _rows(root / "data" / "actors.csv")
    keep = {q[f] for q in quotes for f in ("speaker_actor_id", "addressee_actor_id")}
    keep |= {s[f] for s in sources for f in ("outlet_actor_id", "author_actor_id")}
    keep.discard("")
    affiliation = {a["actor_id"]: a["affiliation_actor_id"] for a in actors}
    while {affiliation[a] for a in keep if affiliation[a]} - keep:
        keep |= {affiliation[a] for a in keep if affiliation[a]}
    _write_rows(root / "data" / "actors.csv", header, [a for a in actors if a["actor_id"] in keep])
    header, mentions = _rows(root / "data" / "mentions.csv")
    _write_rows(root / "data" / "mentions.csv", header, [m for m in mentions if m["actor_id"] in keep or m["place_id"]])
    header, facts = _rows(root / "data" / "facts.csv")
    _write_rows(root / "data" / "facts.csv", header,
                [f for f in facts if f["subject_actor_id"] in keep | {""} and f["claimant_actor_id"] in keep | {""}])


def make_hostile_package(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    _trim(root)

    def descriptor(meta: dict) -> None:
        meta["title"] = f"Hostile {PAYLOAD} {ODD_CONTROLS}"
        meta["description"] = PAYLOAD + ODD_CONTROLS
        meta["version"] = "0.1.0"  # the profile allows MAJOR.MINOR.PATCH only (it names the archive)
        meta["x-licence-notes"] = PAYLOAD
        meta["licenses"][0]["path"] = JS_URL
        meta["licenses"][0]["title"] = PAYLOAD
        meta["contributors"][0]["title"] = PAYLOAD
        for resource in meta["resources"]:
            resource["title"] = f"{resource['name']} {SCRIPT}{IMG}"
            resource["description"] = PAYLOAD

    _edit_json(root / "datapackage.json", descriptor)

    def quotes_schema(schema: dict) -> None:
        field = next(f for f in schema["fields"] if f["name"] == "kind")
        field["name"] = FIELD
        field["description"] = PAYLOAD
        field["categories"][0]["label"] = PAYLOAD
        field["categories"][0]["description"] = PAYLOAD

    _edit_json(root / "schemas" / "quotes.json", quotes_schema)
    header, quotes = _rows(root / "data" / "quotes.csv")
    quotes = [{(FIELD if k == "kind" else k): v for k, v in row.items()} for row in quotes]
    quotes[0]["notes"] = LONG  # as long as the validator allows
    quotes[1]["notes"] = PAYLOAD
    _write_rows(root / "data" / "quotes.csv", [FIELD if h == "kind" else h for h in header], quotes)

    def actors_schema(schema: dict) -> None:
        for name in ("actor_id", "affiliation_actor_id"):
            field = next(f for f in schema["fields"] if f["name"] == name)
            field["constraints"].pop("pattern", None)  # so that an id that is not a slug is allowed
        next(f for f in schema["fields"] if f["name"] == "name")["description"] = PAYLOAD

    _edit_json(root / "schemas" / "actors.json", actors_schema)
    header, actors = _rows(root / "data" / "actors.csv")
    speaker = quotes[0]["speaker_actor_id"]
    for row in actors:
        if row["actor_id"] == speaker:
            row["name"] = PAYLOAD
    actors[0]["description"] = PAYLOAD
    actors.append({**actors[0], "actor_id": BAD_ID, "name": f"Escaped {SCRIPT}", "affiliation_actor_id": "", "notes": JS_URL})
    _write_rows(root / "data" / "actors.csv", header, actors)

    def mentions_schema(schema: dict) -> None:
        next(f for f in schema["fields"] if f["name"] == "actor_id")["constraints"].pop("pattern", None)

    _edit_json(root / "schemas" / "mentions.json", mentions_schema)
    header, mentions = _rows(root / "data" / "mentions.csv")
    mentions.append({**mentions[0], "mention_id": "hostile-m01", "actor_id": BAD_ID, "place_id": ""})
    _write_rows(root / "data" / "mentions.csv", header, mentions)

    header, articles = _rows(root / "data" / "articles.csv")
    articles[0]["title"] = f"{SCRIPT}{IMG} {TEMPLATE}"
    articles[0]["notes"] = PAYLOAD
    text = SECOND_TEXT.encode("utf-8")
    (root / "data" / "source" / f"{SECOND_ARTICLE}.txt").write_bytes(text)
    articles.append({
        **{k: "" for k in header},
        "article_id": SECOND_ARTICLE, "title": f'<svg data-pwned onload="window.{MARK}=1"></svg>{TEMPLATE}', "language": "en",
        "text_path": f"data/source/{SECOND_ARTICLE}.txt", "text_sha256": hashlib.sha256(text).hexdigest(),
        "text_bytes": str(len(text)), "text_length": str(len(SECOND_TEXT)),
    })
    _write_rows(root / "data" / "articles.csv", header, articles)
    return root
