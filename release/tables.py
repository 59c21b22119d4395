"""Each table read once, typed as its schema declares; every output is written from these."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.csv as pacsv

from .package import Package, Resource, dialect

# Table Schema type -> Arrow type. Types without an exact Arrow counterpart
# (yearmonth, duration, geopoint, object, array, any...) stay text, as written.
ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "year": pa.int64(),
}
# The Table Schema defaults (the model gives each field's own), for a table without booleans.
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]


@dataclass
class TypedTable:
    resource: Resource
    table: pa.Table  # columns in schema order, missing values as null


def arrow_type(field_type: str) -> pa.DataType:
    return ARROW_TYPES.get(field_type, pa.string())


def arrow_schema(resource: Resource) -> pa.Schema:
    """Field descriptions travel with the data as Arrow field metadata."""
    return pa.schema(
        [pa.field(f.name, arrow_type(f.type), nullable=not f.required, metadata={"description": f.description}) for f in resource.fields],
        metadata={"name": resource.name, "title": resource.title, "description": resource.description},
    )


def read_table(resource: Resource, data: bytes) -> TypedTable:
    fields = resource.fields
    booleans = [f for f in fields if f.type == "boolean"]
    true_values = sorted({v for f in booleans for v in f.true_values})
    false_values = sorted({v for f in booleans for v in f.false_values})
    declared = dialect(resource)
    table = pacsv.read_csv(
        pa.py_buffer(data),
        read_options=pacsv.ReadOptions(use_threads=False),
        parse_options=pacsv.ParseOptions(delimiter=declared.get("delimiter", ","), newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={f.name: arrow_type(f.type) for f in fields},
            include_columns=[f.name for f in fields],
            # Only the schema's missing values are null: "NA" or "null" stay text.
            null_values=resource.missing_values,
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            true_values=true_values or TRUE_VALUES,
            false_values=false_values or FALSE_VALUES,
        ),
    )
    return TypedTable(resource, table.cast(arrow_schema(resource)))


def read_tables(package: Package) -> dict[str, TypedTable]:
    return {name: read_table(resource, (package.root / resource.path).read_bytes()) for name, resource in package.resources.items()}
