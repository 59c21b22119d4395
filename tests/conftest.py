"""Shared fixtures: a private copy of the fixture package that a test may break, and the validator run on it."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Code tests run on this frozen package, not on the live data/, which grows with every article.
FIXTURE = ROOT / "tests" / "fixtures" / "package"
PACKAGE_PARTS = ["datapackage.json", "schemas", "data"]


@dataclass
class Outcome:
    exit_code: int
    output: str

    @property
    def report(self) -> dict:
        return json.loads(self.output)

    @property
    def errors(self) -> list[dict]:
        return self.report["errors"]

    def rules(self) -> set[str]:
        return {e["rule"] for e in self.errors}


class PackageCopy:
    """A byte-exact copy of the package, with edits a contributor might make by hand."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True)
        for part in PACKAGE_PARTS:
            source = FIXTURE / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)

    @property
    def descriptor(self) -> Path:
        return self.root / "datapackage.json"

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> bytes:
        return self.path(relative).read_bytes()

    def write(self, relative: str, data: bytes | str) -> None:
        target = self.path(relative)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def rows(self, table: str) -> list[dict]:
        with open(self.path(f"data/{table}.csv"), encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def write_rows(self, table: str, rows: list[dict], header: list[str] | None = None) -> None:
        header = header or list(rows[0].keys())
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        self.write(f"data/{table}.csv", buffer.getvalue())

    def set_cell(self, table: str, row_index: int, column: str, value: str) -> int:
        """Change one cell; returns the editor line of the row (header is line 1)."""
        rows = self.rows(table)
        header = list(rows[0].keys())
        rows[row_index][column] = value
        self.write_rows(table, rows, header)
        return row_index + 2

    def row_index(self, table: str, column: str, value: str) -> int:
        return next(i for i, row in enumerate(self.rows(table)) if row[column] == value)

    def edit_json(self, relative: str, change) -> None:
        data = json.loads(self.read(relative))
        change(data)
        self.write(relative, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def validate(self, *args: str, target: str | None = None) -> Outcome:
        return run_validator(target or str(self.descriptor), "--format", "json", *args)


def run_validator(*argv: str) -> Outcome:
    from validate.__main__ import main as validate_main  # imported here so docs tests never depend on it

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = validate_main(list(argv))
    return Outcome(code, buffer.getvalue())


@pytest.fixture
def package(tmp_path: Path) -> PackageCopy:
    return PackageCopy(tmp_path / "package")


@pytest.fixture(scope="session")
def article_text() -> str:
    return (FIXTURE / "data/source/us-weapons-militias.txt").read_text(encoding="utf-8")


# Lines a test wants in every run's output (how many fuzz examples ran, the time and memory of the
# heaviest inputs), shown after the results. A test adds one with summary(request, line): it travels
# as a user property of the test's report, so it reaches the summary from pytest-xdist's workers too.
SUMMARY = pytest.StashKey[list]()


def summary(request: pytest.FixtureRequest, line: str) -> None:
    request.node.user_properties.append(("summary", line))


class _SummaryLines:
    """Collects summary lines from test reports, the workers' included."""

    def __init__(self, config: pytest.Config):
        self.lines = config.stash.setdefault(SUMMARY, [])

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for name, value in report.user_properties if report.when == "teardown" else ():
            if name == "summary" and value not in self.lines:
                self.lines.append(value)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_SummaryLines(config), "summary-lines")


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(SUMMARY, [])
    if lines:
        terminalreporter.section("summary")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session", autouse=True)
def _site_builds_folder(tmp_path_factory) -> None:
    """The site builds live in pytest's temporary folder for the run; under pytest-xdist, in the folder all
    workers share (pytest-xdist's own recipe for work done once per run: basetemp's parent is the run's folder)."""
    import sitebuild  # tests/site/sitebuild.py, on the test path (pyproject.toml); only sets a folder

    base = tmp_path_factory.getbasetemp()
    sitebuild.use_folder(base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base)


# The longest tests start first, so that the two workers finish together instead of one waiting for the
# other's last browser run (pytest-xdist hands tests out in collection order).
FIRST = ("tests/site/test_site_browser.py", "tests/integration/test_bounded.py", "tests/validate/test_frictionless_aside.py",
         "tests/release/test_release_datasette.py",
         "tests/site/test_site_snippets.py", "tests/project/test_benchmark_corpus.py", "tests/integration/test_read_only.py",
         "tests/release/test_release_archive.py", "tests/site/test_site_downloads.py")


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return FIRST.index(path) if path in FIRST else len(FIRST)
    items.sort(key=rank)  # a stable sort keeps every other test in its order
