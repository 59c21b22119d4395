"""The cue-distance rule on small in-memory tables."""
from __future__ import annotations

from memory import field, found, schema, table

from validate.rules.quotes import CUE_REACH, cue_distance

QUOTES = schema(field("quote_id"), field("start", "integer"), field("end", "integer"), field("text"),
                field("cue_start", "integer"), field("cue_end", "integer"), field("cue_text"),
                **{"x-spans": [{"name": "quote", "start": "start", "end": "end", "text": "text", "required": True},
                               {"name": "cue", "start": "cue_start", "end": "cue_end", "text": "cue_text"}]})
HEADER = "quote_id,start,end,text,cue_start,cue_end,cue_text\n"


def test_a_cue_before_or_after_its_quote_and_within_reach_passes():
    rows = f"q1,100,120,words,{100 - CUE_REACH - 4},{100 - CUE_REACH},said\nq2,100,120,words,{120 + CUE_REACH},{124 + CUE_REACH},said\n"
    assert list(cue_distance(table("quotes", QUOTES, HEADER + rows))) == []


def test_a_cue_beyond_reach_on_either_side_is_reported_at_its_row():
    rows = f"q1,500,520,words,{500 - CUE_REACH - 5},{500 - CUE_REACH - 1},said\nq2,100,120,words,{121 + CUE_REACH},{125 + CUE_REACH},said\n"
    problems = list(cue_distance(table("quotes", QUOTES, HEADER + rows)))
    assert found(problems) == [("cue-distance", 2, "cue_start"), ("cue-distance", 3, "cue_start")]
    assert f"{CUE_REACH + 1} characters" in problems[0].message


def test_a_row_without_a_cue_and_a_table_without_a_cue_group_are_left_alone():
    assert list(cue_distance(table("quotes", QUOTES, HEADER + "q1,100,120,words,,,\n"))) == []
    no_cue = schema(field("quote_id"), field("start", "integer"), field("end", "integer"), field("text"),
                    **{"x-spans": [{"name": "quote", "start": "start", "end": "end", "text": "text"}]})
    assert list(cue_distance(table("quotes", no_cue, "quote_id,start,end,text\nq1,1,2,w\n"))) == []
