"""Foreign keys across tables (validate/rules/keys.py): every reference points to a row, with the closest id suggested."""
from __future__ import annotations

from memory import dataset, field, found, read, schema, table

from validate.rules import keys
from validate.rules.keys import SUGGEST_ROWS, foreign_keys, unique_keys

ACTORS = schema(field("actor_id"), field("name"), primaryKey=["actor_id"])
QUOTES = schema(field("quote_id"), field("speaker_actor_id"), field("parent_quote_id"), primaryKey=["quote_id"], foreignKeys=[
    {"fields": ["speaker_actor_id"], "reference": {"resource": "actors", "fields": ["actor_id"]}},
    {"fields": ["parent_quote_id"], "reference": {"resource": "", "fields": ["quote_id"]}}])  # a self-reference
ACTOR_ROWS = "actor_id,name\nmike-flynn,Mike Flynn\nalistair-baskey,Alistair Baskey\n"


def check(quotes: str, actors: str = ACTOR_ROWS):
    return foreign_keys(dataset(table("actors", ACTORS, actors), table("quotes", QUOTES, "quote_id,speaker_actor_id,parent_quote_id\n" + quotes)))


def test_references_to_existing_rows_and_empty_references_pass():
    assert check("q1,mike-flynn,\nq2,alistair-baskey,q1\nq3,,\n") == []


def test_a_dangling_reference_is_named_with_the_closest_id():
    (problem,) = check("q1,mike-flyn,\n")
    assert (problem.rule, problem.line, problem.column, problem.value) == ("foreign-key", 2, "speaker_actor_id", "mike-flyn")
    assert problem.message == "speaker_actor_id 'mike-flyn' matches the actor_id of no row in actors. Did you mean 'mike-flynn'?"
    assert problem.suggestion == {"value": "mike-flynn"}


def test_no_suggestion_when_nothing_is_close():
    (problem,) = check("q1,reuters,\n")
    assert problem.suggestion is None and "Did you mean" not in problem.message


def test_a_dangling_self_reference():
    assert found(check("q1,mike-flynn,\nq2,mike-flynn,q9\n")) == [("foreign-key", 3, "parent_quote_id")]


def test_a_composite_key_must_match_as_a_whole():
    spans = schema(field("article_id"), field("start", "integer"), primaryKey=["article_id", "start"])
    notes = schema(field("note_id"), field("article_id"), field("start", "integer"),
                   foreignKeys=[{"fields": ["article_id", "start"], "reference": {"resource": "spans", "fields": ["article_id", "start"]}}])
    data = dataset(table("spans", spans, "article_id,start\na,1\nb,2\n"), table("notes", notes, "note_id,article_id,start\nn1,a,1\nn2,a,2\nn3,,\n"))
    assert found(foreign_keys(data)) == [("foreign-key", 3, "article_id")]


def test_a_reference_into_a_table_that_could_not_be_read_is_left_to_that_table_own_problem():
    data = dataset(table("quotes", QUOTES, "quote_id,speaker_actor_id,parent_quote_id\nq1,mike-flynn,\n"))  # no actors table at all
    assert foreign_keys(data) == []


def test_suggestions_stop_after_a_screenful_but_every_dangling_row_is_reported():
    rows = "".join(f"q{n},mike-flyn,\n" for n in range(SUGGEST_ROWS + 5))
    problems = check(rows)
    assert len(problems) == SUGGEST_ROWS + 5
    assert sum(p.suggestion is not None for p in problems) == SUGGEST_ROWS


# ---- unique keys (Table Schema v2's uniqueKeys)
MENTIONS = schema(field("mention_id"), field("start", "integer"), field("actor_id"), field("place_id"), primaryKey=["mention_id"],
                  uniqueKeys=[["start", "actor_id"], ["start", "place_id"]])


def unique(rows: str):
    return unique_keys(table("mentions", MENTIONS, "mention_id,start,actor_id,place_id\n" + rows))


def test_a_row_repeating_a_unique_key_is_named_with_the_line_it_repeats():
    problems = unique("m1,3,iran,\nm2,3,iraq,\nm3,9,,basra\nm4,3,iran,\nm5,9,,basra\nm6,3,iran,\n")
    assert found(problems) == [("unique-key", 5, "start"), ("unique-key", 7, "start"), ("unique-key", 6, "start")]
    assert problems[0].message == "Repeats line 2 in start 3, actor_id iran: one row for each."


def test_an_empty_cell_in_a_key_leaves_the_row_out_of_that_key():
    # m1 and m2 share start and an empty actor_id: the first key does not compare them; their places differ.
    assert unique("m1,3,,basra\nm2,3,,baghdad\nm3,4,iran,\n") == []


def test_a_flood_of_repeated_rows_is_listed_up_to_a_bound_and_counted_beyond(monkeypatch):

    monkeypatch.setattr(keys, "LISTED", 2)
    problems = unique("m1,3,iran,\n" + "".join(f"r{n},3,iran,\n" for n in range(5)))
    assert found(problems) == [("unique-key", 3, "start"), ("unique-key", 4, "start"), ("unique-key", 5, "start")]
    assert problems[-1].message == "3 more rows from here on repeat an earlier row in start, actor_id; they are counted here, not listed one by one."


def test_a_reference_into_a_table_with_unread_rows_says_the_id_may_be_on_them():
    unread, reading = read("actors", ACTORS, ACTOR_ROWS + "broken,row,with,too,many,cells\n")
    assert found(reading) == [("csv-row-width", 4, None)] and list(unread.skipped_lines) == [4]
    problems = foreign_keys(dataset(unread, table("quotes", QUOTES, "quote_id,speaker_actor_id,parent_quote_id\nq1,broken,\n")))
    assert found(problems) == [("foreign-key", 2, "speaker_actor_id")]
    assert problems[0].hint == "data/actors.csv has rows that could not be read (line 4); fix those first: the id may be on one of them."


def test_a_flood_of_dangling_references_is_listed_up_to_a_bound_and_counted_beyond(monkeypatch):
    monkeypatch.setattr(keys, "LISTED", 2)
    problems = check("".join(f"q{n},nobody-{n},\n" for n in range(5)))
    assert found(problems) == [("foreign-key", 2, "speaker_actor_id"), ("foreign-key", 3, "speaker_actor_id"), ("foreign-key", 4, "speaker_actor_id")]
    assert [p.count for p in problems] == [1, 1, 3]
    assert problems[-1].message == ("3 more rows from here on refer to no row in actors by speaker_actor_id; they are counted here, "
                                    "not listed one by one.")
