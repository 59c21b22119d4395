"""Every occurrence of an annotated surface form is annotated, or listed among the exclusions with the rule that
excludes it (validate/rules/occurrences.py), and an exclusion is only there when it is needed."""
from __future__ import annotations

from memory import dataset, field, found, schema, table

from validate.rules.occurrences import every_occurrence

TEXT = "Ann met Anna. Ann said no; Annex B, ann and Ann."  # "Ann" as a whole word at 0, 14, 44; inside Anna and Annex; "ann" lower-case
FK = [{"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}]
ARTICLES = schema(field("article_id"), field("text_path"), field("text_sha256"), field("text_bytes"), field("text_length"), primaryKey=["article_id"])
MENTIONS = schema(field("mention_id"), field("article_id"), field("start", "integer"), field("end", "integer"), field("text"), foreignKeys=FK,
                  **{"x-spans": [{"name": "mention", "start": "start", "end": "end", "text": "text", "required": True}],
                     "x-every-occurrence": {"span": "mention", "exclusions": "exclusions"}})
EXCLUSIONS = schema(field("article_id"), field("start", "integer"), field("end", "integer"), field("text"), field("guideline_rule"), foreignKeys=FK,
                    **{"x-spans": [{"name": "exclusion", "start": "start", "end": "end", "text": "text", "required": True}], "x-may-be-empty": True})


def check(mentions: str, exclusions: str = ""):
    data = dataset(table("articles", ARTICLES, "article_id,text_path,text_sha256,text_bytes,text_length\na1,data/source/a1.txt,,,\n"),
                   table("mentions", MENTIONS, "mention_id,article_id,start,end,text\n" + mentions),
                   table("exclusions", EXCLUSIONS, "article_id,start,end,text,guideline_rule\n" + exclusions), articles={"a1": TEXT})
    return list(every_occurrence(data))


def test_every_whole_word_occurrence_annotated_or_excluded_passes():
    assert check("m1,a1,0,3,Ann\nm2,a1,14,17,Ann\n", "a1,44,47,Ann,M4\n") == []


def test_an_occurrence_neither_annotated_nor_excluded_is_named_on_the_first_row_with_the_form():
    problems = check("m1,a1,0,3,Ann\nm2,a1,14,17,Ann\n")
    assert found(problems) == [("every-occurrence", 2, "text")]
    assert problems[0].suggestion == {"start": 44, "end": 47}
    assert "'Ann' also occurs in a1 at 44–47" in problems[0].message


def test_words_that_only_contain_the_form_are_not_occurrences():
    assert check("m1,a1,8,12,Anna\n") == []  # "Anna" occurs once; "Ann" inside it is no occurrence of "Anna"


def test_an_exclusion_of_an_annotated_span_or_of_a_form_never_annotated_is_not_needed():
    problems = check("m1,a1,0,3,Ann\nm2,a1,14,17,Ann\nm3,a1,44,47,Ann\n", "a1,0,3,Ann,M4\na1,36,39,ann,M4\n")
    assert [(p.rule, p.file, p.line, p.column) for p in problems] == [
        ("exclusion-needed", "data/exclusions.csv", 2, "start"), ("exclusion-needed", "data/exclusions.csv", 3, "text")]


def test_a_row_off_its_words_is_left_to_span_grounding_not_reported_again_here():
    # m2 was meant for "Ann" at 14-17 but is one character off (or not an offset at all): span grounding says so at m2;
    # "14-17 is not annotated" would be the same fault said twice, and the first thing a contributor reads.
    assert check("m1,a1,0,3,Ann\nm2,a1,15,18,Ann\n", "a1,44,47,Ann,M4\n") == []
    assert check("m1,a1,0,3,Ann\nm2,a1,1e3,17,Ann\n", "a1,44,47,Ann,M4\n") == []
