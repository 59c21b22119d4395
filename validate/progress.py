"""A progress line on standard error for large packages in a terminal; silent in CI, pipes and JSON output."""
from __future__ import annotations

import os
import sys

LARGE_BYTES = 5_000_000


class Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = max(total, 1), 0, enabled

    @classmethod
    def for_package(cls, spec, enabled: bool, steps_after_tables: int = 0) -> "Progress":
        size = sum(spec.file(r.path).stat().st_size for r in spec.resources.values())
        interactive = sys.stderr.isatty() and not os.environ.get("CI")
        # each table is read once and checked once; then the rules across tables
        return cls(2 * len(spec.resources) + steps_after_tables, enabled and interactive and size >= LARGE_BYTES)

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(f"\rvalidating [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 90 + "\r")
            sys.stderr.flush()
