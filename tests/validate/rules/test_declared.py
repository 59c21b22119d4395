"""Rules declared in the schemas' x- properties, read by generic code (validate/rules/declared.py)."""
from __future__ import annotations

from memory import dataset, field, found, schema, table

from validate.rules.declared import agrees_with_reference, exactly_one_of, field_lists, flags, referenced_by, required_when, spans_within

STATUSES = [
    {"value": "asserted", "label": "Asserted", "description": "The author asserts it.", "x-requires": {"empty": ["claimant_actor_id"]}},
    {"value": "reported", "label": "Reported", "description": "Someone else asserts it.", "x-requires": {"filled": ["claimant_actor_id"]}},
    {"value": "opinion", "label": "Opinion", "description": "An opinion."},
]
FACTS = schema(field("fact_id"), field("status", constraints={"enum": [s["value"] for s in STATUSES]}, categories=STATUSES), field("claimant_actor_id"),
               field("quote_id"), field("inferred_fields", **{"x-field-list": True}))


def facts(*rows: str):
    return table("facts", FACTS, "fact_id,status,claimant_actor_id,quote_id,inferred_fields\n" + "".join(f"{r}\n" for r in rows))


# ---- x-requires
def test_codes_with_what_they_require_pass():
    assert list(required_when(facts("f1,asserted,,,", "f2,reported,flynn,,", "f3,opinion,flynn,,", "f4,opinion,,,"))) == []


def test_a_code_that_requires_a_field_filled_or_empty_is_named_on_that_field():
    problems = list(required_when(facts("f1,asserted,flynn,,", "f2,reported,,,")))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("required-when", 2, "claimant_actor_id", "status asserted needs claimant_actor_id empty."),
        ("required-when", 3, "claimant_actor_id", "status reported needs claimant_actor_id filled.")]


# ---- x-field-list
def test_a_field_list_names_filled_fields_of_its_own_table():
    assert list(field_lists(facts("f1,reported,flynn,,claimant_actor_id", "f2,asserted,,,status fact_id", "f3,asserted,,,"))) == []


def test_a_field_list_naming_an_unknown_field_itself_or_an_empty_field():
    problems = list(field_lists(facts("f1,asserted,,,speaker", "f2,asserted,,,inferred_fields", "f3,asserted,,,claimant_actor_id")))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("field-list", 2, "inferred_fields", "inferred_fields names speaker, which this table does not have."),
        ("field-list", 3, "inferred_fields", "inferred_fields names inferred_fields, which this table does not have."),
        ("field-list", 4, "inferred_fields", "inferred_fields names claimant_actor_id, which this row leaves empty.")]


# ---- x-one-of
MENTIONS = schema(field("mention_id"), field("actor_id"), field("place_id"), field("mention_kind"),
                  foreignKeys=[{"fields": ["actor_id"], "reference": {"resource": "actors", "fields": ["actor_id"]}}],
                  **{"x-one-of": [["actor_id", "place_id"]]})


def mentions(*rows: str):
    return table("mentions", MENTIONS, "mention_id,actor_id,place_id,mention_kind\n" + "".join(f"{r}\n" for r in rows))


def test_exactly_one_of_the_fields_is_filled():
    assert list(exactly_one_of(mentions("m1,flynn,,proper_name", "m2,,iraq,proper_name"))) == []
    problems = list(exactly_one_of(mentions("m1,flynn,iraq,proper_name", "m2,,,pronoun")))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("exactly-one-of", 2, "actor_id", "Exactly one of actor_id, place_id must be filled; 2 are."),
        ("exactly-one-of", 3, "actor_id", "Exactly one of actor_id, place_id must be filled; none are.")]


# ---- x-referenced-by and x-true-iff-referenced
ACTORS = schema(field("actor_id"), field("is_named", "boolean", **{"x-true-iff-referenced": {
    "resource": "mentions", "fields": ["actor_id"], "where": {"field": "mention_kind", "in": ["proper_name"]}}}),
    primaryKey=["actor_id"], **{"x-referenced-by": [{"resource": "mentions", "fields": ["actor_id"]}]})


def actors(*rows: str):
    return table("actors", ACTORS, "actor_id,is_named\n" + "".join(f"{r}\n" for r in rows))


