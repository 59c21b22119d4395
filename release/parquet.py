"""One Parquet file per table, typed as the schema declares, with the field descriptions inside."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .tables import TypedTable

# pandas reads an Arrow int64 or bool column with nulls as float64 or object unless the
# file says which pandas dtype it is; with these, `pd.read_parquet` gives Int64 and boolean.
PANDAS_DTYPES = {"integer": "Int64", "year": "Int64", "boolean": "boolean", "number": "Float64"}


def _pandas_metadata(typed: TypedTable) -> bytes:
    """pyarrow's own pandas metadata, derived from an empty frame of the declared dtypes."""
    empty = pd.DataFrame({f.name: pd.Series(dtype=PANDAS_DTYPES.get(f.type, "object")) for f in typed.resource.fields})
    return pa.Schema.from_pandas(empty, preserve_index=False).metadata[b"pandas"]


def to_parquet(typed: TypedTable) -> bytes:
    table = typed.table
    metadata = dict(table.schema.metadata or {})
    metadata[b"pandas"] = _pandas_metadata(typed)
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer, compression="zstd")
    return buffer.getvalue()
