"""The command as contributors and CI use it: exit codes, the three formats, and no writes."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_validator

GITHUB_LINE = re.compile(r"^::error file=(?P<file>[^,:]+)(,line=(?P<line>\d+))?(,col=(?P<col>\d+))?(,title=(?P<title>[^:]+))?::(?P<message>.+)$")


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "validate", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"})


def test_shipped_package_is_valid_with_no_output_but_the_verdict():
    result = cli()
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "datapackage.json: valid. Every rule passed."
    assert result.stderr == ""


def test_a_folder_holding_the_descriptor_works(package):
    assert run_validator(str(package.root), "--format", "json").exit_code == 0


def test_missing_path_cannot_run(tmp_path):
    outcome = run_validator(str(tmp_path / "nowhere"), "--format", "json")
    assert outcome.exit_code == 2
    assert outcome.errors[0]["rule"] == "file-missing"


def broken(package) -> None:
    """Two faults in two files, so grouping and ordering show."""
    package.set_cell("quotes", 1, "kind", "quote")
    package.set_cell("actors", 0, "actor_id", "Bloomberg News")


def test_json_lists_every_error_with_file_line_field_rule(package):
    broken(package)
    outcome = package.validate()
    assert outcome.exit_code == 1
    report = outcome.report
    assert report["version"] == 1 and report["valid"] is False and report["error_count"] == len(report["errors"])
    for error in report["errors"]:
        assert set(error) == {"file", "line", "field", "value", "rule", "message", "hint", "engines"}
    by_rule = {(e["file"], e["line"], e["field"], e["rule"]) for e in report["errors"]}
    assert ("data/quotes.csv", 3, "kind", "enum") in by_rule
    assert ("data/actors.csv", 2, "actor_id", "pattern") in by_rule
    # the broken id also leaves its references dangling: all are reported in the same run
    assert any(e["rule"] == "foreign-key" for e in report["errors"])


def test_github_format_lines_are_workflow_commands(package):
    broken(package)
    outcome = run_validator(str(package.descriptor), "--format", "github")
    assert outcome.exit_code == 1
    lines = outcome.output.strip().split("\n")
    parsed = [GITHUB_LINE.match(line) for line in lines]
    assert all(parsed), [l for l, p in zip(lines, parsed) if not p]
    enum = next(p for p in parsed if p["title"] == "enum")
    assert enum["file"] == "data/quotes.csv" and enum["line"] == "3" and int(enum["col"]) > 1
    assert "Hint:" in enum["message"]


def test_text_format_groups_by_file_and_gives_hints(package):
    broken(package)
    outcome = run_validator(str(package.descriptor), "--format", "text")
    text = outcome.output
    assert "data/quotes.csv  (" in text and "data/actors.csv  (" in text
    assert "line 3, column kind" in text and "hint:" in text and "rule:  enum" in text
    assert text.rstrip().endswith("file" + "s" * (text.count("  (") != 1) + ".")


def test_validation_writes_nothing_into_the_package(package):
    broken(package)
    files = sorted(p for p in package.root.rglob("*") if p.is_file())
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    for fmt in ("text", "json", "github"):
        run_validator(str(package.descriptor), "--format", fmt)
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in sorted(p for p in package.root.rglob("*") if p.is_file())}
    assert after == before


def test_profile_reports_each_phase_on_stderr():
    result = cli("--profile", "--format", "json")
    profile = json.loads(result.stderr.strip().split("\n")[-1])["profile"]
    assert {"read", "hygiene", "fields", "foreign_keys", "spans", "references", "total"} <= set(profile) and profile["rows"] > 100
