"""Character columns for problems, so editors and GitHub annotations point at the cell itself."""
from __future__ import annotations

import dataclasses

from .problems import Problem
from .tables import Table


def cell_column(line_text: str, field_index: int) -> int | None:
    """1-based character column where cell `field_index` starts on a CSV line."""
    position, index, quoted = 0, 0, False
    while index < field_index:
        if position >= len(line_text):
            return None
        char = line_text[position]
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            index += 1
        position += 1
    return position + 1


def with_columns(problems: list[Problem], tables: dict[str, Table], spec) -> list[Problem]:
    by_path = {t.path: t for t in tables.values()}
    lines_cache: dict[str, list[str]] = {}
    out = []
    for problem in problems:
        table = by_path.get(problem.file)
        if table is None or not problem.line or not problem.column or table.header is None or problem.column not in table.header:
            out.append(problem)
            continue
        if problem.file not in lines_cache:  # only files with problems are read again, read-only, for the columns
            lines_cache[problem.file] = spec.file(table.path).read_bytes().decode("utf-8", errors="replace").split("\n")
        lines = lines_cache[problem.file]
        col = cell_column(lines[problem.line - 1], table.header.index(problem.column)) if problem.line <= len(lines) else None
        out.append(dataclasses.replace(problem, col=col))
    return out
