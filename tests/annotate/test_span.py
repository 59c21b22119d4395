"""span: offsets in code points, every occurrence counted, the one asked for chosen."""
import json

import annotate_testing

package = annotate_testing.package  # the fixture: a private copy of tests/annotate/package


def test_unique_words_give_their_offsets(package):
    run = package.annotate("span", "harbour-report", "port authority")
    text = package.text("harbour-report")
    assert run.code == 0
    start = text.index("port authority")
    assert f"start {start}  end {start + len('port authority')}  (the only occurrence)" in run.output


def test_repeated_words_are_listed_with_context_and_none_chosen(package):
    run = package.annotate("span", "harbour-report", "said")
    assert run.code == 0
    assert "'said' occurs 3 times" in run.output
    assert run.output.count("[said]") == 3  # each with its context
    assert "pick one with --nth N or --near OFFSET" in run.output


def test_nth_and_near_choose_an_occurrence(package):
    text = package.text("harbour-report")
    third = text.rindex("said")
    second = text.index("said", text.index("said") + 1)
    assert f"start {third}  end {third + 4}  (occurrence 3 of 3)" in package.annotate("span", "harbour-report", "said", "--nth", "3").output
    near = package.annotate("span", "harbour-report", "said", "--near", str(second + 10))
    assert f"start {second}  end {second + 4}  (occurrence 2 of 3, the nearest to {second + 10})" in near.output
    assert package.annotate("span", "harbour-report", "said", "--nth", "4").code == 1


def test_offsets_count_code_points_after_curly_quotes(package):
    # The text's curly quotes are one code point and three UTF-8 bytes each.
    run = package.annotate("span", "harbour-report", "the mayor said", "--format", "json")
    found = json.loads(run.output)
    text = package.text("harbour-report")
    chosen = found["chosen"]
    assert text[chosen["start"]:chosen["end"]] == "the mayor said"
    assert chosen["start"] == text.index("the mayor said") and found["count"] == 1
    assert text.encode("utf-8").index(b"the mayor said") != chosen["start"]  # bytes would be wrong


def test_words_not_in_the_text_get_the_capitalised_form(package):
    missing = package.annotate("span", "harbour-report", "harbour council")
    assert missing.code == 1
    assert "'Harbour Council'" in missing.output


def test_a_changed_text_is_refused(package):
    path = package.root / "data" / "source" / "harbour-report.txt"
    path.write_bytes(path.read_bytes() + b"\n")
    run = package.annotate("span", "harbour-report", "said")
    assert run.code == 1 and "SHA-256" in run.output


def test_the_command_line_entry_point(package):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent.parent
    ok = subprocess.run([sys.executable, "-m", "annotate", "span", "--package", str(package.root), "harbour-report", "port authority"],
                        cwd=root, capture_output=True, text=True)
    assert ok.returncode == 0 and "(the only occurrence)" in ok.stdout
    missing = subprocess.run([sys.executable, "-m", "annotate", "span", "--package", str(package.root / "nowhere"), "a", "b"],
                             cwd=root, capture_output=True, text=True)
    assert missing.returncode == 2 and "No datapackage.json" in missing.stdout
