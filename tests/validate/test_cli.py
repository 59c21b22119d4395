"""The command as contributors and CI use it (validate/__main__.py): exit codes, formats and options."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, run_validator

GITHUB_LINE = re.compile(r"^::error file=(?P<file>[^,:]+)(,line=(?P<line>\d+))?(,col=(?P<col>\d+))?(,title=(?P<title>[^:]+))?::(?P<message>.+)$")


def broken(package) -> None:
    """Two faults in two files, so grouping and ordering show."""
    package.set_cell("quotes", 1, "kind", "quote")
    package.set_cell("actors", 0, "actor_id", "Bloomberg News")


def test_python_m_validate_on_a_valid_package_prints_the_verdict_and_nothing_else(tmp_path):
    result = subprocess.run([sys.executable, "-m", "validate", str(FIXTURE)], cwd=FIXTURE.parent, capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"})
    assert (result.returncode, result.stdout, result.stderr) == (0, "package: valid. Every rule passed.\n", "")


def test_the_environment_made_by_make_runs_the_validator_from_any_folder(tmp_path):
    """make puts the project on the environment's path (a .pth file), as an editable install would."""
    result = subprocess.run([sys.executable, "-m", "validate", str(FIXTURE)], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"})
    assert (result.returncode, result.stderr) == (0, ""), result.stdout


def test_exit_codes(package, tmp_path):
    assert run_validator(str(package.root), "--format", "json").exit_code == 0  # a folder holding the descriptor works
    broken(package)
    assert run_validator(str(package.descriptor), "--format", "json").exit_code == 1
    missing = run_validator(str(tmp_path / "nowhere"), "--format", "json")
    assert missing.exit_code == 2 and [e["rule"] for e in missing.errors] == ["file-missing"]
    package.write("datapackage.json", "{")
    unreadable = run_validator(str(package.descriptor), "--format", "json")
    assert unreadable.exit_code == 2 and [(e["rule"], e["line"]) for e in unreadable.errors] == [("descriptor-unreadable", 1)]


def test_json_lists_every_error_with_file_line_column_field_rule(package):
    broken(package)
    report = package.validate().report
    assert report["version"] == 2 and report["valid"] is False
    for error in report["errors"]:
        assert set(error) == {"file", "line", "col", "field", "value", "rule", "message", "hint", "suggestion", "engines"}
    where = {(e["file"], e["line"], e["field"], e["rule"]) for e in report["errors"]}
    assert ("data/quotes.csv", 3, "kind", "enum") in where and ("data/actors.csv", 2, "actor_id", "pattern") in where
    # the broken id also leaves its references dangling: all are reported in the same run
    assert any(e["rule"] == "foreign-key" for e in report["errors"])


def test_github_format_lines_are_workflow_commands_then_the_text_report(package):
    package.set_cell("quotes", 1, "kind", "quote")
    outcome = run_validator(str(package.descriptor), "--format", "github")
    assert outcome.exit_code == 1
    commands = [line for line in outcome.output.splitlines() if line.startswith("::")]
    parsed = [GITHUB_LINE.match(line) for line in commands if line.startswith("::error")]
    assert parsed and all(parsed)
    enum = next(p for p in parsed if p["title"] == "enum")
    assert enum["file"] == "data/quotes.csv" and enum["line"] == "3" and int(enum["col"]) > 1 and "Hint:" in enum["message"]
    assert "data/quotes.csv  (" in outcome.output


def test_text_format_groups_by_file_and_gives_hints(package):
    broken(package)
    text = run_validator(str(package.descriptor), "--format", "text").output
    assert "data/quotes.csv  (" in text and "data/actors.csv  (" in text
    assert "line 3, column kind" in text and "hint:" in text and "rule:  enum" in text
    assert re.search(r"datapackage\.json: invalid\. \d+ problems in \d+ files( \(\d+ shown\))?\.$", text.rstrip())


def test_markdown_format_is_a_job_summary(package):
    broken(package)
    out = run_validator(str(package.descriptor), "--format", "markdown").output
    assert out.startswith("### Validation") and "| data/quotes.csv | 3 | kind | `enum` |" in out


def test_frictionless_pass_only_when_asked(package):
    package.set_cell("quotes", 1, "kind", "quote")
    never = package.validate()
    always = package.validate("--frictionless", "always")
    assert never.exit_code == always.exit_code == 1
    enum = [e for e in never.errors if e["rule"] == "enum"]
    assert enum and enum[0]["engines"] == ["pandera"]
    assert [e["engines"] for e in always.errors if e["rule"] == "enum"] == [["frictionless", "pandera"]]  # one problem, both engines named
    with pytest.raises(SystemExit):
        run_validator(str(package.descriptor), "--frictionless", "auto")  # the old mode is gone


def test_list_rules_prints_the_catalogue(capsys):
    from validate.registry import RULES
    outcome = run_validator("--list-rules")
    assert outcome.exit_code == 0
    assert outcome.output.startswith("| rule | what it checks | how to fix it |")
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", outcome.output, re.MULTILINE))
    assert listed == set(RULES) and {"csv-header", "span-text", "foreign-key", "check-failed"} <= listed


def test_profile_reports_each_phase_on_stderr(package, capsys):
    outcome = run_validator(str(package.descriptor), "--format", "json", "--profile")
    profile = json.loads(capsys.readouterr().err.strip().splitlines()[-1])["profile"]
    assert outcome.exit_code == 0
    assert {"descriptor", "read", "table_rules", "package_rules", "triage", "total", "fields.field_rules"} <= set(profile) and profile["rows"] > 100


def test_the_package_is_named_as_the_contributor_knows_it(package, monkeypatch):
    monkeypatch.chdir(package.root.parent)
    assert run_validator("package/datapackage.json", "--format", "json").report["package"] == "package/datapackage.json"
    assert run_validator(str(Path("package").resolve()), "--format", "json").report["package"] == "package"
