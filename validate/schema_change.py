"""A pull request may carry any schema: show the reviewer what its schema changes switch off.

`--base-schemas REF` validates the pull request's data against the descriptor and schemas of
REF (the branch it is merged into) as well as its own, and lists every rule the base declares
that the pull request's schemas no longer do: a constraint dropped, a span group removed, a
table left out. Read from git only; nothing is fetched and nothing is written.
"""
from __future__ import annotations

import json
from pathlib import Path

from .gitref import package_root, show
from .model import DESCRIPTOR, Package, build
from .problems import Problem
from .registry import declare
from .triage import Verdict, triage

BASE = declare("base-schemas", "The data also passes the descriptor and schemas of the branch it is merged into.",
               "If the schema change is meant, say so in the pull request; otherwise make the data pass the base branch's schemas.")
SWITCHED_OFF = declare("rule-switched-off", "A schema change does not silently switch off a rule the base branch declares.",
                       "If the rule is meant to go, say so in the pull request so the reviewer decides; otherwise restore it in the schema.")
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength")
FIELD_EXTENSIONS = ("x-format", "x-same-date-as", "x-precision-of", "x-true-iff-referenced", "x-field-list")


def base_files(root: Path, ref: str) -> dict[str, bytes]:
    """datapackage.json and every schema file it names, as they are at `ref`."""
    files: dict[str, bytes] = {}
    descriptor = show(root, ref, DESCRIPTOR)
    if descriptor is None:
        return files
    files[DESCRIPTOR] = descriptor
    try:
        resources = json.loads(descriptor).get("resources", [])
    except ValueError:
        return files
    for resource in resources if isinstance(resources, list) else []:
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(schema, str):
            content = show(root, ref, schema)
            if content is not None:
                files[schema] = content
    return files


def activations(model: Package) -> dict[str, str]:
    """Every rule the model declares, as a readable description -> the schema file that declares it."""
    out: dict[str, str] = {}
    for r in model.resources.values():
        where = r.schema_file
        out[f"table {r.name}"] = DESCRIPTOR
        if r.primary_key:
            out[f"{r.name}: primary key {', '.join(r.primary_key)}"] = where
        for fk in r.foreign_keys:
            out[f"{r.name}: foreign key {', '.join(fk.fields)} -> {fk.resource}.{', '.join(fk.ref_fields)}"] = where
            for mine, theirs in fk.same.items():
                out[f"{r.name}: {mine} agrees with {fk.resource}.{theirs} (x-same)"] = where
        for group in r.spans:
            out[f"{r.name}: span group {group.name} ({group.start}, {group.end}, {group.text}) (x-spans)"] = where
            if group.required:
                out[f"{r.name}: span group {group.name} required"] = where
        for group in r.x("x-one-of", []):
            out[f"{r.name}: exactly one of {', '.join(group)} (x-one-of)"] = where
        for ref in r.x("x-referenced-by", []):
            out[f"{r.name}: every row referenced by {ref['resource']} (x-referenced-by)"] = where
        if r.x("x-every-occurrence"):
            out[f"{r.name}: every occurrence annotated (x-every-occurrence)"] = where
        for spec in r.fields:
            out[f"{r.name}.{spec.name}: field of type {spec.type}"] = where
            for name in CONSTRAINTS:
                if spec.constraints.get(name) not in (None, False):
                    out[f"{r.name}.{spec.name}: {name}"] = where
            for name in FIELD_EXTENSIONS:
                if spec.raw.get(name) not in (None, False):
                    out[f"{r.name}.{spec.name}: {name}"] = where
            for category in spec.categories:
                for need, names in category.get("x-requires", {}).items():
                    for name in names:
                        out[f"{r.name}.{spec.name} = {category['value']} needs {name} {need} (x-requires)"] = where
    if model.texts is not None:
        out[f"article texts listed in {model.texts.resource} (x-texts)"] = DESCRIPTOR
    return out


def against_base(path: str, ref: str, verdict: Verdict) -> Verdict:
    from .runner import run  # the runner imports this module's callers; import at call time
    root = package_root(Path(path))
    files = base_files(root, ref)
    if DESCRIPTOR not in files:
        return verdict  # the base has no package: a first pull request
    extra: list[Problem] = []
    base_outcome = run(path, schemas=files)
    for problem in base_outcome.verdict.shown:
        extra.append(BASE.problem(problem.file, f"Under the schemas of {ref}: {problem.message}", line=problem.line, column=problem.column,
                                  value=problem.value))
    base_model, _ = build(path, files)
    head_model, _ = build(path)
    head = activations(head_model)
    gone = {name for name in base_model.resources if name not in head_model.resources}
    for rule, where in sorted(activations(base_model).items()):
        table = rule.split(":")[0].split(".")[0].split()[-1]
        if rule not in head and (rule.startswith("table ") or table not in gone):  # a table removed is one line, not one per field
            extra.append(SWITCHED_OFF.problem(where, f"The schema change switches off: {rule}."))
    added = triage(extra, {})
    return Verdict(verdict.shown + added.shown, verdict.total + added.total, verdict.knock_on + added.knock_on, verdict.capped + added.capped)
