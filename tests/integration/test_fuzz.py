"""Fuzzing: whatever a contributor or an attacker puts in the package, the validator answers.

Random cells, rows, CSV bytes and descriptors are written into a copy of the fixture package
and validated. The property: exit 0, 1 or 2 with the documented JSON report, every problem a
known rule with a hint, never an exception (not even one the validator catches and reports
as "could not run", or a check that crashed) and never a hang.

FUZZ_EXAMPLES is the number of examples across the four tests (a quarter each); each is a whole
validation (half a second), so the default keeps `make test` quick and `make fuzz` runs 5000.
Runs are derandomized, so CI sees the same inputs.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import validate.schema_change  # noqa: F401  (its rules are declared on import; see tests/validate/test_registry.py)
from validate.registry import load_rules

RULES = load_rules()
DEFAULT_EXAMPLES = 12
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", DEFAULT_EXAMPLES))
TESTS = 4
PER_TEST = max(1, EXAMPLES // TESTS)
HANG_SECONDS = 60  # the shipped package validates in well under a second; a minute is a hang
CRASH = "The validator could not run"

FUZZ = settings(max_examples=PER_TEST, derandomize=True, database=None, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])

# docs/datadict/derived.py imports this module by path, outside pytest, for DEFAULT_EXAMPLES: the test
# helpers (tests/conftest.py) are imported where they are used, so that import needs nothing but this file.
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "package"
TABLES = sorted(p.stem for p in (FIXTURE / "schemas").glob("*.json"))
DESCRIPTOR = json.loads((FIXTURE / "datapackage.json").read_text(encoding="utf-8"))

# Cells: any text (control characters, quotes, commas, newlines included), huge numbers, and look-alikes.
TRICKY = ["", " ", '"', '""', ",", "\n", "\r\n", "\r", "\x00", "\ufeff", "\u200b", "\u202e", "NaN", "-INF", "null", "NA",
          "true", "maybe", "0", "-0", "+1", "1e309", "9" * 40, "2014-02-30", "XXXX-13-45", "=1+1", "@SUM(A1)", "../../etc/passwd",
          "https://example.org/x.csv", "us-weapons-militias", "no-such-id", "a\u0301", "\U0001f600"]
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
cells = st.one_of(texts, st.sampled_from(TRICKY), st.integers().map(str), st.integers(min_value=-(10**40), max_value=10**40).map(str),
                  st.floats().map(repr), st.lists(st.sampled_from(TRICKY), max_size=4).map("".join))
modes = st.sampled_from(["never", "never", "never", "always"])  # the Frictionless pass is slower; it still runs in a quarter of the examples

# Descriptors: JSON values of any shape.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts | st.sampled_from(TRICKY),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["name", "path", "schema", "fields", "type", "format", "profile", "dialect", "resources", "primaryKey", "foreignKeys",
         "constraints", "x-spans", "reference", "resource", "licenses", "missingValues", "encoding", "start", "end", "text"]) | texts, inner, max_size=4),
    max_leaves=12)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from conftest import PackageCopy
    return PackageCopy(tmp_path_factory.mktemp("fuzz") / "package")


@pytest.fixture
def counted(request):
    """How many examples the test ran, in the run's summary."""
    counts: dict[str, int] = {}
    yield counts
    from conftest import summary
    summary(request, f"fuzz: {request.node.name} ran {sum(counts.values())} examples (FUZZ_EXAMPLES={EXAMPLES})")


@contextmanager
def hang_guard():
    def hang(signum, frame):
        raise TimeoutError(f"the validator ran longer than {HANG_SECONDS} s")
    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def changed(base, relative: str, data: bytes):
    """Write data over one file of the base copy, and put the shipped bytes back afterwards."""
    original = base.read(relative)
    base.write(relative, data)
    try:
        yield
    finally:
        base.write(relative, original)


