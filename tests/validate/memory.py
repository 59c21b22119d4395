"""Small in-memory packages for unit tests of the validator's stages and rule families.

A schema and a few CSV lines become a real model Resource and a Table parsed by the
real reader, so a rule's unit test exercises exactly what a run would give it.
"""
from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from validate.dataset import Dataset
from validate.model import Package, Resource, TextsDecl, _parse_resource
from validate.problems import Problem
from validate.reader import Table, parse_bytes
from validate.registry import Scope, checks_of, load_rules
from validate.runner import Clock, run_checks
from validate.texts import Measured, Texts
from validate.triage import Verdict, triage

load_rules()


def field(name: str, kind: str = "string", **extra) -> dict:
    return {"name": name, "type": kind, "description": f"The {name}.", "example": extra.pop("example", "x"), **extra}


def schema(*fields: dict, **table) -> dict:
    return {"fields": list(fields), **table}


def resource(name: str, spec: dict, descriptor: dict | None = None) -> Resource:
    """The model's Resource for a table `name` with Table Schema `spec` (and resource properties `descriptor`)."""
    return _parse_resource(name, f"data/{name}.csv", spec, f"schemas/{name}.json", {"name": name, **(descriptor or {})})


def read(name: str, spec: dict, raw: bytes | str, descriptor: dict | None = None) -> tuple[Table, list[Problem]]:
    """What the reader makes of these bytes, taken as is: the table and the problems only bytes show."""
    return parse_bytes(resource(name, spec, descriptor), raw.encode("utf-8") if isinstance(raw, str) else raw)


def table(name: str, spec: dict, csv: str) -> Table:
    """Parse `csv` (dedented; a final newline added) as the table `name` with Table Schema `spec`."""
    body = textwrap.dedent(csv).lstrip("\n")
    parsed, problems = read(name, spec, body)
    assert not problems, f"the test's own CSV does not parse: {problems}"
    return parsed


def package(*tables: Table, texts: TextsDecl | None = None, root: Path = Path("/nonexistent")) -> Package:
    model = Package(root=root, descriptor_path=root / "datapackage.json", descriptor={"name": "test"})
    model.resources = {t.name: t.resource for t in tables}
    model.texts = texts
    return model


ARTICLES = TextsDecl(resource="articles", key="article_id", path="text_path", sha256="text_sha256", bytes="text_bytes", length="text_length")


def dataset(*tables: Table, articles: dict[str, str] | None = None) -> Dataset:
    """Tables and article texts (id -> text) as the package-scope rules see them."""
    texts = Texts()
    for index, (article_id, text) in enumerate((articles or {}).items()):
        raw = text.encode("utf-8")
        texts.text[article_id] = text
        texts.measured[article_id] = Measured(index, hashlib.sha256(raw).hexdigest(), len(raw), len(text), raw.endswith(b"\n"))
    return Dataset(package(*tables, texts=ARTICLES if articles is not None else None), {t.name: t for t in tables}, texts)


def found(problems) -> list[tuple[str, int | None, str | None]]:
    """(rule, line, column) of each problem, in order: what most assertions compare."""
    return [(p.rule, p.line, p.column) for p in problems if isinstance(p, Problem)]


def every_rule(*tables: Table, articles: dict[str, str] | None = None) -> list[Problem]:
    """Every check of the registry on these tables, as the runner calls them (bytes, table, then package scope)."""
    clock, problems = Clock(), []
    for one in tables:
        problems += run_checks(checks_of(Scope.BYTES) + checks_of(Scope.TABLE), one, clock)
    return problems + run_checks(checks_of(Scope.PACKAGE), dataset(*tables, articles=articles), clock)


def verdict(*tables: Table, articles: dict[str, str] | None = None, found: list[Problem] = ()) -> Verdict:
    """What a person would read: every rule's problems (and `found`, the reader's) triaged."""
    return triage(list(found) + every_rule(*tables, articles=articles), {t.name: t for t in tables})
