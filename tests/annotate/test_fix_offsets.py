"""fix-offsets: spans whose words moved get the offsets of their occurrence; text cells and texts never change."""
import annotate_testing

package = annotate_testing.package  # the fixture: a private copy of tests/annotate/package


def shift(package, table, row_index, fields, by):
    rows = package.rows(table)
    for name in fields:
        rows[row_index][name] = str(int(rows[row_index][name]) + by)
    package.write_rows(table, rows)
    return rows


def test_a_clean_package_needs_nothing(package):
    before = package.snapshot()
    run = package.annotate("fix-offsets", "--write")
    assert run.code == 0 and "0 to move, 0 left for a person" in run.output
    assert package.snapshot() == before


def test_a_moved_span_is_shown_then_fixed_only_with_write(package):
    original = package.rows("mentions")
    shift(package, "mentions", 1, ["start", "end"], 3)  # the unique "The port authority"
    before = package.snapshot()
    run = package.annotate("fix-offsets", "mentions")
    old = original[1]
    assert f"{int(old['start']) + 3}-{int(old['end']) + 3} -> {old['start']}-{old['end']} (the only occurrence)" in run.output
    assert "Nothing written" in run.output
    assert package.snapshot() == before
    assert package.annotate("fix-offsets", "mentions", "--write").code == 0
    assert package.rows("mentions") == original
    assert {k for k, v in package.snapshot().items() if v != before[k]} == {"data/mentions.csv"}


def test_repeated_words_go_to_the_occurrence_nearest_the_old_offsets(package):
    # The quote's cue "said" occurs three times; an off-by-two cue goes back to the third, not the first.
    original = package.rows("quotes")
    shift(package, "quotes", 0, ["cue_start", "cue_end"], -2)
    run = package.annotate("fix-offsets", "quotes", "--write")
    assert "cue" in run.output and "the nearest of 3 occurrences" in run.output
    assert package.rows("quotes") == original


def test_words_not_in_the_article_are_left_for_a_person(package):
    rows = package.rows("mentions")
    rows[0]["text"] = "The governor"
    package.write_rows("mentions", rows)
    before = package.snapshot()
    run = package.annotate("fix-offsets", "--write")
    assert run.code == 1
    assert "'The governor': the text does not occur in the article; fix it by hand" in run.output
    assert package.snapshot() == before


def test_fixes_never_touch_text_cells_or_the_article_text(package):
    shift(package, "mentions", 0, ["start", "end"], 5)
    shift(package, "quotes", 0, ["start", "end"], -1)
    texts = {r["mention_id"]: r["text"] for r in package.rows("mentions")} | {r["quote_id"]: r["text"] for r in package.rows("quotes")}
    article = (package.root / "data" / "source" / "harbour-report.txt").read_bytes()
    assert package.annotate("fix-offsets", "--write").code == 0
    assert texts == {r["mention_id"]: r["text"] for r in package.rows("mentions")} | {r["quote_id"]: r["text"] for r in package.rows("quotes")}
    assert (package.root / "data" / "source" / "harbour-report.txt").read_bytes() == article
    text = package.text("harbour-report")
    for row in package.rows("mentions") + package.rows("quotes"):
        assert text[int(row["start"]):int(row["end"])] == row["text"]


def test_an_edited_article_text_is_not_used_for_anchoring(package):
    shift(package, "mentions", 0, ["start", "end"], 1)
    path = package.root / "data" / "source" / "harbour-report.txt"
    path.write_bytes(b"X" + path.read_bytes())
    before = package.snapshot()
    run = package.annotate("fix-offsets", "--write")
    assert run.code == 1 and "SHA-256" in run.output
    assert package.snapshot() == before


def test_an_unknown_table_is_named(package):
    run = package.annotate("fix-offsets", "actors")
    assert run.code == 1 and "span tables: mentions, quotes" in run.output


def test_offsets_that_are_not_numbers_are_shown_escaped_and_fixed(package):
    original = package.rows("mentions")
    rows = package.rows("mentions")
    rows[1]["start"] = "\x1b[2J"  # a terminal control sequence where a number belongs
    package.write_rows("mentions", rows)
    run = package.annotate("fix-offsets", "mentions", "--write")
    assert "\x1b" not in run.output and "'\\x1b[2J'-" in run.output
    assert package.rows("mentions") == original
