"""A progress line on standard error for large packages in a terminal; silent in CI, pipes and JSON output."""
from __future__ import annotations

import os
import sys

from .model import Package

LARGE_BYTES = 5_000_000


class Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = max(total, 1), 0, enabled

    @classmethod
    def for_package(cls, model: Package, enabled: bool) -> Progress:
        size = 0
        for resource in model.resources.values():
            try:
                size += model.file(resource.path).stat().st_size
            except OSError:
                pass
        interactive = sys.stderr.isatty() and not os.environ.get("CI")
        # each table is read once and checked once; then the rules across tables
        return cls(2 * len(model.resources), enabled and interactive and size >= LARGE_BYTES)  # the runner adds the checks across tables

    def step(self, label: str) -> None:
        self.done = min(self.done + 1, self.total)
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(f"\rvalidating [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 90 + "\r")
            sys.stderr.flush()
