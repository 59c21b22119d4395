"""Small in-memory packages for unit tests of the validator's stages and rule families.

A schema and a few CSV lines become a real model Resource and a Table parsed by the
real reader, so a rule's unit test exercises exactly what a run would give it.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from validate.dataset import Dataset
from validate.model import Package, TextsDecl, _parse_resource
from validate.problems import Problem
from validate.reader import Table, parse_bytes
from validate.registry import load_rules
from validate.texts import Measured, Texts

load_rules()


def field(name: str, kind: str = "string", **extra) -> dict:
    return {"name": name, "type": kind, "description": f"The {name}.", "example": extra.pop("example", "x"), **extra}


def schema(*fields: dict, **table) -> dict:
    return {"fields": list(fields), **table}


def table(name: str, spec: dict, csv: str) -> Table:
    """Parse `csv` (dedented; a final newline added) as the table `name` with Table Schema `spec`."""
    resource = _parse_resource(name, f"data/{name}.csv", spec, f"schemas/{name}.json", {"name": name})
    body = textwrap.dedent(csv).lstrip("\n")
    parsed, problems = parse_bytes(resource, body.encode("utf-8"))
    assert not problems, f"the test's own CSV does not parse: {problems}"
    return parsed


def package(*tables: Table, texts: TextsDecl | None = None) -> Package:
    model = Package(root=Path("/nonexistent"), descriptor_path=Path("/nonexistent/datapackage.json"), descriptor={"name": "test"})
    model.resources = {t.name: t.resource for t in tables}
    model.texts = texts
    return model


ARTICLES = TextsDecl(resource="articles", key="article_id", path="text_path", sha256="text_sha256", bytes="text_bytes", length="text_length")


def dataset(*tables: Table, articles: dict[str, str] | None = None) -> Dataset:
    """Tables and article texts (id -> text) as the package-scope rules see them."""
    texts = Texts()
    for index, (article_id, text) in enumerate((articles or {}).items()):
        import hashlib
        raw = text.encode("utf-8")
        texts.text[article_id] = text
        texts.measured[article_id] = Measured(index, hashlib.sha256(raw).hexdigest(), len(raw), len(text), raw.endswith(b"\n"))
    return Dataset(package(*tables, texts=ARTICLES if articles is not None else None), {t.name: t for t in tables}, texts)


def found(problems) -> list[tuple[str, int | None, str | None]]:
    """(rule, line, column) of each problem, in order: what most assertions compare."""
    return [(p.rule, p.line, p.column) for p in problems if isinstance(p, Problem)]
