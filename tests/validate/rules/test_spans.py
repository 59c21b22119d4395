"""Span grounding on small in-memory tables: order, bounds, text, partial spans, suggestions, changed texts."""
from __future__ import annotations

from memory import dataset, field, found, schema, table

from validate.rules.spans import span_grounding

TEXT = "Said Ann. Ann said yes; Ann said no."
ARTICLES = schema(field("article_id"), field("text_path"), field("text_sha256"), field("text_bytes"), field("text_length"),
                  primaryKey=["article_id"])
QUOTES = schema(field("quote_id"), field("article_id"), field("start", "integer"), field("end", "integer"), field("text"),
                field("cue_start", "integer"), field("cue_end", "integer"), field("cue_text"),
                primaryKey=["quote_id"], foreignKeys=[{"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}],
                **{"x-spans": [{"name": "quote", "start": "start", "end": "end", "text": "text", "required": True},
                               {"name": "cue", "start": "cue_start", "end": "cue_end", "text": "cue_text"}]})


def run(rows: str, sha: str = ""):
    articles = table("articles", ARTICLES, f"article_id,text_path,text_sha256,text_bytes,text_length\na1,data/source/a1.txt,{sha},,\n")
    quotes = table("quotes", QUOTES, "quote_id,article_id,start,end,text,cue_start,cue_end,cue_text\n" + rows)
    return span_grounding(dataset(articles, quotes, articles={"a1": TEXT}))


def test_exact_spans_pass():
    assert run("q1,a1,19,22,yes,14,18,said\n") == []


def test_each_fault_is_named_at_its_row_and_field():
    problems = run("q1,a1,22,19,yes,,,\nq2,a1,30,99,no,,,\nq3,a1,19,22,Yes,,,\nq4,a1,19,22,yes,14,18,\n")
    assert found(problems) == [("span-order", 2, "start"), ("span-bounds", 3, "end"), ("span-text", 4, "text"), ("span-partial", 5, "cue_text")]


def test_a_wrong_offset_gets_the_nearest_occurrence_of_a_repeated_word():
    (problem,) = run("q1,a1,11,14,Ann,,,\n")  # "Ann" occurs at 5, 10 and 24; 11 is nearest to 10
    assert problem.suggestion == {"start": 10, "end": 13}
    assert "nearest of 3 occurrences" in problem.message


def test_offsets_count_code_points_not_bytes():
    # one emoji beyond U+FFFF is one code point (two UTF-16 units, four UTF-8 bytes)
    global TEXT
    saved, TEXT = TEXT, "\U0001F600 Ann said yes."
    try:
        assert run("q1,a1,2,5,Ann,,,\n") == []
    finally:
        TEXT = saved


def test_spans_on_a_changed_text_are_summarised_in_one_line():
    problems = run("q1,a1,0,4,Said,,,\nq2,a1,5,8,Ann,,,\n", sha="0" * 64)  # the recorded sha differs from the text's
    assert found(problems) == [("span-unchecked", 2, "article_id")]
    assert "2 row(s)" in problems[0].message


def test_rows_of_an_article_the_package_does_not_have_are_left_to_the_foreign_key_rule():
    assert run("q1,a9,0,4,Said,,,\n") == []


def test_spans_on_a_text_that_cannot_be_read_are_summarised_with_that_reason():
    articles = table("articles", ARTICLES, "article_id,text_path,text_sha256,text_bytes,text_length\na1,data/source/a1.txt,,,\n")
    quotes = table("quotes", QUOTES, "quote_id,article_id,start,end,text,cue_start,cue_end,cue_text\nq1,a1,0,4,Said,,,\nq2,a1,5,8,Ann,,,\n")
    data = dataset(articles, quotes, articles={})
    data.texts.unreadable.add("a1")  # as read_texts leaves an article whose file is missing, not UTF-8 or not a regular file
    problems = span_grounding(data)
    assert found(problems) == [("span-unchecked", 2, "article_id")]
    assert problems[0].message == "2 row(s) with spans in a1 not checked: its text cannot be read."


def test_a_start_before_the_text_is_out_of_bounds():
    assert found(run("q1,a1,-1,3,Sai,,,\n")) == [("span-bounds", 2, "end")]


def test_text_that_occurs_nowhere_gets_no_suggestion():
    (problem,) = run("q1,a1,0,4,Bob,,,\n")
    assert problem.suggestion is None and "It occurs" not in problem.message


def test_a_flood_of_rows_off_their_words_is_listed_up_to_a_bound_and_counted_by_kind_beyond(monkeypatch):
    from validate.rules import spans
    monkeypatch.setattr(spans, "LISTED", 2)
    rows = "".join(f"t{n},a1,19,22,Yes,,,\n" for n in range(4)) + "".join(f"b{n},a1,30,99,no,,,\n" for n in range(3))
    problems = run(rows)
    assert found(problems) == [("span-text", 2, "text"), ("span-text", 3, "text"), ("span-text", 4, "text"), ("span-bounds", 6, "end")]
    assert [p.count for p in problems] == [1, 1, 2, 3]
    assert problems[-1].message == "3 more rows from here on are off their words in this way; they are counted here, not listed one by one."
