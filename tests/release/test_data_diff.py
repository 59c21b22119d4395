"""`python -m validate diff BASE_REF`: the keyed data diff a reviewer reads, and the stable-id rule.

Each test commits a package to a fresh git repository, edits the working tree as a
contributor would, and runs the diff against the commit.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from release_helpers import REPO, copy_shipped, git, read_csv, set_cell, write_csv

from validate.diff import main as diff_main

pytest_plugins = ["release_fixtures"]  # built, shipped: each package released once per session


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The shipped package committed to a new repository: the base a pull request starts from."""
    root = copy_shipped(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


@dataclass
class Outcome:
    code: int
    markdown: str
    stderr: str

    def tables(self) -> list[list[list[str]]]:
        return rendered(self.markdown).tables

    def rows_with(self, first_cell: str) -> list[list[str]]:
        return [row for table in self.tables() for row in table if row and row[0] == first_cell]


def run_diff(root: Path, *args: str, ref: str = "HEAD") -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = diff_main(["--root", str(root), *args, "--", ref])  # after "--": a ref like "-h" reaches the check
    return Outcome(code, out.getvalue(), err.getvalue())


class Rendered(HTMLParser):
    """What a reader sees of the Markdown: the tags it produced and the text of every table cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def rendered(markdown: str) -> Rendered:
    """Rendered as GitHub does (CommonMark, tables, strikethrough, raw HTML allowed through)."""
    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    parser = Rendered()
    parser.feed(html)
    return parser


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"deprecations": []}
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def deprecate(root: Path, table: str, ident, status: str = "withdrawn", **extra) -> None:
    edit_json(root / "deprecations.json", lambda d: d["deprecations"].append({"table": table, "id": ident, "status": status, "reason": "test", **extra}))


def test_no_change_says_so(repo: Path):
    result = run_diff(repo)
    assert result.code == 0, result.stderr
    assert "No rows added, removed or changed" in result.markdown


def test_changed_cell_shows_old_to_new_keyed_by_the_primary_key(repo: Path):
    before = set_cell(repo, "actors", 3, "notes", "A corrected note.")
    result = run_diff(repo)
    assert result.code == 0, result.stderr
    assert result.rows_with(before["actor_id"]) == [[before["actor_id"], "notes", before["notes"], "→", "A corrected note."]]
    summary = next(t for t in result.tables() if t[0] == ["table", "added", "removed", "changed"])
    assert summary[1:] == [["actors", "0", "0", "1"]]


def test_added_and_removed_rows_are_listed_whole(repo: Path):
    quotes = read_csv(repo / "data" / "quotes.csv")
    added = {**quotes[0], "quote_id": f"{quotes[0]['article_id']}-q99", "notes": "A second quote row for the same words."}
    removed = quotes.pop(1)
    write_csv(repo / "data" / "quotes.csv", quotes + [added])
    deprecate(repo, "quotes", removed["quote_id"], replaced_by=added["quote_id"])
    result = run_diff(repo)
    assert result.code == 0, result.stderr
    header = list(added)
    assert result.rows_with(added["quote_id"]) == [[added[f] for f in header]]
    assert result.rows_with(removed["quote_id"]) == [[removed[f] for f in header]]
    assert "Added rows" in result.markdown and "Removed rows" in result.markdown


def test_removed_id_fails_and_names_the_id(repo: Path):
    mentions = read_csv(repo / "data" / "mentions.csv")
    gone = mentions.pop(-1)
    write_csv(repo / "data" / "mentions.csv", mentions)
    result = run_diff(repo)
    assert result.code == 1
    assert f"mentions: id '{gone['mention_id']}' was removed" in result.stderr
    assert f"id '{gone['mention_id']}' was removed" in result.markdown.split("| table |")[0]  # first, above the tables
    assert "deprecations.json" in result.stderr


def test_deprecated_id_passes(repo: Path):
    mentions = read_csv(repo / "data" / "mentions.csv")
    gone = mentions.pop(-1)
    write_csv(repo / "data" / "mentions.csv", mentions)
    deprecate(repo, "mentions", gone["mention_id"])
    result = run_diff(repo)
    assert result.code == 0, result.stderr
    assert "withdrawn, as deprecations.json records" in result.markdown


def test_withdrawn_id_cannot_come_back(repo: Path):
    mentions = read_csv(repo / "data" / "mentions.csv")
    gone = mentions.pop(-1)
    write_csv(repo / "data" / "mentions.csv", mentions)
    deprecate(repo, "mentions", gone["mention_id"])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "withdraw a mention")
    write_csv(repo / "data" / "mentions.csv", mentions + [gone])
    result = run_diff(repo)
    assert result.code == 1
    assert f"mentions: id '{gone['mention_id']}' was withdrawn" in result.stderr


def _span_elsewhere(text: str, row: dict) -> tuple[int, int]:
    """Another span of the same length that does not overlap the row's own."""
    start, end = int(row["start"]), int(row["end"])
    new_start = end + 1 if end + 1 + (end - start) <= len(text) else 0
    return new_start, new_start + (end - start)


def test_id_that_comes_back_meaning_something_else_fails(repo: Path):
    row = read_csv(repo / "data" / "mentions.csv")[0]
    text = (repo / "data" / "source" / f"{row['article_id']}.txt").read_text(encoding="utf-8")
    start, end = _span_elsewhere(text, row)
    set_cell(repo, "mentions", 0, "start", str(start))
    set_cell(repo, "mentions", 0, "end", str(end))
    set_cell(repo, "mentions", 0, "text", text[start:end])
    result = run_diff(repo)
    assert result.code == 1
    assert f"mentions: id '{row['mention_id']}' now means something else" in result.stderr


def test_a_corrected_boundary_keeps_its_id(repo: Path):
    row = read_csv(repo / "data" / "quotes.csv")[0]
    text = (repo / "data" / "source" / f"{row['article_id']}.txt").read_text(encoding="utf-8")
    end = int(row["end"]) - 1  # one character shorter: the same quote
    set_cell(repo, "quotes", 0, "end", str(end))
    set_cell(repo, "quotes", 0, "text", text[int(row["start"]):end])
    result = run_diff(repo)
    assert result.code == 0, result.stderr
    assert result.rows_with(row["quote_id"])  # still shown as changed cells


def test_a_renamed_actor_needs_a_correction_entry_made_in_the_same_change(repo: Path):
    before = set_cell(repo, "actors", 0, "name", "Someone Else Entirely")
    assert run_diff(repo).code == 1
    deprecate(repo, "actors", before["actor_id"], status="corrected")
    result = run_diff(repo)
    assert result.code == 0, result.stderr
    assert "corrected, as deprecations.json records" in result.markdown
    # Once committed, that entry does not excuse the next change of meaning.
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rename")
    set_cell(repo, "actors", 0, "name", "Yet Another Name")
    assert run_diff(repo).code == 1


def test_an_article_whose_text_changed_is_another_article(repo: Path):
    before = set_cell(repo, "articles", 0, "text_sha256", "0" * 64)
    result = run_diff(repo)
    assert result.code == 1
    assert f"articles: id '{before['article_id']}' now means something else" in result.stderr


HOSTILE = "pipe | back`tick` <script>alert(1)</script> [link](javascript:alert(2)) ![img](https://tracker.example/p.png) **bold** ~~gone~~ $x$ @someone #12 www.example.com https://example.com &amp;\nnew line\x07\u202e"


def test_every_cell_is_data_never_markup(repo: Path):
    before = set_cell(repo, "actors", 2, "notes", HOSTILE)
    result = run_diff(repo)
    page = rendered(result.markdown)
    assert page.tags <= {"h2", "h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "strong"}
    (row,) = result.rows_with(before["actor_id"])
    shown = row[4]
    visible = HOSTILE.replace("\n", "⟨U+000A⟩").replace("\x07", "⟨U+0007⟩").replace("\u202e", "⟨U+202E⟩")
    assert shown == visible
    # No line of the output starts with a value: a value cannot become a workflow command or a heading.
    assert not any(line.startswith(("::", "#" * 1 + " new", "new line")) for line in result.markdown.splitlines())


def test_leading_and_trailing_spaces_are_visible(repo: Path):
    before = set_cell(repo, "actors", 2, "notes", " padded ")
    (row,) = run_diff(repo).rows_with(before["actor_id"])
    assert row[4] == "␠padded␠"


def test_composite_primary_keys(tmp_path: Path):
    root = tmp_path / "repo" / "package"  # a package in a subfolder of its repository
    (root / "data").mkdir(parents=True)
    schema = {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "integer"}, {"name": "v", "type": "string"}], "primaryKey": ["a", "b"]}
    (root / "datapackage.json").write_text(json.dumps({"name": "pairs", "resources": [{"name": "pairs", "path": "data/pairs.csv", "schema": schema}]}))
    (root / "data" / "pairs.csv").write_text("a,b,v\nx,1,old\nx,2,same\ny,1,gone\n")
    git(tmp_path / "repo", "init", "-q")
    git(tmp_path / "repo", "add", "-A")
    git(tmp_path / "repo", "commit", "-q", "-m", "base")
    (root / "data" / "pairs.csv").write_text("a,b,v\nx,1,new\nx,2,same\nz,1,added\n")
    result = run_diff(root)
    assert result.code == 1
    assert "pairs: id 'y, 1' was removed" in result.stderr
    assert result.rows_with("x") == [["x", "1", "v", "old", "→", "new"]]
    assert ["z", "1", "added"] in result.rows_with("z")
    (root / "deprecations.json").write_text(json.dumps({"deprecations": [{"table": "pairs", "id": ["y", "1"], "status": "withdrawn", "reason": "test"}]}))
    assert run_diff(root).code == 0


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=/tmp/diff-injected", "-h", ""])
def test_a_ref_that_is_not_one_cannot_run(repo: Path, ref: str):
    result = run_diff(repo, ref=ref)
    assert result.code == 2 and result.markdown == ""
    assert not Path("/tmp/diff-injected").exists()


