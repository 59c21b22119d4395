"""A W3C Web Annotation (JSON-LD) export of every span: quotes, mentions, facts, captions, cited works...

One annotation per filled span group of a row of any table with `x-spans`. Its
target is the article text, located twice: a TextPositionSelector (code points,
end-exclusive: the Web Annotation model counts characters as Unicode code points,
as the package does) and a TextQuoteSelector (exact words with 32 code points of
context either side, or more where that is needed for the words and their
context to occur only once in the text). The body tags what the span is and carries the
row itself as JSON, so a reader needs nothing else to know what it annotates.

Targets name the article text by its path in the archive, a relative IRI that
resolves against the location of this file; annotation ids are `urn:uuid:` UUIDs
derived from the package id, the table and the row's primary key, so the same row
keeps the same id in every release.
"""

from __future__ import annotations

import datetime
import json
import uuid

from .package import Package, Resource, plain_path
from .tables import TypedTable

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # context either side, as common annotation clients (Hypothesis) keep; more where needed to be unique


def namespace(package: Package) -> uuid.UUID:
    """The package's own UUID when its id is `urn:uuid:...`, else a UUID derived from the id or name."""
    ident = str(package.descriptor.get("id") or package.name)
    if ident.startswith("urn:uuid:"):
        return uuid.UUID(ident.removeprefix("urn:uuid:"))
    return uuid.uuid5(uuid.NAMESPACE_URL, ident)


def article_texts(package: Package, tables: dict[str, TypedTable]) -> dict[str, tuple[str, str]]:
    """article id -> (path of its text in the package, the text), strictly decoded."""
    decl = package.texts
    if decl is None:
        return {}
    texts = {}
    for row in tables[decl.resource].table.select([decl.key, decl.path]).to_pylist():
        path = plain_path(row[decl.path], f"the text path of article {row[decl.key]!r}")
        texts[row[decl.key]] = (path, (package.root / path).read_bytes().decode(decl.encoding))
    return texts


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _occurrences(text: str, context: str, limit: int = 2) -> int:
    """How many times `context` occurs in `text` (overlaps counted), up to `limit`."""
    count, at = 0, text.find(context)
    while at != -1 and count < limit:
        count, at = count + 1, text.find(context, at + 1)
    return count


def selectors(text: str, start: int, end: int) -> list[dict]:
    """Position and quote selectors; the quote's context grows until it occurs once in the text."""
    width = CONTEXT_CHARS
    while True:
        prefix, suffix = text[max(0, start - width):start], text[end:end + width]
        whole = start - len(prefix) == 0 and end + len(suffix) == len(text)
        if whole or _occurrences(text, prefix + text[start:end] + suffix) == 1:
            break
        width *= 2
    return [
        {"type": "TextPositionSelector", "start": start, "end": end},
        {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": prefix, "suffix": suffix},
    ]


def _annotations(package: Package, resource: Resource, typed: TypedTable, texts: dict[str, tuple[str, str]], ns: uuid.UUID) -> list[dict]:
    article_field = package.article_field(resource)
    if article_field is None or not resource.spans:
        return []
    items = []
    for row in typed.table.to_pylist():
        path, text = texts[row[article_field]]
        key = "/".join(str(row[k]) for k in resource.primary_key)
        data = json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False)
        for group in resource.spans:
            start, end = row[group.start], row[group.end]
            if start is None or end is None:
                continue  # an optional span the row leaves empty
            items.append({
                "id": f"urn:uuid:{uuid.uuid5(ns, f'{resource.name}/{key}/{group.name}')}",
                "type": "Annotation",
                "motivation": "describing",
                "body": [
                    {"type": "TextualBody", "purpose": "tagging", "value": f"{resource.name}: {group.name}"},
                    {"type": "TextualBody", "purpose": "describing", "format": "application/json", "value": data},
                ],
                "target": {"source": path, "type": "Text", "format": "text/plain", "selector": selectors(text, start, end)},
            })
    return items


def collection(package: Package, tables: dict[str, TypedTable]) -> dict:
    texts = article_texts(package, tables)
    ns = namespace(package)
    items = [item for name, resource in package.resources.items() for item in _annotations(package, resource, tables[name], texts, ns)]
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(ns, f'web-annotations/{package.version}')}",
        "type": "AnnotationCollection",
        "label": f"{package.title} (version {package.version}): every annotated span",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def to_jsonld(package: Package, tables: dict[str, TypedTable]) -> bytes:
    return (json.dumps(collection(package, tables), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
