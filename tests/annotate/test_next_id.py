"""next-id: the next running number in the table's own convention."""
import annotate_testing

package = annotate_testing.package  # the fixture: a private copy of tests/annotate/package


def test_next_ids_follow_each_tables_letter_and_width(package):
    assert package.annotate("next-id", "mentions", "harbour-report").output.strip() == "harbour-report-m004"
    assert package.annotate("next-id", "quotes", "harbour-report").output.strip() == "harbour-report-q02"


def test_gaps_are_not_refilled(package):
    rows = package.rows("mentions")
    rows[1]["mention_id"] = "harbour-report-m010"
    package.write_rows("mentions", rows)
    assert package.annotate("next-id", "mentions", "harbour-report").output.strip() == "harbour-report-m011"


def test_a_new_article_starts_at_one(package, tmp_path):
    text = tmp_path / "other.txt"
    text.write_text("Another text.\n", encoding="utf-8")
    assert package.annotate("new-article", str(text), "--id", "other-report", "--write").code == 0
    assert package.annotate("next-id", "mentions", "other-report").output.strip() == "other-report-m001"
    assert package.annotate("next-id", "quotes", "other-report").output.strip() == "other-report-q01"


def test_tables_without_running_numbers_and_unknown_articles_are_refused(package):
    actors = package.annotate("next-id", "actors", "harbour-report")
    assert actors.code == 1 and "readable slug" in actors.output
    unknown = package.annotate("next-id", "mentions", "no-such-article")
    assert unknown.code == 1 and "no article 'no-such-article'" in unknown.output

