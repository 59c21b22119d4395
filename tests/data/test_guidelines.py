"""The annotation guidelines stay in step with the schemas and quote the article exactly.

The guidelines are written by hand and frozen, so that a blind annotator can
work from them alone; these tests keep their column lists and codebooks equal
to schemas/ and every «quoted» example equal to the article's own words.
"""
import bisect
import json
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT

GUIDELINES = ROOT / "docs" / "guidelines.md"
# PACKAGE_ROOT points the tests at another copy of the package (a contributed article applied on top of data/); default: this repository.
PACKAGE = Path(os.environ.get("PACKAGE_ROOT") or ROOT).resolve()
# The article the guidelines take their worked examples from (named in the guidelines).
EXAMPLE_ARTICLE = PACKAGE / "data" / "source" / "us-weapons-militias.txt"
RULE = re.compile(r"^\*\*([A-Z][0-9]+) — ", re.MULTILINE)
HEADING = re.compile(r"^#{2,4} ", re.MULTILINE)


def schemas() -> dict[str, dict]:
    """Table name -> its Table Schema, for every resource of the package."""
    descriptor = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: json.loads((PACKAGE / r["schema"]).read_text(encoding="utf-8")) for r in descriptor["resources"]}


def current_fields(schema: dict) -> list[dict]:
    """The fields new annotation writes; a field whose description starts "Deprecated:" only carries data made before guidelines 1.0."""
    return [f for f in schema["fields"] if not f.get("description", "").startswith("Deprecated:")]


def table_after(text: str, heading: str) -> list[list[str]]:
    """Body rows of the Markdown table that follows `heading`, as lists of stripped cells."""
    block = text.split(heading + "\n", 1)[1].lstrip("\n")
    rows = []
    for line in block.splitlines():
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[2:]  # header and separator


def code(cell: str) -> str:
    match = re.fullmatch(r"`([^`]+)`", cell)
    assert match, f"expected a `code` cell, got {cell!r}"
    return match.group(1)


@pytest.fixture(scope="module")
def guidelines() -> str:
    return GUIDELINES.read_text(encoding="utf-8")


def test_version_and_freeze_are_stated(guidelines):
    head = guidelines.split("\n## ", 1)[0]
    assert re.search(r"\*\*Version [0-9]+\.[0-9]+\*\*", head)
    assert re.search(r"Frozen on [0-9]{4}-[0-9]{2}-[0-9]{2}", head)
    assert "\n## Change log\n" in guidelines


def test_rule_ids_are_unique_and_every_rule_has_a_worked_example(guidelines):
    ids = RULE.findall(guidelines)
    assert len(ids) > 50
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    starts = [m.start() for m in RULE.finditer(guidelines)]
    boundaries = sorted(starts + [m.start() for m in HEADING.finditer(guidelines)] + [len(guidelines)])
    for rule, start in zip(ids, starts, strict=True):
        body = guidelines[start:boundaries[bisect.bisect_right(boundaries, start)]]
        assert "*Example:*" in body, f"rule {rule} has no worked example"


def test_every_guillemet_quote_is_the_articles_own_words(guidelines):
    article = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    quotes = re.findall(r"«([^»]+)»", guidelines)
    assert len(quotes) > 100
    # A quote may wrap across Markdown lines; the article has no line break inside a sentence.
    missing = [q for q in quotes if re.sub(r"\s*\n\s*", " ", q) not in article]
    assert not missing, missing


def test_column_lists_equal_the_schemas(guidelines):
    documented = re.findall(r"^#### Columns of `([a-z_]+)\.csv`$", guidelines, re.MULTILINE)
    tables = schemas()
    annotated = set(tables) - {"articles"}  # the articles row comes with the text
    assert sorted(documented) == sorted(annotated)
    for name in annotated:
        columns = [code(row[0]) for row in table_after(guidelines, f"#### Columns of `{name}.csv`")]
        assert columns == [f["name"] for f in current_fields(tables[name])], name


def test_every_codebook_equals_its_schema_and_gives_an_example(guidelines):
    tables = schemas()
    coded = {(t, f["name"]): f for t, s in tables.items() for f in current_fields(s) if f.get("categories")}
    documented = set(re.findall(r"^#### Codebook: `([a-z_]+)\.([a-z_]+)`$", guidelines, re.MULTILINE))
    assert documented == set(coded)
    for (table, name), fld in coded.items():
        rows = table_after(guidelines, f"#### Codebook: `{table}.{name}`")
        assert [code(r[0]) for r in rows] == [c["value"] for c in fld["categories"]] == fld["constraints"]["enum"], (table, name)
        assert [r[1] for r in rows] == [c["label"] for c in fld["categories"]], (table, name)
        for row in rows:
            assert len(row) == 4 and row[3], f"{table}.{name} {row[0]} has no example"
            assert "«" in row[3] or "(invented)" in row[3], f"{table}.{name} {row[0]}: example neither quoted nor marked invented"


def test_exclusion_rules_are_rules_of_the_mentions_section(guidelines):
    mentions_section = guidelines.split("\n## Mentions\n", 1)[1].split("\n## ", 1)[0]
    defined = set(RULE.findall(mentions_section))
    rule_field = next(f for f in schemas()["mention_exclusions"]["fields"] if f["name"] == "guideline_rule")
    assert set(rule_field["constraints"]["enum"]) <= defined


def test_checks_fail_on_a_wrong_quote_and_a_missing_column(guidelines):
    """The checks above can fail: a misquoted word and a dropped column are caught."""
    article = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert "Hezbollah" not in article  # the article spells it «Hesbollah»
    broken = guidelines.replace("| `notes` | free text, or empty | no |\n\n## Places", "\n## Places", 1)
    assert broken != guidelines
    with pytest.raises(AssertionError):
        test_column_lists_equal_the_schemas(broken)
    with pytest.raises(AssertionError):
        test_every_guillemet_quote_is_the_articles_own_words(guidelines + "\n«Hezbollah»\n")
