"""The verdict rendered for people (text), programs (JSON), pull requests (GitHub annotations) and
job summaries (Markdown).

Every string from the package (values, messages that quote it, column and file names) is data:
each format escapes it for where it goes, so a cell can neither move a terminal's cursor, nor
forge a workflow command, nor add markup to a summary.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable

from .problems import Problem
from .registry import RULES, Root
from .triage import Verdict

JSON_VERSION = 2
GITHUB_ANNOTATIONS = 10  # GitHub shows at most ten error annotations per step


def hint_of(problem: Problem) -> str:
    return problem.hint or RULES[problem.rule].hint


# ---------------------------------------------------------------- escaping

def inert(text: object) -> str:
    """Text safe to print on a terminal or in a CI log: control and invisible format characters as escapes."""
    out = []
    for char in str(text):
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{code:02x}"))
        elif unicodedata.category(char) in ("Cf", "Zl", "Zp", "Co", "Cn") and code > 0x7F:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def no_command(line: str) -> str:
    """No line of a log may start with '::', a GitHub workflow command (runners ignore leading spaces)."""
    stripped = line.lstrip()
    if not stripped.startswith("::"):
        return line
    return line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]


# ---------------------------------------------------------------- text

def as_text(verdict: Verdict, package: str) -> str:
    if verdict.valid:
        return no_command(f"{inert(package)}: valid. Every rule passed.") + "\n"
    out: list[str] = []
    problems = sorted(verdict.shown, key=Problem.sort_key)
    files = root_causes_first(problems, {p.file for p in problems} | set(verdict.knock_on) | {f for f, _ in verdict.capped})
    for file in files:
        group = [p for p in problems if p.file == file]
        total = sum(p.count for p in group) + verdict.knock_on[file] + sum(n for (f, _), n in verdict.capped.items() if f == file)
        out.append(f"{inert(file)}  ({plural(total, 'problem')})")
        for p in group:
            out += problem_lines(p)
        for (f, rule), count in sorted(verdict.capped.items()):
            if f == file:
                out.append(f"  … and {plural(count, 'more ' + rule + ' problem')} in this file, not shown.")
        if verdict.knock_on[file]:
            out.append(f"  {plural(verdict.knock_on[file], 'other problem')} not shown: they follow from the problems above "
                       f"(a row or file that could not be read as the schema says).")
        out.append("")
    shown = len(problems)
    summary = f"{inert(package)}: invalid. {plural(verdict.total, 'problem')} in {plural(len(files), 'file')}"
    out.append(summary + ("." if shown == verdict.total else f" ({shown} shown)."))
    return "\n".join(no_command(line) for line in out) + "\n"


def root_causes_first(problems: list[Problem], files: set[str]) -> list[str]:
    """Files holding a problem that hides others (a row or file that could not be read) first, then the rest, each by name."""
    roots = {p.file for p in problems if p.rule in RULES and RULES[p.rule].root is not Root.NONE}
    return sorted(files, key=lambda f: (f not in roots, f))


def problem_lines(p: Problem) -> list[str]:
    where = f"line {p.line}" if p.line else "file"
    if p.column:
        where += f", column {inert(p.column)}"
    lines = [f"  {where}: {inert(p.message)}"]
    if p.value is not None:
        lines.append(f"    value: {inert(p.value)}")
    lines.append(f"    rule:  {p.rule} ({RULES[p.rule].checks})")
    lines.append(f"    hint:  {inert(hint_of(p))}")
    if p.suggestion:
        lines.append("    fix:   " + ", ".join(f"{inert(k)} = {inert(v)}" for k, v in p.suggestion.items()))
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' * (count != 1)}"


# ---------------------------------------------------------------- JSON

def as_json(verdict: Verdict, package: str) -> str:
    """Stable shape, documented in CONTRIBUTING.md; ASCII only, so no byte of it is a control sequence."""
    return json.dumps({
        "version": JSON_VERSION,
        "package": package,
        "valid": verdict.valid,
        "error_count": verdict.total,
        "errors": [
            {"file": p.file, "line": p.line, "col": p.col, "field": p.column, "value": p.value, "rule": p.rule, "message": p.message,
             "hint": hint_of(p), "suggestion": p.suggestion, "engines": list(p.engines)}
            for p in sorted(verdict.shown, key=Problem.sort_key)
        ],
        "not_shown": {
            "capped": [{"file": f, "rule": r, "count": n} for (f, r), n in sorted(verdict.capped.items())],
            "knock_on": [{"file": f, "count": n} for f, n in sorted(verdict.knock_on.items())],
        },
    }, ensure_ascii=True, indent=2) + "\n"


# ---------------------------------------------------------------- GitHub

def escape_data(text: str) -> str:
    # Workflow commands end at a newline and treat % specially.
    return inert(text).replace("%", "%25")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(verdict: Verdict, package: str, changed: dict[str, set[int]] | None = None) -> str:
    """At most ten error annotations, lines the pull request changed first; the rest counted in one notice."""
    changed = changed or {}
    ordered = sorted(verdict.shown, key=lambda p: (p.line not in changed.get(p.file, set()), *Problem.sort_key(p)))
    lines = []
    for p in ordered[:GITHUB_ANNOTATIONS]:
        props = [f"file={escape_property(p.file)}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.col:
                props.append(f"col={p.col}")
        props.append(f"title={escape_property(p.rule)}")
        field = f" [{p.column}]" if p.column else ""
        value = f" (value: {p.value})" if p.value is not None else ""
        lines.append(f"::error {','.join(props)}::{escape_data(p.message + field + value + ' Hint: ' + hint_of(p))}")
    rest = verdict.total - min(len(ordered), GITHUB_ANNOTATIONS)
    if rest > 0:
        note = plural(rest, "more problem") + " not annotated; the job summary and the log list them."
        lines.append(f"::notice title=validate::{escape_data(note)}")
    return "\n".join(lines) + ("\n" if lines else "") + as_text(verdict, package)


# ---------------------------------------------------------------- Markdown (job summaries)

def md_cell(text: object) -> str:
    """A value in a Markdown table cell: no markup, no pipes, no line breaks, nothing invisible."""
    escaped = html.escape(inert(text), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", escaped)


def as_markdown(verdict: Verdict, package: str) -> str:
    if verdict.valid:
        return f"### Validation\n\n`{md_cell(package)}`: valid. Every rule passed.\n"
    rows = ["| file | line | field | rule | problem | value | hint |", "|---|---|---|---|---|---|---|"]
    for p in sorted(verdict.shown, key=Problem.sort_key):
        rows.append(f"| {md_cell(p.file)} | {p.line or ''} | {md_cell(p.column or '')} | `{p.rule}` | {md_cell(p.message)} | "
                    f"{md_cell(p.value or '')} | {md_cell(hint_of(p))} |")
    hidden = sum(verdict.capped.values()) + sum(verdict.knock_on.values())
    tail = f"\n\n{plural(hidden, 'more problem')} not listed (over the cap per rule, or following from a problem above)." if hidden else ""
    return f"### Validation\n\n{md_cell(package)}: invalid, {plural(verdict.total, 'problem')}.\n\n" + "\n".join(rows) + tail + "\n"


def render(verdict: Verdict, fmt: str, package: str, changed: dict[str, set[int]] | None = None) -> str:
    if fmt == "github":
        return as_github(verdict, package, changed)
    return {"text": as_text, "json": as_json, "markdown": as_markdown}[fmt](verdict, package)


# ---------------------------------------------------------------- the catalogue

def rules_table(rules: Iterable = ()) -> str:
    """The rule catalogue for CONTRIBUTING.md and the docs, generated from the registry."""
    rows = ["| rule | what it checks | how to fix it |", "|---|---|---|"]
    pipe = "\\|"
    for rule in rules or RULES.values():
        rows.append(f"| `{rule.id}` | {rule.checks.replace('|', pipe)} | {rule.hint.replace('|', pipe)} |")
    return "\n".join(rows) + "\n"
