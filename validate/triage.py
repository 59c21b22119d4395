"""From every problem found to the report a person reads: each root cause once, first; knock-on
effects counted, not listed; at most a screenful per rule and file; each cell located.

The order of work: merge what two engines or two checks said about one cell, hide what follows
from a root cause (a row of the wrong width, a file that cannot be parsed), cap each rule per
file, and only then locate the character column of the problems that will be shown.
"""
from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .problems import Problem
from .reader import Table
from .registry import RULES, Root

CAP = 20  # problems of one rule shown per file


@dataclass
class Verdict:
    shown: list[Problem]
    total: int  # every problem found, hidden and capped ones included
    knock_on: Counter = field(default_factory=Counter)  # file -> problems hidden because they follow from a root cause there
    capped: Counter = field(default_factory=Counter)  # (file, rule) -> problems not shown over the cap

    @property
    def valid(self) -> bool:
        return self.total == 0


def triage(problems: list[Problem], tables: dict[str, Table], cap: int = CAP) -> Verdict:
    merged = merge(problems)
    kept, knock_on = hide_knock_ons(merged)
    shown, capped = cap_per_rule(kept, cap)
    by_path = {t.path: t for t in tables.values()}
    return Verdict([locate(p, by_path.get(p.file)) for p in shown], total=sum(p.count for p in kept) + sum(knock_on.values()), knock_on=knock_on,
                   capped=capped)


def merge(problems: list[Problem]) -> list[Problem]:
    """One problem per cause: what another engine said about the same cell and rule joins the project's own
    report (its engines named together); a rule that says more replaces one that says less about a cell."""
    groups: dict[tuple, list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[(problem.file, problem.line, problem.column, problem.rule)].append(problem)
    merged: list[Problem] = []
    for group in groups.values():
        own = [p for p in group if "frictionless" not in p.engines] or group[:1]
        others = {e for p in group for e in p.engines}
        kept = {(p.message, p.value): p for p in own}  # one report of each distinct message
        merged += [dataclasses.replace(p, engines=tuple(sorted(set(p.engines) | (others if len(own) == 1 else set())))) for p in kept.values()]
    cells: dict[tuple, set[str]] = defaultdict(set)
    for problem in merged:
        if problem.line is not None:
            cells[(problem.file, problem.line, problem.column)].add(problem.rule)
    return [p for p in merged if not (p.line is not None and superseded(p.rule, cells[(p.file, p.line, p.column)]))]


def superseded(rule: str, others: set[str]) -> bool:
    return any(rule in RULES[o].supersedes for o in others if o != rule and o in RULES)


def hide_knock_ons(problems: list[Problem]) -> tuple[list[Problem], Counter]:
    """A file-level root cause hides what the cells of its file show; a row-level one what the cells of its line show.

    Only problems found in parsed cells can follow from such a cause; what the reader found in
    the bytes (line endings, a byte-order mark) is a cause of its own and always shown.
    """
    root_files = {p.file for p in problems if RULES[p.rule].root is Root.FILE}
    root_rows = {(p.file, p.line) for p in problems if RULES[p.rule].root is Root.ROW and p.line is not None}
    kept: list[Problem] = []
    hidden: Counter = Counter()
    for problem in problems:
        rule = RULES[problem.rule]
        if rule.root is Root.NONE and rule.reads_cells and (problem.file in root_files or (problem.file, problem.line) in root_rows):
            hidden[problem.file] += problem.count
        else:
            kept.append(problem)
    return kept, hidden


def cap_per_rule(problems: list[Problem], cap: int) -> tuple[list[Problem], Counter]:
    shown: list[Problem] = []
    counts: Counter = Counter()
    capped: Counter = Counter()
    for problem in sorted(problems, key=Problem.sort_key):
        key = (problem.file, problem.rule)
        counts[key] += 1
        if counts[key] <= cap:
            shown.append(problem)
        else:
            capped[key] += problem.count
    return shown, capped


def locate(problem: Problem, table: Table | None) -> Problem:
    """The 1-based character column where the problem's cell starts on its line.

    Rebuilt from the parsed row rather than by re-reading the file: a cell
    holding a comma, quote or line break was necessarily quoted, any other is
    taken as unquoted (as every CSV writer with minimal quoting leaves it).
    """
    if table is None or table.frame is None or table.lines is None or not problem.line or not problem.column or problem.column not in table.header:
        return problem
    if problem.line == 1:  # the header itself
        row: tuple = tuple(table.header)
    else:
        hits = (table.lines == problem.line).nonzero()[0]
        if not len(hits):
            return problem
        row = table.frame.row(int(hits[0]))
    position = table.header.index(problem.column)
    if position >= len(row) or any("\n" in (cell or "") for cell in row[:position]):
        return problem  # the cell starts on a later line of a multi-line record
    col = 1 + sum(written_width(cell) + 1 for cell in row[:position])
    if problem.line == 1 and table.facts.bom:
        col += 1
    return dataclasses.replace(problem, col=col)


def written_width(cell: str | None) -> int:
    if cell is None:
        return 0
    if any(c in cell for c in ',"\n\r'):
        return len(cell) + cell.count('"') + 2
    return len(cell)
