"""The runner: the one place that knows about scheduling, threads, caches, imports and timings.

Data flows one way: the model (descriptor and schemas) -> each CSV read once -> the rules of
each scope -> triage -> a report. Rule modules only find problems; how they are run fast is
decided here:

- pandera (a quarter of a second of pure-Python import) is imported in a thread while polars
  reads the files, which it does without holding the GIL;
- two files are read, and two tables checked, at a time (two cores);
- the article texts are read while the table rules run;
- on the command line, Frictionless judges the descriptor and schemas in a second process
  (validate/frictionless_aside.py), and is only imported there;
- a watch session keeps what has not changed since the last run (model, tables, texts);
- a process that validates many packages (a test suite, say) remembers each small table's own
  findings by its bytes and declaration, as the same table gets the same findings;
"""
from __future__ import annotations

import gc
import hashlib
import importlib
import importlib.abc
import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .frictionless_aside import Aside
from .memo import JUDGEMENTS, Memo
from .model import Judge, Package, build, judged_here
from .paths import read_regular
from .problems import Problem
from .progress import Progress
from .reader import Table, parse_bytes, read_table
from .registry import Check, Scope, checks_of, declare
from .texts import Texts, read_texts
from .triage import Verdict, triage

CHECK_FAILED = declare("check-failed", "Every check runs to its end on the package.",
                       "This is a fault of the validator, not of the data: report it with the package that shows it.")
WORKERS = 2
# Tables up to this size have their table-scope findings remembered (when the run is asked to remember):
# hashing a larger file would cost more than a test suite gains from it.
REMEMBERED_SIZE = 4 << 20
TABLE_FINDINGS = Memo()


class _Unused(importlib.abc.MetaPathFinder):
    """pandera imports pandas whenever it is installed (a third of a second), though its polars backend
    needs none of it, and hypothesis (0.15 s), which only its data synthesis uses; without them it runs
    in its documented polars-only mode, with strategies switched off (pandera.strategies.base_strategies)."""

    UNUSED = ("pandas", "hypothesis")

    def find_spec(self, name, path, target=None):
        if name.split(".", 1)[0] in self.UNUSED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def tune_process() -> None:
    """Settings for a short-lived command-line run, made before the heavy imports."""
    sys.meta_path.insert(0, _Unused())
    # The cycle collector would only walk, again and again, the objects that importing
    # frictionless, pandera and polars creates (50 ms); a run is over before it would free anything.
    gc.disable()
    # numpy's OpenBLAS starts a thread per core that spins waiting for work; nothing here does
    # linear algebra, and on two cores those threads take CPU from polars.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def finish(code: int) -> None:
    """Leave without freeing a large package's frames object by object (a quarter of a second at 10,000 articles)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@dataclass
class Outcome:
    verdict: Verdict
    timings: dict[str, float]
    failed: bool  # a check crashed: the verdict cannot be vouched for


@dataclass
class Session:
    """What a watch session keeps between runs, keyed by each file's size and modification time."""

    model: tuple[Any, Package, list[Problem]] | None = None
    tables: dict[str, tuple[Any, Table, list[Problem]]] = field(default_factory=dict)
    checked: dict[str, tuple[Any, list[Problem]]] = field(default_factory=dict)  # table name -> its table-scope problems
    texts: tuple[Any, Texts, list[Problem]] | None = None


def signature(*paths: Path) -> tuple:
    out: list[tuple[str, int | None, int | None]] = []
    for path in paths:
        try:
            info = path.stat()
            out.append((str(path), info.st_size, info.st_mtime_ns))
        except OSError:
            out.append((str(path), None, None))
    return tuple(out)


class Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self.lock = threading.Lock()
        self.mark = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self.mark, 4)
        self.mark = now

    def timed(self, name: str, function: Callable, *args) -> Any:
        """Run one check or stage, adding its own time (threads overlap, so these may sum past the wall time)."""
        started = time.perf_counter()
        result = function(*args)
        with self.lock:
            self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - started, 4)
        return result


