"""Every example on the "Use the data" page runs against the built package and gives the right answer.

The page includes docs/snippets/* verbatim (test_site_content checks that); here
each file is run from the built site's folder, which serves the package
byte-identical, and its CSV output is compared with the answer worked out
here from the CSVs: the quotes whose speaker is unnamed, with the cited work
each came through.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import REPO, Package, live_site

SNIPPETS = REPO / "docs" / "snippets"
RUNNERS = {".py": [sys.executable], ".R": ["Rscript", "--vanilla"]}


def expected_answer(package: Package) -> list[tuple[str, str, str, str]]:
    actors = {row["actor_id"]: row for row in package.rows("actors")}
    sources = {row["source_id"]: row for row in package.rows("sources")}
    answer = []
    for quote in package.rows("quotes"):
        speaker = actors[quote["speaker_actor_id"]]
        if speaker["is_named"] == "false":
            work = sources.get(quote["source_id"], {})
            answer.append((quote["quote_id"], speaker["name"], quote["source_id"], work.get("text", "")))
    return sorted(answer)


@pytest.fixture(scope="module")
def runs() -> dict[str, subprocess.CompletedProcess]:
    """Run every snippet at once (they are independent), from the built package's folder."""
    site = live_site()
    assert shutil.which("Rscript"), "the R example needs Debian's r-base-core and r-cran-readr"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    started = {}
    for snippet in sorted(SNIPPETS.iterdir()):
        command = RUNNERS[snippet.suffix] + [str(snippet)]
        started[snippet.name] = subprocess.Popen(command, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = {}
    for name, process in started.items():
        out, err = process.communicate(timeout=120)
        done[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return done


def test_there_is_one_snippet_per_tool():
    assert sorted(p.name for p in SNIPPETS.iterdir()) == sorted(
        f"unnamed_with_{tool}.{ext}" for tool, ext in
        [("pandas", "py"), ("polars", "py"), ("duckdb", "py"), ("frictionless", "py"), ("readr", "R")]
    )


@pytest.mark.parametrize("snippet", sorted(p.name for p in SNIPPETS.iterdir()))
def test_snippet_answers_the_question(runs, snippet):
    run = runs[snippet]
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout.strip())))
    assert rows[0] == ["quote_id", "name", "source_id", "text_source"]
    got = sorted((q, n, s, t if t != "NA" else "") for q, n, s, t in rows[1:])
    expected = expected_answer(Package(REPO))
    assert expected, "the package has quotes from unnamed sources; the question has an answer"
    assert got == expected


def test_the_answer_is_computed_from_the_package_not_copied(tmp_path: Path):
    """Mark every speaker named: then no quote comes from an unnamed source, and the pandas example prints only its header."""
    package = tmp_path / "package"
    shutil.copytree(live_site() / "data", package / "data")
    actors = package / "data" / "actors.csv"
    text = actors.read_text(encoding="utf-8").replace(",false,", ",true,")
    actors.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, str(SNIPPETS / "unnamed_with_pandas.py")], cwd=package, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "quote_id,name,source_id,text_source"
