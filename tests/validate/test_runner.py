"""The runner (validate/runner.py): every check runs, a crashing one is reported and the run goes on; a watch
session reads again only what changed and gives the verdict a fresh run gives."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import run_validator

from validate import runner
from validate.registry import CHECKS, Scope, load_rules

load_rules()


@pytest.fixture
def crashing():
    """The check of the cell rules, made to crash, as a bug in it would."""
    index = next(i for i, c in enumerate(CHECKS) if c.name == "hygiene.cells")

    def broken(table):
        raise ZeroDivisionError("a bug")
    original = CHECKS[index]
    CHECKS[index] = replace(original, function=broken)
    yield
    CHECKS[index] = original


def test_a_crashing_check_is_reported_as_check_failed_and_the_others_still_run(package, crashing):
    package.set_cell("quotes", 1, "kind", "quote")
    outcome = package.validate()
    assert outcome.exit_code == 2  # the verdict cannot be vouched for
    failed = [e for e in outcome.errors if e["rule"] == "check-failed"]
    assert failed and all(e["message"] == "The check test_runner.broken failed: ZeroDivisionError: a bug" for e in failed)
    assert {e["file"] for e in failed} == {f"data/{t}.csv" for t in ("articles", "actors", "places", "mentions", "sources", "quotes", "facts",
                                                                     "image_captions")}
    assert any(e["rule"] == "enum" and e["line"] == 3 for e in outcome.errors)


def test_the_outcome_counts_rows_and_times_each_stage(package):
    outcome = runner.run(package.root)
    assert outcome.verdict.valid and not outcome.failed
    assert outcome.timings["rows"] == sum(len(package.rows(t)) for t in ("articles", "actors", "places", "mentions", "sources", "quotes", "facts",
                                                                         "image_captions"))
    assert {"descriptor", "read", "table_rules", "package_rules", "triage", "fields.field_rules", "spans.span_grounding"} <= set(outcome.timings)


# ---- watch sessions
@pytest.fixture
def reads(monkeypatch):
    """The files each run reads, in the order read."""
    seen: list[str] = []
    real = runner.read_table

    def counting(model, resource):
        seen.append(resource.path)
        return real(model, resource)
    monkeypatch.setattr(runner, "read_table", counting)
    return seen


def shown(outcome) -> list[tuple]:
    return [(p.rule, p.file, p.line, p.column, p.message) for p in outcome.verdict.shown]


def test_a_watch_session_reads_again_only_the_file_that_changed_and_agrees_with_a_fresh_run(package, reads, monkeypatch):
    session = runner.Session()
    assert runner.run(package.root, session=session).verdict.valid
    assert len(reads) == 8
    lints = []
    real = runner.run_checks
    monkeypatch.setattr(runner, "run_checks", lambda checks, argument, clock: lints.append(checks) or real(checks, argument, clock))
    reads.clear()
    package.set_cell("places", 1, "kind", "metropolis")
    watched = runner.run(package.root, session=session)
    assert reads == ["data/places.csv"]
    assert not any(c.scope is Scope.DESCRIPTOR for checks in lints for c in checks), "the descriptor's own checks ran again on an unchanged model"
    assert shown(watched) == shown(runner.run(package.root))
    assert [p.rule for p in watched.verdict.shown] == ["enum"]


def test_a_watch_session_reads_everything_again_when_a_schema_changes(package, reads):
    session = runner.Session()
    runner.run(package.root, session=session)
    reads.clear()
    package.edit_json("schemas/places.json", lambda s: s["fields"][1]["constraints"].update(maxLength=5))
    watched = runner.run(package.root, session=session)
    assert "data/places.csv" in reads
    assert shown(watched) == shown(runner.run(package.root)) and "length" in {p.rule for p in watched.verdict.shown}


def test_a_watch_session_sees_an_article_text_change(package):
    session = runner.Session()
    runner.run(package.root, session=session)
    text = "data/source/us-weapons-militias.txt"
    package.write(text, package.read(text) + b"\n")
    assert "text-checksum" in {p.rule for p in runner.run(package.root, session=session).verdict.shown}


def test_a_watch_session_refuses_a_data_file_that_became_a_link_outside(package):
    session = runner.Session()
    runner.run(package.root, session=session)
    outside = package.root.parent / "outside.csv"
    outside.write_bytes(package.read("data/places.csv"))
    package.path("data/places.csv").unlink()
    package.path("data/places.csv").symlink_to(outside)
    assert "path-unsafe" in {p.rule for p in runner.run(package.root, session=session).verdict.shown}


def test_a_watch_session_reports_a_data_file_deleted_between_runs(package):
    session = runner.Session()
    runner.run(package.root, session=session)
    package.path("data/places.csv").unlink()
    assert "file-missing" in {p.rule for p in runner.run(package.root, session=session).verdict.shown}


def test_the_cli_reports_a_crash_as_json_too(package, crashing):
    outcome = run_validator(str(package.descriptor), "--format", "json")
    assert outcome.exit_code == 2 and json.loads(outcome.output)["valid"] is False


# ---- findings remembered within a process (a test suite validates hundreds of copies of one package)
@pytest.fixture
def field_rule_calls():
    """The tables the field rules (pandera) are run on, in the order run."""
    index = next(i for i, c in enumerate(CHECKS) if c.name == "fields.field_rules")
    original = CHECKS[index]
    seen: list[str] = []

    def counting(table):
        seen.append(table.name)
        return original.function(table)
    CHECKS[index] = replace(original, function=counting)
    yield seen
    CHECKS[index] = original


def test_remembered_findings_are_those_of_the_same_bytes_under_the_same_declaration(package, tmp_path, field_rule_calls):
    assert runner.run(package.root, remember=True).verdict.valid
    tables = len(field_rule_calls)
    other = type(package)(tmp_path / "other")  # the same bytes elsewhere: nothing is checked again
    assert runner.run(other.root, remember=True).verdict.valid and len(field_rule_calls) == tables
    package.set_cell("quotes", 1, "kind", "quote")  # other bytes: that table alone is checked again, and its fault found
    changed = runner.run(package.root, remember=True)
    assert field_rule_calls[tables:] == ["quotes"] and "enum" in {p.rule for p in changed.verdict.shown}
    # The same bytes under another declaration: checked again, by the new schema.
    other.edit_json("schemas/actors.json", lambda schema: next(f for f in schema["fields"] if f["name"] == "name")
                    .setdefault("constraints", {}).update(maxLength=3))
    narrowed = runner.run(other.root, remember=True)
    assert field_rule_calls[tables + 1:] == ["actors"] and "length" in {p.rule for p in narrowed.verdict.shown}
    before = len(field_rule_calls)
    assert not runner.run(other.root).verdict.valid
    assert len(field_rule_calls) == before + tables  # not asked to remember: every table is checked