def run_checks(checks: list[Check], argument: Any, clock: Clock) -> list[Problem]:
    problems: list[Problem] = []
    for chk in checks:
        try:
            problems += clock.timed(chk.name, lambda c=chk: list(c.function(argument)))
        except Exception as error:  # a crashed check is reported, and the run goes on with the others
            where = getattr(argument, "path", None) or "datapackage.json"
            problems.append(CHECK_FAILED.problem(where, f"The check {chk.name} failed: {type(error).__name__}: {error}"))
    return problems


def run(path: str | os.PathLike, frictionless: str = "never", progress: bool = False, session: Session | None = None,
        schemas: Any = None, aside: Aside | None = None, remember: bool = False) -> Outcome:
    """Validate the package at `path`; `schemas` (relative path -> bytes) replaces its descriptor and schemas.

    With `aside`, the descriptor and schemas are judged in a second process while the run goes on as
    if they had no problem. That run stands only if it completed and the judge found nothing, which
    makes it the very run made here; otherwise (a refused schema leaves its table out, and might not
    even parse) the run is made again here, with the judge's answers remembered.

    With `remember`, each small table's own findings are kept for the next run that meets the same
    bytes under the same declaration, in this process (TABLE_FINDINGS).
    """
    if aside is None or session is not None or schemas is not None:
        if aside is not None:
            aside.close()
        return run_once(path, frictionless, progress, session, schemas, judged_here, remember=remember)
    outcome: Outcome | None = None
    try:
        outcome = run_once(path, frictionless, progress, session, schemas, aside, aside.send, remember)
    except Exception:  # a shape only the judge refuses: the run made here reports it
        outcome = None
    try:
        started = time.perf_counter()
        answers = aside.answers()
        if outcome is not None:
            outcome.timings["judged_aside_wait"] = round(time.perf_counter() - started, 4)
    finally:
        aside.close()
    if outcome is None or answers is None or any(answers):
        return run_once(path, frictionless, progress, session, schemas, judged_here, remember=remember)
    return outcome


def run_once(path: str | os.PathLike, frictionless: str, progress: bool, session: Session | None, schemas: Any, judge: Judge,
             model_built: Callable[[], None] = lambda: None, remember: bool = False) -> Outcome:
    clock = Clock()
    # Importing the rules imports pandera; polars reads files meanwhile, without the GIL.
    preload = threading.Thread(target=importlib.import_module, args=("validate.rules",), daemon=True)
    preload.start()

    model, problems = build(path, schemas, judge) if schemas is not None else model_of(path, session, judge)
    model_built()
    clock.lap("descriptor")
    bar = Progress.for_package(model, enabled=progress)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        tables: dict[str, Table] = {}
        contents: dict[str, str] = {}  # table -> digest of its bytes, for the tables whose findings are remembered
        for table, found, content in pool.map(lambda r: read_cached(model, r, session, clock, bar, remember), list(model.resources.values())):
            tables[table.name] = table
            problems += found
            if content is not None:
                contents[table.name] = content
        clock.lap("read")
        preload.join()
        bar.total = 2 * len(model.resources) + len(checks_of(Scope.PACKAGE))
        # The descriptor's rules depend only on the descriptor and the schemas: the same JSON, the same findings.
        documents = [model.descriptor] + [(r.name, r.schema_file, r.schema) for r in model.resources.values()]
        problems += JUDGEMENTS.get(("descriptor rules", documents), lambda: run_checks(checks_of(Scope.DESCRIPTOR), model, clock))
        by_table = [Scope.BYTES, Scope.TABLE]

        def table_rules(table: Table) -> list[Problem]:
            key = session.tables[table.name][0] if session is not None else None
            cached = session.checked.get(table.name) if session is not None else None
            if cached is not None and cached[0] == key:
                found = cached[1]
            elif table.name in contents:
                checks = [c for scope in by_table for c in checks_of(scope)]
                r = table.resource
                remembered = (contents[table.name], r.name, r.path, r.descriptor, r.schema, [(c.name, id(c.function)) for c in checks])
                found = TABLE_FINDINGS.get(remembered, lambda: run_checks(checks, table, clock))
            else:
                found = [p for scope in by_table for p in run_checks(checks_of(scope), table, clock)]
                if session is not None:
                    session.checked[table.name] = (key, found)
            bar.step(f"checked {table.path}")
            return list(found)

        texts_future = pool.submit(texts_of, model, tables, session, clock)
        largest_first = sorted(tables.values(), key=lambda t: -(len(t.frame) if t.frame is not None else 0))
        for found in pool.map(table_rules, largest_first):
            problems += found
        clock.lap("table_rules")
        texts, found = texts_future.result()
        problems += found
        data = Dataset(model, tables, texts)
        package_checks = checks_of(Scope.PACKAGE)
        for found in pool.map(lambda c: run_checks([c], data, clock), package_checks):
            problems += found
            bar.step("checked across tables")
        clock.lap("package_rules")
    from . import frictionless_engine  # imports Frictionless: only when its row pass is wanted
    if frictionless_engine.wanted(frictionless, problems):
        problems += frictionless_engine.check(model, tables)
        clock.lap("frictionless")
    bar.close()
    verdict = triage(problems, tables)
    clock.lap("triage")
    clock.timings["rows"] = int(sum(len(t.frame) for t in tables.values() if t.frame is not None))
    return Outcome(verdict, clock.timings, failed=any(p.rule == CHECK_FAILED.id for p in problems))


