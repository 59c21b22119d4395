"""The schemas document themselves: every field has a description and an example that obeys its
own constraints, and every codebook defines exactly the values its enum allows."""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import polars as pl

from ..model import Field, Package, Resource
from ..problems import Problem, shorten
from ..reader import Table
from ..registry import Scope, check, declare
from .dates import edtf_calendar
from .fields import field_rules

DOCUMENTED = declare("field-documented", "Every field has a description and an example.",
                     "Add a description a stranger can act on and an example value to the field in its schema.")
EXAMPLE = declare("field-example", "Every field's example obeys the field's own type and constraints.",
                  "Correct the example (or the constraint) so that the example is a valid value of the field.")
CODEBOOK = declare("codebook", "Every coded field's categories define exactly its enum's values, each with a label and a description.",
                   "Make the categories list the enum's values in the same order, each with label and description.")


@check(Scope.DESCRIPTOR, DOCUMENTED)
def documented(model: Package) -> Iterator[Problem]:
    for resource in model.resources.values():
        for spec in resource.fields:
            missing = [what for what, value in (("description", spec.description), ("example", spec.example)) if value in (None, "")]
            if missing:
                yield DOCUMENTED.problem(resource.schema_file, f"Field '{spec.name}' has no {' and no '.join(missing)}.", column=spec.name)


@check(Scope.DESCRIPTOR, EXAMPLE)
def examples(model: Package) -> Iterator[Problem]:
    """The examples, as one row, go through the same field rules as the data."""
    for resource in model.resources.values():
        shown = [f for f in resource.fields if f.example is not None]
        if not shown:
            continue
        row = pl.DataFrame({f.name: [as_cell(f)] for f in shown}, schema={f.name: pl.String for f in shown})
        subset = Resource(resource.name, resource.path, resource.schema, resource.schema_path, resource.descriptor, fields=shown,
                          primary_key=[k for k in resource.primary_key if k in row.columns])
        table = Table(subset, header=[f.name for f in shown], frame=row, lines=np.array([1]))
        for found in [*field_rules(table), *edtf_calendar(table)]:
            yield EXAMPLE.problem(resource.schema_file, f"The example of '{found.column}' is not valid: {found.message}", column=found.column,
                                  value=shorten(resource.field(found.column).example) if found.column else None)


@check(Scope.DESCRIPTOR, CODEBOOK)
def codebooks(model: Package) -> Iterator[Problem]:
    for resource in model.resources.values():
        for spec in resource.fields:
            enum, values = spec.enum, [c.get("value") for c in spec.categories]
            if enum is None and not spec.categories:
                continue
            if enum is None or values != enum:
                yield CODEBOOK.problem(resource.schema_file, f"Field '{spec.name}': categories {shorten(values, 120)} differ from enum {shorten(enum, 120)}.",
                                       column=spec.name)
            for category in spec.categories:
                if not category.get("label") or not category.get("description"):
                    yield CODEBOOK.problem(resource.schema_file, f"Field '{spec.name}': category {category.get('value')!r} needs a label and a description.",
                                           column=spec.name)


def as_cell(spec: Field) -> str:
    """An example as it would be written in a CSV cell."""
    if isinstance(spec.example, bool):
        return "true" if spec.example else "false"
    return str(spec.example)
