"""The rule registry: every rule's id, what it checks and its hint, written once.

A *rule* is what a contributor sees: an id, one sentence on what it checks, and a
hint. A *check* is a function that finds breaches of one or more rules; it says its
scope, which tells the runner when to call it and with what:

    descriptor  check(model)   the package model, before any data file is read
    bytes       check(table)   what the reader found in a file's bytes (table.facts)
    table       check(table)   one table's parsed cells
    package     check(data)    every table and the article texts together

Rules reported by the reading stages themselves (the model, the CSV reader, the text
reader) are declared where they are found, with no check function.

Adding a rule: declare it and register its check in the module of its family under
validate/rules/ (see CONTRIBUTING.md, "How to add a rule"). The catalogue in
CONTRIBUTING.md and the counts on the Guarantees page are generated from here.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from .problems import Problem


class Scope(StrEnum):
    DESCRIPTOR = "descriptor"
    BYTES = "bytes"
    TABLE = "table"
    PACKAGE = "package"


class Root(StrEnum):
    """How far a problem's knock-on effects reach; the runner hides what follows from it."""

    NONE = "none"
    ROW = "row"  # nothing else on that line of that file is reported
    FILE = "file"  # nothing else in that file is reported


@dataclass(frozen=True)
class Rule:
    id: str
    checks: str  # what it checks, one sentence
    hint: str  # how to fix a breach, one sentence
    family: str  # the module that declares it, for the catalogue
    root: Root = Root.NONE
    supersedes: tuple[str, ...] = ()  # rules that say less about the same cell; only this one is reported there
    scope: Scope | None = None  # the scope of the check that reports it; None for rules the reading stages report

    @property
    def reads_cells(self) -> bool:
        """Found in parsed cells, so it can be a knock-on of a row or file that was not read as the schema says."""
        return self.scope in (Scope.TABLE, Scope.PACKAGE)

    def problem(self, file: str, message: str, **where: Any) -> Problem:
        return Problem(self.id, file, message, **where)


@dataclass(frozen=True)
class Check:
    function: Callable[[Any], Iterable[Problem]]
    scope: Scope
    emits: tuple[Rule, ...]

    @property
    def name(self) -> str:
        return f"{self.function.__module__.rsplit('.', 1)[-1]}.{self.function.__name__}"


RULES: dict[str, Rule] = {}
CHECKS: list[Check] = []


def declare(rule_id: str, checks: str, hint: str, root: Root = Root.NONE, supersedes: tuple[str, ...] = ()) -> Rule:
    """Declare a rule once; a second declaration of the same id is a programming error."""
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} is declared twice")
    rule = Rule(rule_id, checks, hint, _caller_family(), root, supersedes)
    RULES[rule_id] = rule
    return rule


def check(scope: Scope, *emits: Rule) -> Callable:
    """Register a check function of the given scope that reports the given rules."""
    def register(function: Callable) -> Callable:
        CHECKS.append(Check(function, scope, emits))
        for rule in emits:
            RULES[rule.id] = replace(rule, scope=scope)
        return function
    return register


def checks_of(scope: Scope) -> list[Check]:
    load_rules()
    return [c for c in CHECKS if c.scope == scope]


def load_rules() -> dict[str, Rule]:
    """Import every module that declares rules: the reading stages, the rule families, and the runner's."""
    from . import frictionless_engine, model, reader, rules, runner, schema_change, texts  # noqa: F401  (registration happens on import)
    return RULES


def _caller_family() -> str:
    """The declaring module's short name (declare's caller's module)."""
    return str(sys._getframe(2).f_globals.get("__name__", "")).rsplit(".", 1)[-1]