def model_of(path: str | os.PathLike, session: Session | None, judge: Judge) -> tuple[Package, list[Problem]]:
    if session is None:
        return build(path, judge=judge)
    root = Path(path)
    descriptor = root / "datapackage.json" if root.is_dir() else root
    schemas = sorted(descriptor.parent.glob("schemas/*.json"))  # a changed schema invalidates the model

    def key(model: Package) -> tuple:
        # The data files' own entries too (lstat, not following links): a file deleted or swapped
        # for a link since the last run must be judged again by the model's path guard.
        return signature(descriptor, *schemas) + tuple(entry(model.file(r.path)) for r in model.resources.values())

    if session.model is not None and session.model[0] == key(session.model[1]):
        return session.model[1], list(session.model[2])
    model, problems = build(path)
    session.model = (key(model), model, problems)
    return model, list(problems)


def entry(path: Path) -> tuple:
    """What kind of entry a data file is (regular file, link, gone): what the model's path guard judged."""
    try:
        return (str(path), stat.S_IFMT(os.lstat(path).st_mode))
    except OSError:
        return (str(path), None)


def read_cached(model: Package, resource, session: Session | None, clock: Clock, bar: Progress,
                remember: bool = False) -> tuple[Table, list[Problem], str | None]:
    """A table and its reading problems; with `remember`, for a small file, also the digest of its bytes."""
    key = (resource, signature(model.file(resource.path)))
    cached = session.tables.get(resource.name) if session else None
    content = None
    if cached is not None and cached[0] == key:
        table, found = cached[1], cached[2]
    elif remember and small(model.file(resource.path)):
        raw = read_regular(model.file(resource.path))
        content = hashlib.blake2b(raw, digest_size=20).hexdigest()
        table, found = clock.timed("read", parse_bytes, resource, raw)
    else:
        table, found = clock.timed("read", read_table, model, resource)
        if session is not None:
            session.tables[resource.name] = (key, table, found)
    bar.step(f"read {resource.path}")
    return table, list(found), content


def small(path: Path) -> bool:
    try:
        return path.stat().st_size <= REMEMBERED_SIZE
    except OSError:
        return False


def texts_of(model: Package, tables: dict[str, Table], session: Session | None, clock: Clock) -> tuple[Texts, list[Problem]]:
    if session is None or model.texts is None:
        return clock.timed("texts", read_texts, model, tables)
    listing = tables.get(model.texts.resource)
    paths = listing.frame[model.texts.path].drop_nulls().to_list() if listing is not None and listing.frame is not None and listing.has(model.texts.path) else []
    key = (id(listing), signature(*(model.file(p) for p in paths if isinstance(p, str))))
    if session.texts is None or session.texts[0] != key:
        session.texts = (key, *clock.timed("texts", read_texts, model, tables))
    return session.texts[1], list(session.texts[2])