def check_verdict(base, mode: str) -> dict:
    from conftest import run_validator
    with hang_guard():
        outcome = run_validator(str(base.descriptor), "--format", "json", "--frictionless", mode)
    assert outcome.exit_code in (0, 1, 2)
    report = json.loads(outcome.output)  # parseable, whatever the input
    assert report["valid"] is (outcome.exit_code == 0)
    hidden = report["not_shown"]
    assert report["error_count"] == len(report["errors"]) + sum(n["count"] for kind in ("capped", "knock_on") for n in hidden[kind])
    for error in report["errors"]:
        assert error["rule"] in RULES and error["hint"] and error["file"] and error["message"]
        assert error["rule"] != "check-failed", error["message"]  # a check that crashed
        assert not error["message"].startswith(CRASH), error["message"]
        assert error["line"] is None or (isinstance(error["line"], int) and error["line"] >= 1)
        assert error["col"] is None or (isinstance(error["col"], int) and error["col"] >= 1)
    if outcome.exit_code == 2:  # the package could not be read at all
        assert {e["rule"] for e in report["errors"]} <= {"descriptor-unreadable", "file-missing", "path-unsafe"}
    return report


def csv_text(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def table_rows(base, table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(base.read(f"data/{table}.csv").decode("utf-8"), newline="")))


@FUZZ
@given(data=st.data(), value=cells, mode=modes)
def test_random_cell(base, counted, data, value, mode):
    table = data.draw(st.sampled_from(TABLES), label="table")
    rows = table_rows(base, table)
    row = data.draw(st.integers(1, len(rows) - 1), label="row")
    column = data.draw(st.integers(0, len(rows[0]) - 1), label="column")
    rows[row][column] = value
    with changed(base, f"data/{table}.csv", csv_text(rows)):
        check_verdict(base, mode)
    counted["cells"] = counted.get("cells", 0) + 1


@FUZZ
@given(data=st.data(), new=st.lists(st.lists(cells, max_size=20), min_size=1, max_size=5), mode=modes)
def test_random_rows(base, counted, data, new, mode):
    table = data.draw(st.sampled_from(TABLES), label="table")
    rows = table_rows(base, table)
    at = data.draw(st.integers(1, len(rows)), label="at")
    replace = data.draw(st.booleans(), label="replace")
    rows[at:at + len(new) * replace] = new  # inserted, or written over existing rows; widths may be wrong
    with changed(base, f"data/{table}.csv", csv_text(rows)):
        check_verdict(base, mode)
    counted["rows"] = counted.get("rows", 0) + 1


@FUZZ
@given(data=st.data(), junk=st.binary(max_size=200), mode=modes)
def test_random_csv_bytes(base, counted, data, junk, mode):
    table = data.draw(st.sampled_from(TABLES), label="table")
    raw = base.read(f"data/{table}.csv")
    how = data.draw(st.sampled_from(["whole file", "spliced in", "overwritten", "truncated"]), label="how")
    at = data.draw(st.integers(0, len(raw)), label="at")
    mutated = {"whole file": junk, "spliced in": raw[:at] + junk + raw[at:],
               "overwritten": raw[:at] + junk + raw[at + len(junk):], "truncated": raw[:at]}[how]
    with changed(base, f"data/{table}.csv", mutated):
        check_verdict(base, mode)
    counted["csv bytes"] = counted.get("csv bytes", 0) + 1


@FUZZ
@given(data=st.data(), value=json_values, mode=modes)
def test_random_descriptor(base, counted, data, value, mode):
    where = data.draw(st.sampled_from(["descriptor", "package property", "resource property", "schema property", "field property"]), label="where")
    target, document = "datapackage.json", json.loads(json.dumps(DESCRIPTOR))
    if where == "descriptor":
        document = value
    elif where == "package property":
        document[data.draw(st.sampled_from(sorted(DESCRIPTOR) + ["profile", "$schema"]), label="key")] = value
    elif where == "resource property":
        resource = data.draw(st.sampled_from(document["resources"]), label="resource")
        resource[data.draw(st.sampled_from(sorted(resource) + ["dialect", "sources"]), label="key")] = value
    else:
        table = data.draw(st.sampled_from(TABLES), label="table")
        target = f"schemas/{table}.json"
        document = json.loads(base.read(target))
        holder = data.draw(st.sampled_from(document["fields"]), label="field") if where == "field property" else document
        holder[data.draw(st.sampled_from(sorted(holder) + ["constraints", "missingValues"]), label="key")] = value
    with changed(base, target, json.dumps(document, ensure_ascii=False).encode("utf-8")):
        check_verdict(base, mode)
    counted["descriptors"] = counted.get("descriptors", 0) + 1
