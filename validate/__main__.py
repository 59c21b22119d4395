"""python -m validate [PATH] [--format text|json|github]

Exit 0: valid. Exit 1: invalid. Exit 2: cannot run (no descriptor, unreadable JSON).
Reads the package and writes nothing but the report on standard output.
"""
from __future__ import annotations

if __name__ == "__main__":
    import gc
    import os
    # A run is short-lived: the cycle collector would only walk, again and again,
    # the objects that importing frictionless, pandera and pandas creates (50 ms).
    gc.disable()
    # numpy's OpenBLAS starts a thread per core that spins waiting for work; nothing
    # here does linear algebra, and on two cores those threads take CPU from polars.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import importlib
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import frictionless_engine, locate, report
from .package import CannotRun, load
from .problems import Problem
from .progress import Progress
from .rules import consistency, hygiene, keys, references, spans
from .tables import read_tables

FRICTIONLESS_CANNOT_HELP = ("path-unsafe", "file-missing", "schema-invalid", "descriptor-invalid", "csv-encoding", "csv-quote")
CROSS_TABLE_FAMILIES = ("spans", "foreign keys", "references")
FIELD_RULES = "validate.rules.fields"  # imports pandera, and pandas under it

DEFAULT = Path(__file__).resolve().parent.parent / "datapackage.json"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m validate", description="Validate the data package: every rule, one run, every problem.")
    parser.add_argument("path", nargs="?", default=str(DEFAULT), help="datapackage.json or a folder holding one (default: this repository's)")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text", help="text for people, json for programs, github for pull-request annotations")
    parser.add_argument("--frictionless", choices=["auto", "always", "never"], default="auto",
                        help="run Frictionless' row validation too (auto: when the data is under 20 MB; the pandera engine checks the same field rules either way)")
    parser.add_argument("--profile", action="store_true", help="print the time of each phase as JSON on standard error")
    parser.add_argument("--list-rules", action="store_true", help="print every rule with its hint as a Markdown table, and exit")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> tuple[list[Problem], dict]:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 4)
        clock = now

    spec, problems = load(args.path)
    lap("descriptor")
    progress = Progress.for_package(spec, enabled=args.format == "text", steps_after_tables=len(CROSS_TABLE_FAMILIES))
    # polars reads without holding the GIL, so importing pandera (a quarter of a
    # second of pure Python) overlaps the reading instead of adding to it.
    preload = threading.Thread(target=importlib.import_module, args=(FIELD_RULES,), daemon=True)
    preload.start()
    tables, found = read_tables(spec, progress, inspect_bytes=hygiene.bytes_rules)
    problems += found
    lap("read")
    preload.join()
    fields = importlib.import_module(FIELD_RULES)

    lock = threading.Lock()

    def timed(name: str, check, *args) -> list[Problem]:
        """Run one family of rules, adding its own time (threads overlap, so these may sum past the wall time)."""
        started = time.perf_counter()
        found = check(*args)
        with lock:
            timings[name] = round(timings.get(name, 0.0) + time.perf_counter() - started, 4)
        return found

    def table_rules(table) -> list[Problem]:
        found = timed("hygiene", hygiene.check, table) + timed("fields", fields.check, table)
        progress.step(f"checked {table.path}")
        return found

    # Tables are independent, and so are the rule families across tables; polars
    # releases the GIL, so two at a time keep both cores busy. The
    # article texts are read alongside the table rules: they need only the
    # articles table, and the span rules need them.
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = pool.submit(timed, "texts", spans.read_texts, spec, tables)
        by_table = pool.map(table_rules, sorted(tables.values(), key=lambda t: -len(t.frame) if t.frame is not None else 0))
        for found in by_table:
            problems += found
        lap("table_rules")
        article_texts, found = texts.result()
        problems += found
        families = [pool.submit(timed, "spans", spans.check, tables, article_texts), pool.submit(timed, "foreign_keys", keys.check, tables),
                    pool.submit(timed, "references", lambda: references.check(tables) + consistency.check(tables))]
        for label, family in zip(CROSS_TABLE_FAMILIES, families):
            problems += family.result()
            progress.step(f"checked {label} across tables")
        lap("cross_table_rules")
    if frictionless_engine.wanted(args.frictionless, spec) and not any(p.rule in FRICTIONLESS_CANNOT_HELP for p in problems):
        # Frictionless has judged an invalid descriptor already (package.load); its row pass would only repeat that, or raise.
        # A file that is not UTF-8 or never closes a quote it also fails to read, and blames every table that joins it.
        problems = frictionless_engine.merge(problems, frictionless_engine.check(spec, tables))
        lap("frictionless")
    progress.close()
    timings["rows"] = int(sum(len(t.frame) for t in tables.values() if t.frame is not None))
    return locate.with_columns(problems, tables, spec), timings


def display(path: str) -> str:
    """The package as the contributor knows it: relative to where they stand."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = arguments(argv)
    if args.list_rules:
        sys.stdout.write(report.rules_table())
        return 0
    shown = display(args.path)
    try:
        problems, timings = run(args)
    except CannotRun as error:
        sys.stdout.write(report.render([error.problem], args.format, shown))
        return 2
    except Exception as error:  # a crash must still be a report, never a traceback for a contributor
        problem = Problem("descriptor-unreadable", shown, f"The validator could not run: {type(error).__name__}: {error}")
        sys.stdout.write(report.render([problem], args.format, shown))
        return 2
    sys.stdout.write(report.render(problems, args.format, shown))
    if args.profile:
        timings["total"] = round(time.perf_counter() - started, 4)
        sys.stderr.write(json.dumps({"profile": timings}) + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    code = 2
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader (head, less) stopped early; the verdict stands
        pass
    # The report is written; freeing a large package's frames object by object
    # would only add a quarter of a second at 10,000 articles.
    os._exit(code)
