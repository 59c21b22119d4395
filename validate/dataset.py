"""What the package-scope rules see: the model, every table as read, and the article texts."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Package
from .reader import Table
from .texts import Texts


@dataclass
class Dataset:
    model: Package
    tables: dict[str, Table]
    texts: Texts

    def table(self, name: str) -> Table | None:
        """A table that could be parsed, or None (its own problems say why)."""
        table = self.tables.get(name)
        return table if table is not None and table.usable else None
