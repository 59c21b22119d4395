"""import-labelstudio on a real Label Studio export (tests/fixtures/labelstudio, made by annotate/labelstudio/make_fixture.py).

The export holds a text with characters beyond U+FFFF before the names it marks,
annotated once with code-point offsets (what this Label Studio's editor stores)
and once with UTF-16 code units (what editors affected by its issues #1347 and
#4988 stored), and the shipped article, annotated with a quote and its cue.
"""
import copy
import json
from pathlib import Path

import annotate_testing
import pytest

package = annotate_testing.package  # the fixture: a private copy of tests/annotate/package

ROOT = Path(__file__).resolve().parent.parent.parent
LABELSTUDIO = ROOT / "tests" / "fixtures" / "labelstudio"

EXPORT = LABELSTUDIO / "export.json"
ASTRAL = "astral-article"


def article_rows(package, table, article_id):
    return [row for row in package.rows(table) if row["article_id"] == article_id]


def assert_grounded(package, article_id):
    text = package.text(article_id)
    rows = article_rows(package, "mentions", article_id) + article_rows(package, "quotes", article_id)
    assert rows
    for row in rows:
        assert text[int(row["start"]):int(row["end"])] == row["text"], row
        if row.get("cue_text"):
            assert text[int(row["cue_start"]):int(row["cue_end"])] == row["cue_text"], row
    return rows


@pytest.fixture
def astral(package):
    assert package.annotate("new-article", str(LABELSTUDIO / f"{ASTRAL}.txt"), "--id", ASTRAL, "--write").code == 0
    return package


def test_the_fixture_is_a_label_studio_export_with_both_kinds_of_offsets():
    version = (LABELSTUDIO / "label-studio-version.txt").read_text(encoding="utf-8")
    assert version.startswith("label-studio ")
    tasks = json.loads(EXPORT.read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["article_id"] == ASTRAL)
    text = task["data"]["text"]
    assert any(ord(c) > 0xFFFF for c in text)
    assert len(task["annotations"]) == 2
    wrong = 0
    for annotation in task["annotations"]:
        for result in annotation["result"]:
            if result["type"] == "labels":
                value = result["value"]
                wrong += text[value["start"]:value["end"]] != value["text"]
    assert wrong >= 4  # the UTF-16 annotation's regions after the emoji do not sit at their offsets in code points


def test_import_writes_rows_at_their_offsets_in_code_points_after_the_emoji(astral):
    run = astral.annotate("import-labelstudio", str(EXPORT), "--article", ASTRAL, "--write")
    assert run.code == 0, run.output
    assert "converted from UTF-16 units" in run.output
    rows = assert_grounded(astral, ASTRAL)
    text = astral.text(ASTRAL)
    first_astral = min(i for i, c in enumerate(text) if ord(c) > 0xFFFF)
    mentions = article_rows(astral, "mentions", ASTRAL)
    # The two annotations agree once converted: one row per region, not two.
    assert [m["text"] for m in mentions] == ["Bloomberg News", "Kata’ib Hezbollah", "a commander", "Bloomberg News"]
    assert [m["mention_id"] for m in mentions] == [f"{ASTRAL}-m00{i}" for i in range(1, 5)]
    assert all(int(m["start"]) > first_astral for m in mentions)
    assert int(mentions[1]["start"]) == text.index("Kata’ib Hezbollah")
    assert [m["actor_id"] for m in mentions] == ["bloomberg-news", "", "", "bloomberg-news"]  # as labelled, or empty
    assert all(m["mention_kind"] == "" for m in mentions)  # left for a person
    (quote,) = article_rows(astral, "quotes", ASTRAL)
    assert (quote["quote_id"], quote["text"], quote["cue_text"]) == (f"{ASTRAL}-q01", "We will keep it,", "told")
    assert len(rows) == 5


