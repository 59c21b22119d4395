"""What a rule reports: one problem, located as precisely as the rule can."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Rows a rule names one by one for one cause (a foreign key, a span group...); past this many it counts the
# rest in one problem (Problem.count). A report shows 20 a rule and file; building a million costs a minute.
LISTED = 1_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong. `rule` is a registered rule id (validate/registry.py)."""

    rule: str
    file: str
    message: str
    line: int | None = None  # 1-based line as an editor shows it
    column: str | None = None  # field name
    value: str | None = None  # the offending value, shortened for display
    engines: tuple[str, ...] = field(default=("project",), compare=False)
    col: int | None = field(default=None, compare=False)  # 1-based character column of the cell, when known
    hint: str | None = field(default=None, compare=False)  # a hint for this case; the rule's own hint otherwise
    suggestion: dict[str, Any] | None = field(default=None, compare=False)  # machine-readable fix, e.g. {"start": 3, "end": 9}
    count: int = field(default=1, compare=False)  # the findings this problem stands for: a flood is counted in one, not built row by row

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or "", self.rule, self.message)


def shorten(value: object, limit: int = 80) -> str | None:
    """A value for a message, cut so a 10 MB cell cannot flood a terminal; escaping is the report's job."""
    if value is None or value != value:  # None, or a missing cell read as NaN
        return None
    text = str(value)
    return text[: limit - 1] + "…" if len(text) > limit else text
