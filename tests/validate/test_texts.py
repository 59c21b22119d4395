"""The article texts (validate/texts.py): read once, only from regular files inside the package, decoded strictly, measured."""
from __future__ import annotations

import hashlib
import os

import pytest
from memory import ARTICLES as DECLARED
from memory import field, package, schema, table

from validate.texts import read_texts

ARTICLES = schema(field("article_id"), field("text_path"), field("text_sha256"), field("text_bytes"), field("text_length"), primaryKey=["article_id"])


def texts_of(root, *rows: str):
    listing = table("articles", ARTICLES, "article_id,text_path,text_sha256,text_bytes,text_length\n" + "".join(f"{r},,,\n" for r in rows))
    return read_texts(package(listing, texts=DECLARED, root=root), {"articles": listing})


def test_texts_are_read_and_measured_in_code_points(tmp_path):
    (tmp_path / "data").mkdir()
    raw = "Iraq’s militias\n".encode()
    (tmp_path / "data" / "a1.txt").write_bytes(raw)
    texts, problems = texts_of(tmp_path, "a1,data/a1.txt")
    assert problems == []
    assert texts.text == {"a1": "Iraq’s militias\n"}
    measured = texts.measured["a1"]
    assert (measured.row, measured.sha256, measured.bytes, measured.length, measured.ends_with_newline) == (
        0, hashlib.sha256(raw).hexdigest(), 18, 16, True)


def test_a_changed_text_is_one_whose_recorded_checksum_differs_or_that_cannot_be_read(tmp_path):
    (tmp_path / "a1.txt").write_bytes(b"one")
    texts, _ = texts_of(tmp_path, "a1,a1.txt", "a2,missing.txt")
    sha = hashlib.sha256(b"one").hexdigest()
    assert texts.changed({"a1": sha, "a2": sha}) == {"a2"}
    assert texts.changed({"a1": "0" * 64}) == {"a1", "a2"}
    assert texts.changed({"a1": None}) == {"a2"}  # an empty record is a new article, not a change


def refused(tmp_path, path: str):
    texts, problems = texts_of(tmp_path, f"a1,{path}")
    assert texts.text == {} and texts.unreadable == {"a1"}
    (problem,) = problems
    assert (problem.file, problem.line, problem.column) == ("data/articles.csv", 2, "text_path")
    return problem


def test_a_missing_text(tmp_path):
    assert refused(tmp_path, "data/a1.txt").rule == "file-missing"


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "a1.txt")
    problem = refused(tmp_path, "a1.txt")
    assert problem.rule == "file-missing" and "not a regular file" in problem.message


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "a1.txt").mkdir()
    assert refused(tmp_path, "a1.txt").rule == "file-missing"


@pytest.mark.parametrize("path", ["../a1.txt", "/etc/hostname", "https://example.org/a1.txt"])
def test_a_path_outside_the_package_is_refused(tmp_path, path):
    assert refused(tmp_path, path).rule == "path-unsafe"


def test_a_link_leading_outside_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / "a1.txt").symlink_to(outside)
    texts, problems = texts_of(tmp_path / "package", "a1,a1.txt")
    assert [p.rule for p in problems] == ["path-unsafe"] and texts.text == {}


def test_a_text_that_is_not_utf8_is_refused_naming_the_byte_and_its_line(tmp_path):
    (tmp_path / "a1.txt").write_bytes("line one\nAl\xefstair".encode("latin-1"))
    problem = refused(tmp_path, "a1.txt")
    assert problem.rule == "text-encoding"
    assert "byte b'\\xef' at offset 11 (line 2 of the text)" in problem.message