def test_without_write_nothing_changes_and_a_second_import_adds_nothing(astral):
    before = astral.snapshot()
    run = astral.annotate("import-labelstudio", str(EXPORT), "--article", ASTRAL)
    assert "+ mention_id='astral-article-m001'" in run.output and "Nothing written" in run.output
    assert astral.snapshot() == before
    astral.annotate("import-labelstudio", str(EXPORT), "--article", ASTRAL, "--write")
    after = astral.snapshot()
    again = astral.annotate("import-labelstudio", str(EXPORT), "--article", ASTRAL, "--write")
    assert "already in" in again.output and "No new rows." in again.output
    assert astral.snapshot() == after


def test_the_shipped_article_gets_its_quote_cue_and_speaker(package):
    text_file = ROOT / "data" / "source" / "us-weapons-militias.txt"
    assert package.annotate("new-article", str(text_file), "--id", "us-weapons-militias", "--write").code == 0
    run = package.annotate("import-labelstudio", str(EXPORT), "--article", "us-weapons-militias", "--write")
    assert run.code == 0, run.output
    assert "converted" not in run.output and "re-anchored" not in run.output
    assert_grounded(package, "us-weapons-militias")
    (quote,) = article_rows(package, "quotes", "us-weapons-militias")
    assert quote["speaker_actor_id"] == "alistair-baskey"
    assert quote["cue_text"] == "told" and quote["text"].startswith("We have no reason")
    assert "'alistair-baskey' is not in actors.csv yet" in run.output


def doctored(tmp_path, change):
    tasks = json.loads(EXPORT.read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["article_id"] == ASTRAL)
    task["annotations"] = [copy.deepcopy(task["annotations"][0])]
    regions = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    change(regions)
    path = tmp_path / "doctored.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_region_whose_words_are_not_in_the_article_is_never_written(astral, tmp_path):
    def change(regions):
        regions[1]["value"]["text"] = "Kataib Hezbollah"  # retyped, not the article's words
    run = astral.annotate("import-labelstudio", str(doctored(tmp_path, change)), "--article", ASTRAL, "--write")
    assert run.code == 1
    assert "refused" in run.output and "'Kataib Hezbollah'" in run.output
    assert "Kataib Hezbollah" not in {m["text"] for m in article_rows(astral, "mentions", ASTRAL)}
    assert_grounded(astral, ASTRAL)


def test_offsets_that_are_neither_code_points_nor_utf16_are_re_anchored_by_their_words(astral, tmp_path):
    def change(regions):
        regions[0]["value"]["start"] += 40
        regions[0]["value"]["end"] += 40
    run = astral.annotate("import-labelstudio", str(doctored(tmp_path, change)), "--article", ASTRAL, "--write")
    assert run.code == 0 and "re-anchored" in run.output
    assert_grounded(astral, ASTRAL)


def test_a_file_that_is_not_an_export_is_refused(astral, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"', encoding="utf-8")
    before = astral.snapshot()
    run = astral.annotate("import-labelstudio", str(bad), "--article", ASTRAL, "--write")
    assert run.code == 1 and "cannot be read as JSON" in run.output
    assert astral.snapshot() == before


def test_whitespace_a_selection_picked_up_is_left_out_of_the_span(astral, tmp_path):
    def change(regions):
        regions[1]["value"]["end"] += 1  # "Kata’ib Hezbollah " with the space after it
        regions[1]["value"]["text"] += " "
    run = astral.annotate("import-labelstudio", str(doctored(tmp_path, change)), "--article", ASTRAL, "--write")
    assert run.code == 0 and "surrounding whitespace left out of the span" in run.output
    texts = [m["text"] for m in article_rows(astral, "mentions", ASTRAL)]
    assert "Kata’ib Hezbollah" in texts and "Kata’ib Hezbollah " not in texts
    assert_grounded(astral, ASTRAL)


def test_values_from_the_export_reach_the_terminal_escaped(astral, tmp_path):
    def change(regions):
        regions[1]["id"] = "\x1b]0;owned\x07x"  # a terminal control sequence as a region id
        regions[1]["value"]["text"] = "Kata’ib\x1b[2J Hezbollah"
    run = astral.annotate("import-labelstudio", str(doctored(tmp_path, change)), "--article", ASTRAL)
    assert "\x1b" not in run.output
    assert "\\x1b" in run.output and "refused" in run.output
