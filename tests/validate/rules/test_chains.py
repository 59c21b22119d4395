"""Chains of self-references end (validate/rules/chains.py): cited via, parent quote, affiliation never loop."""
from __future__ import annotations

from memory import dataset, field, found, schema, table

from validate.rules.chains import loops

SOURCES = schema(field("source_id"), field("cited_via_source_id"), primaryKey=["source_id"],
                 foreignKeys=[{"fields": ["cited_via_source_id"], "reference": {"resource": "", "fields": ["source_id"]}}])


def check(rows: str):
    return list(loops(dataset(table("sources", SOURCES, "source_id,cited_via_source_id\n" + rows))))


def test_chains_that_end_pass():
    assert check("a,b\nb,c\nc,\nd,a\ne,no-such-source\n") == []  # a dangling link ends the chain (the foreign-key rule reports it)


def test_a_row_citing_itself():
    assert found(check("a,a\nb,\n")) == [("attribution-loop", 2, "cited_via_source_id")]


def test_every_row_of_a_loop_is_named_and_a_row_leading_into_it_too():
    problems = check("a,b\nb,c\nc,a\nd,a\ne,\n")
    assert found(problems) == [("attribution-loop", line, "cited_via_source_id") for line in (2, 3, 4, 5)]
    assert problems[0].message == "Following cited_via_source_id from a never ends: the chain loops."


def test_a_long_chain_is_followed_to_its_end():
    rows = "".join(f"s{n},s{n + 1}\n" for n in range(5000)) + "s5000,\n"
    assert check(rows) == []
    assert found(check(rows.replace("s5000,\n", "s5000,s0\n")))[:1] == [("attribution-loop", 2, "cited_via_source_id")]


def test_a_repeated_id_does_not_make_a_loop():
    assert check("a,b\nb,\na,\n") == []  # the repeated id is the primary key's to report