def test_every_row_is_referenced_as_declared():
    data = dataset(actors("flynn,true", "official,false"), mentions("m1,flynn,,proper_name", "m2,official,,nominal"))
    assert list(referenced_by(data)) == [] and list(flags(data)) == []


def test_a_row_nothing_refers_to():
    problems = list(referenced_by(dataset(actors("flynn,true", "reuters,true"), mentions("m1,flynn,,proper_name"))))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [("referenced-by", 3, "actor_id", "reuters has no row in mentions (actor_id).")]


def test_a_flag_that_disagrees_with_the_referencing_rows_either_way():
    data = dataset(actors("flynn,false", "official,true"), mentions("m1,flynn,,proper_name", "m2,official,,nominal"))
    problems = list(flags(data))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("flag-agreement", 2, "is_named", "is_named is false but flynn has a row in mentions with mention_kind proper_name."),
        ("flag-agreement", 3, "is_named", "is_named is true but official has no row in mentions with mention_kind proper_name.")]


def test_a_flag_that_is_not_a_boolean_is_left_to_the_type_rule():
    # "yes" is no boolean of the schema: reading it as false would accuse the row of a disagreement it does not have.
    data = dataset(actors("flynn,yes"), mentions("m1,flynn,,proper_name"))
    assert list(flags(data)) == []


# ---- x-same on a foreign key
QUOTES = schema(field("quote_id"), field("speaker_actor_id"), primaryKey=["quote_id"])
CLAIMS = schema(field("fact_id"), field("quote_id"), field("claimant_actor_id"),
                foreignKeys=[{"fields": ["quote_id"], "reference": {"resource": "quotes", "fields": ["quote_id"]},
                              "x-same": {"claimant_actor_id": "speaker_actor_id"}}])


def test_a_row_agrees_with_the_row_it_refers_to():
    quotes = table("quotes", QUOTES, "quote_id,speaker_actor_id\nq1,flynn\n")
    claims = table("facts", CLAIMS, "fact_id,quote_id,claimant_actor_id\nf1,q1,flynn\nf2,,baskey\nf3,q9,baskey\n")  # no quote, or an unknown one: not this rule's
    assert list(agrees_with_reference(dataset(quotes, claims))) == []
    wrong = table("facts", CLAIMS, "fact_id,quote_id,claimant_actor_id\nf1,q1,baskey\nf2,q1,\n")
    problems = list(agrees_with_reference(dataset(quotes, wrong)))
    assert found(problems) == [("agrees-with-reference", 2, "claimant_actor_id"), ("agrees-with-reference", 3, "claimant_actor_id")]
    assert problems[0].message == "claimant_actor_id is not the speaker_actor_id of quotes row q1 (flynn)."


# ---- x-within on a foreign key
SPAN = {"x-spans": [{"name": "quote", "start": "start", "end": "end", "text": "text", "required": True}]}
OUTER = schema(field("quote_id"), field("start", "integer"), field("end", "integer"), field("text"), primaryKey=["quote_id"], **SPAN)
INNER = schema(field("fact_id"), field("quote_id"), field("start", "integer"), field("end", "integer"), field("text"),
               foreignKeys=[{"fields": ["quote_id"], "reference": {"resource": "quotes", "fields": ["quote_id"]},
                             "x-within": {"span": "fact", "in": "quote"}}],
               **{"x-spans": [{"name": "fact", "start": "start", "end": "end", "text": "text", "required": True}]})


def test_a_span_inside_the_span_of_the_row_it_refers_to():
    quotes = table("quotes", OUTER, "quote_id,start,end,text\nq1,100,200,words\n")
    inside = table("facts", INNER, "fact_id,quote_id,start,end,text\nf1,q1,100,200,w\nf2,q1,150,160,w\nf3,,10,20,w\n")
    assert list(spans_within(dataset(quotes, inside))) == []
    outside = table("facts", INNER, "fact_id,quote_id,start,end,text\nf1,q1,99,150,w\nf2,q1,150,201,w\n")
    problems = list(spans_within(dataset(quotes, outside)))
    assert found(problems) == [("span-within", 2, "start"), ("span-within", 3, "start")]
    assert problems[0].message == "The fact span 99–150 is not inside the quote span 100–200 of quotes row q1."
