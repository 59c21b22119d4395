"""Text in the hand-written pages that is generated at build time, never pasted: the rule catalogue
(from the validator's registry) and the figures the Guarantees page states (from the registry and
the bad-input corpus).

A page asks for them with markers: `<!-- rules -->` for the catalogue table,
`<!-- figure: NAME -->` for one number (an unknown name stops the build), and
`<!-- include: annotation/FILE.md -->` for a committed report of the annotation folder,
such as the agreement figures (a test recomputes them from the committed annotations), and
`<!-- benchmark-results -->` for the tables of the stored benchmark results (benchmarks/results/), with
`<!-- benchmark-profile -->` for where the validator spent its time on the largest of them, and
`<!-- benchmark-shipped -->` for the shipped package validated by both tools (benchmarks/shipped.py).
"""
from __future__ import annotations

import ast
import importlib.util
import re
import sys
from functools import cache
from pathlib import Path

from validate.registry import RULES, load_rules
from validate.report import rules_table

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
_FIGURE = re.compile(r"<!-- figure: ([a-z_]+) -->")
_INCLUDE = re.compile(r"<!-- include: (annotation/[a-z0-9-]+\.md) -->")


def _module(path: Path):
    """A test-suite module, imported by path (the corpus is data about the tests, not code the site runs)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(path.stem, module)
    # Test modules import their neighbours (conftest, faults) as pytest lets them: from their own folder.
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


def _constant(path: Path, name: str) -> int:
    """A module-level integer constant, read without running the module (a test module imports pytest and hypothesis)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, int):
                return value
    raise SystemExit(f"{path}: no integer constant {name}, which the Guarantees page states")


@cache
def figures() -> dict[str, str]:
    load_rules()
    corpus = _module(next(TESTS.rglob("faults.py"))).FAULTS
    fuzz_examples = _constant(next(TESTS.rglob("test_fuzz.py")), "DEFAULT_EXAMPLES")
    return {
        "rules": f"{len(RULES):,}",
        "faults": f"{len(corpus):,}",
        "frictionless_faults": f"{sum(f.frictionless_sees for f in corpus):,}",
        "fuzz_examples": f"{fuzz_examples:,}",
    }


def fill(text: str) -> str:
    if "<!-- rules -->" in text:
        load_rules()
        text = text.replace("<!-- rules -->", rules_table(RULES.values()))
    if "<!-- benchmark-results -->" in text:
        from benchmarks.results_table import RESULTS, load, markdown, profile_table

        results = load(RESULTS)
        text = text.replace("<!-- benchmark-results -->", markdown(results)).replace("<!-- benchmark-profile -->", profile_table(results))
    if "<!-- benchmark-shipped -->" in text:
        import json

        from benchmarks import shipped

        text = text.replace("<!-- benchmark-shipped -->", shipped.markdown(json.loads(shipped.RESULT.read_text(encoding="utf-8"))))
    text = _INCLUDE.sub(lambda m: (REPO / m.group(1)).read_text(encoding="utf-8"), text)  # a missing report stops the build
    if _FIGURE.search(text):
        values = figures()
        text = _FIGURE.sub(lambda m: values[m.group(1)], text)  # KeyError: a page asks for a figure nobody computes
    return text
