"""new-article: the text copied byte-exact, its row drafted, nothing written without --write."""
import hashlib
import unicodedata

import annotate_testing
import pytest

package = annotate_testing.package  # the fixture: a private copy of tests/annotate/package

# CRLF line ends, a decomposed é (not NFC), an emoji beyond U+FFFF, curly quotes, no final newline:
# all kept byte for byte, and the length counts code points, not bytes.
AWKWARD = "Caf\u0065\u0301 owner\r\n🇫🇷 “We stay open,” she said."


def test_without_write_it_shows_the_change_and_writes_nothing(package, tmp_path):
    source = tmp_path / "cafe.txt"
    source.write_bytes(AWKWARD.encode("utf-8"))
    before = package.snapshot()
    run = package.annotate("new-article", str(source), "--id", "cafe-owner")
    assert run.code == 0
    assert "data/source/cafe-owner.txt: new file" in run.output
    assert "+ article_id='cafe-owner'" in run.output
    assert "to fill by hand: title" in run.output
    assert "Nothing written" in run.output
    assert package.snapshot() == before


def test_with_write_the_text_is_byte_exact_and_the_row_measured(package, tmp_path):
    source = tmp_path / "cafe.txt"
    data = AWKWARD.encode("utf-8")
    source.write_bytes(data)
    before = package.snapshot()
    assert package.annotate("new-article", str(source), "--id", "cafe-owner", "--write").code == 0
    assert (package.root / "data" / "source" / "cafe-owner.txt").read_bytes() == data
    row = package.rows("articles")[-1]
    assert row["article_id"] == "cafe-owner"
    assert row["text_path"] == "data/source/cafe-owner.txt"
    assert row["text_sha256"] == hashlib.sha256(data).hexdigest()
    assert int(row["text_bytes"]) == len(data)
    assert int(row["text_length"]) == len(AWKWARD) != len(data)
    assert unicodedata.normalize("NFC", AWKWARD) != AWKWARD  # the copy was not normalised
    assert row["title"] == "" and row["language"] == ""  # left for the contributor
    after = package.snapshot()
    assert {k for k in after if after[k] != before.get(k)} == {"data/articles.csv", "data/source/cafe-owner.txt"}
    # The existing rows are untouched, byte for byte: the new row is appended.
    assert after["data/articles.csv"].startswith(before["data/articles.csv"])
    # And the new article can be annotated at once.
    span = package.annotate("span", "cafe-owner", "We stay open,")
    assert span.code == 0 and f"start {AWKWARD.index('We stay open,')}" in span.output


@pytest.mark.parametrize("bad_id", ["../escape", "Cafe-Owner", "cafe--owner", "cafe_owner", "-cafe", "cafe/owner", "", "café"])
def test_ids_that_are_not_plain_slugs_are_refused(package, tmp_path, bad_id):
    source = tmp_path / "cafe.txt"
    source.write_text("Text.", encoding="utf-8")
    before = package.snapshot()
    run = package.annotate("new-article", str(source), f"--id={bad_id}", "--write")
    assert run.code == 1 and "not a plain slug" in run.output
    assert package.snapshot() == before


def test_an_existing_id_or_text_file_is_refused(package, tmp_path):
    source = tmp_path / "cafe.txt"
    source.write_text("Text.", encoding="utf-8")
    run = package.annotate("new-article", str(source), "--id", "harbour-report", "--write")
    assert run.code == 1 and "already exists" in run.output
    (package.root / "data" / "source" / "orphan.txt").write_text("left over", encoding="utf-8")
    before = package.snapshot()
    run = package.annotate("new-article", str(source), "--id", "orphan", "--write")
    assert run.code == 1 and "never overwritten" in run.output
    assert package.snapshot() == before


def test_a_text_that_is_not_utf8_is_refused(package, tmp_path):
    source = tmp_path / "latin1.txt"
    source.write_bytes("Café".encode("latin-1"))
    before = package.snapshot()
    run = package.annotate("new-article", str(source), "--id", "latin", "--write")
    assert run.code == 1 and "is not utf-8" in run.output
    assert package.snapshot() == before
