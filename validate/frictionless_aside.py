"""The descriptor's and the schemas' own judgement (Frictionless' and the project's profiles'), made in
a second process.

For a command-line run, importing Frictionless and jsonschema and judging a dozen documents is about
half a second of pure Python, which a thread could not overlap with the rest (the GIL). A child
process does it on the other core while this one reads and checks the tables. Meanwhile the run goes
on as if nothing had been found; if anything was, the runner runs again in this process with the
answers remembered, so the verdict is always that of a run made in one process.

Run as `python -m validate.frictionless_aside`: reads [[kind, document, where], ...] as JSON on
standard input and writes, as JSON on standard output, the problems of each.
"""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from .memo import JUDGEMENTS
from .problems import Problem

PROJECT = Path(__file__).resolve().parent.parent


class Aside:
    """A judge (validate.model.Judge) that answers "nothing found" at once, and asks a child process."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, dict, str]] = []
        path = os.environ.get("PYTHONPATH")
        environment = {**os.environ, "PYTHONPATH": str(PROJECT) + (os.pathsep + path if path else "")}
        # Started first, so that its imports overlap this process's own.
        self.child = subprocess.Popen([sys.executable, "-m", "validate.frictionless_aside"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        self.exchange: threading.Thread | None = None
        self.out = b""

    @classmethod
    def start(cls) -> Aside | None:
        try:
            return cls()
        except OSError:  # no second process to be had: the run judges in its own
            return None

    def __call__(self, kind: str, document: dict, where: str) -> list[Problem]:
        self.asked.append((kind, document, where))
        return []

    def send(self) -> None:
        """Hand the child every document asked about, in a thread: a pipe holds only 64 KB, and the run goes on."""
        payload = json.dumps(self.asked).encode()

        def exchange() -> None:
            try:
                self.out = self.child.communicate(payload)[0]  # its standard error is read and dropped: a crash there is no report
            except (OSError, ValueError):  # the child has died: answers() says so
                pass
        self.exchange = threading.Thread(target=exchange, daemon=True)
        self.exchange.start()

    def answers(self) -> list[list[Problem]] | None:
        """The problems of each document asked, remembered for a run in this process; None if the child failed."""
        if self.exchange is None:
            self.send()
        assert self.exchange is not None
        self.exchange.join()
        try:
            found = [[as_problem(p) for p in problems] for problems in json.loads(self.out)] if self.child.returncode == 0 else None
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        if found is None or len(found) != len(self.asked):
            return None
        for (kind, document, where), problems in zip(self.asked, found, strict=True):
            JUDGEMENTS.put((kind, where, document), problems)
        return found

    def close(self) -> None:
        if self.child.poll() is None:
            self.child.kill()
        if self.exchange is not None:
            self.exchange.join()
        else:
            self.child.communicate()


def as_problem(fields: dict[str, Any]) -> Problem:
    return Problem(**{**fields, "engines": tuple(fields["engines"])})


def main() -> int:
    from .model import judgement
    asked: Any = json.load(sys.stdin)
    json.dump([[dataclasses.asdict(p) for p in judgement(kind, document, where)] for kind, document, where in asked], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
