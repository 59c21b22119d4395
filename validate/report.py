"""Problems rendered for people (text), for programs (JSON) and for pull requests (GitHub annotations)."""
from __future__ import annotations

import json
from itertools import groupby

from .problems import RULES, Problem

JSON_VERSION = 1


def render(problems: list[Problem], fmt: str, package: str) -> str:
    problems = sorted(problems, key=Problem.sort_key)
    return {"text": as_text, "json": as_json, "github": as_github}[fmt](problems, package)


def as_text(problems: list[Problem], package: str) -> str:
    if not problems:
        return f"{package}: valid. Every rule passed.\n"
    out = []
    for file, group in groupby(problems, key=lambda p: p.file):
        group = list(group)
        out.append(f"{file}  ({len(group)} problem{'s' * (len(group) != 1)})")
        for p in group:
            where = f"line {p.line}" if p.line else "file"
            if p.column:
                where += f", column {p.column}"
            out.append(f"  {where}: {p.message}")
            if p.value is not None:
                out.append(f"    value: {p.value}")
            out.append(f"    rule:  {p.rule} ({RULES[p.rule][0]})")
            out.append(f"    hint:  {p.hint}")
        out.append("")
    files = len({p.file for p in problems})
    out.append(f"{package}: invalid. {len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}.")
    return "\n".join(out) + "\n"


def as_json(problems: list[Problem], package: str) -> str:
    """Stable shape, documented in CONTRIBUTING.md: version, package, valid, error_count, errors[]."""
    return json.dumps({
        "version": JSON_VERSION,
        "package": package,
        "valid": not problems,
        "error_count": len(problems),
        "errors": [
            {"file": p.file, "line": p.line, "field": p.column, "value": p.value, "rule": p.rule,
             "message": p.message, "hint": p.hint, "engines": list(p.engines)}
            for p in problems
        ],
    }, ensure_ascii=False, indent=2) + "\n"


def rules_table() -> str:
    """The rule catalogue for CONTRIBUTING.md and the docs (a test keeps them equal)."""
    rows = ["| rule | what it checks | how to fix it |", "|---|---|---|"]
    pipe = "\\|"
    rows += [f"| `{rule}` | {checks} | {hint.replace('|', pipe)} |" for rule, (checks, hint) in RULES.items()]
    return "\n".join(rows) + "\n"


def escape_data(text: str) -> str:
    # Workflow commands end at a newline and treat % specially.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem], package: str) -> str:
    lines = []
    for p in problems:
        props = [f"file={escape_property(p.file)}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.col:
                props.append(f"col={p.col}")
        props.append(f"title={escape_property(p.rule)}")
        field = f" [{p.column}]" if p.column else ""
        value = f" (value: {p.value})" if p.value is not None else ""
        lines.append(f"::error {','.join(props)}::{escape_data(p.message + field + value + ' Hint: ' + p.hint)}")
    return "\n".join(lines) + ("\n" if lines else "")