def test_a_link_out_of_the_package_is_not_read(repo: Path, tmp_path: Path):
    secret = tmp_path / "secret.csv"
    secret.write_text("place_id,name\nSECRET-VALUE,do not print\n")
    (repo / "data" / "places.csv").unlink()
    os.symlink(secret, repo / "data" / "places.csv")
    result = run_diff(repo)
    assert result.code == 2
    assert "SECRET-VALUE" not in result.markdown + result.stderr


def test_an_invalid_deprecations_file_is_the_contributors_to_fix(repo: Path):
    (repo / "deprecations.json").write_text(json.dumps({"deprecations": [{"table": "actors", "id": "x", "status": "gone"}]}))
    result = run_diff(repo)
    assert result.code == 1
    assert "deprecations.json" in result.stderr and ("status" in result.stderr or "reason" in result.stderr)


def test_a_new_table_is_shown_whole(repo: Path):
    (repo / "data" / "notes.csv").write_text("note_id,text\nn1,hello\n")
    edit_json(repo / "datapackage.json", lambda d: d["resources"].append(
        {"name": "notes", "path": "data/notes.csv", "schema": {"fields": [{"name": "note_id", "type": "string"}, {"name": "text", "type": "string"}], "primaryKey": "note_id"}}))
    result = run_diff(repo)
    assert result.code == 0, result.stderr
    assert "new table" in result.markdown and result.rows_with("n1") == [["n1", "hello"]]


def test_runs_as_a_module_from_the_command_line(repo: Path):
    set_cell(repo, "actors", 1, "notes", "changed")
    result = subprocess.run([sys.executable, "-m", "validate.diff", "HEAD", "--root", str(repo)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Data changes: HEAD → the working tree")


@pytest.mark.parametrize("content", ["", "place_id,name,name_basis,kind,wikidata_id,notes\n"], ids=["empty file", "header only"])
def test_an_emptied_table_removes_every_id(repo: Path, content: str):
    ids = [row["place_id"] for row in read_csv(repo / "data" / "places.csv")]
    (repo / "data" / "places.csv").write_text(content, encoding="utf-8")
    result = run_diff(repo)
    assert result.code == 1
    for ident in ids:
        assert f"places: id '{ident}' was removed" in result.stderr
