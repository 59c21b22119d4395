"""Each article text is the one recorded for it (validate/rules/checksums.py): SHA-256, size and length,
and what changed when that is simple to say."""
from __future__ import annotations

import hashlib

from memory import dataset, field, schema, table

from validate.rules.checksums import checksums

ARTICLES = schema(field("article_id"), field("text_path"), field("text_sha256"), field("text_bytes", "integer"), field("text_length", "integer"),
                  primaryKey=["article_id"])
RECORDED = "Ann said – yes."  # 15 code points, 17 bytes (the dash is three)


def check(text: str, sha: str | None = None, size: str | None = None, length: str | None = None):
    raw = RECORDED.encode()
    cells = [hashlib.sha256(raw).hexdigest() if sha is None else sha, str(len(raw)) if size is None else size,
             str(len(RECORDED)) if length is None else length]
    articles = table("articles", ARTICLES, "article_id,text_path,text_sha256,text_bytes,text_length\n" f"a1,data/source/a1.txt,{','.join(cells)}\n")
    return list(checksums(dataset(articles, articles={"a1": text})))


def test_the_recorded_text_passes():
    assert check(RECORDED) == []


def test_a_final_newline_added_by_an_editor_is_named():
    (problem,) = check(RECORDED + "\n")
    assert (problem.rule, problem.line, problem.column) == ("text-checksum", 2, "text_sha256")
    assert "a line break at its end" in problem.message and "text_bytes is recorded as 17 but the file has 18" in problem.message


def test_a_replaced_character_of_the_same_size_is_named():
    (problem,) = check(RECORDED.replace("yes", "yet"))
    assert problem.column == "text_sha256" and "The size is unchanged: a character was replaced" in problem.message


def test_an_edit_that_changes_the_size_says_by_how_much():
    (problem,) = check(RECORDED.replace("yes", "yes indeed"))
    assert "7 byte(s) longer than recorded" in problem.message


def test_only_the_length_wrong():
    (problem,) = check(RECORDED, length="14")
    assert (problem.column, problem.value) == ("text_length", "14")
    assert problem.message.startswith("text_length is recorded as 14 but the file has 15")


def test_a_new_article_with_empty_cells_is_told_what_to_record_in_each():
    problems = check(RECORDED, sha="", size="", length="")
    assert [(p.rule, p.column) for p in problems] == [("text-checksum", "text_sha256"), ("text-checksum", "text_bytes"), ("text-checksum", "text_length")]
    assert [p.suggestion for p in problems] == [{"text_sha256": hashlib.sha256(RECORDED.encode()).hexdigest()}, {"text_bytes": "17"}, {"text_length": "15"}]
    assert all("Never edit" not in (p.hint or "") and "None" not in p.message for p in problems)
