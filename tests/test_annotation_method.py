"""The agreement figures on the Annotation method page are the ones the comparison script computes today."""
import re
import subprocess
import sys

from conftest import ROOT


def section(report: str, title: str) -> str:
    return report.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def f1(text: str, label: str) -> str:
    return re.search(rf"{label}: P [0-9.]+ / R [0-9.]+ / F1 ([0-9.]+)", text).group(1)


def test_reconciled_agreement_on_the_method_page_matches_the_comparison():
    report = subprocess.run([sys.executable, "scripts/compare_annotations.py", "data", "annotation/second-pass"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    page = (ROOT / "docs/annotation-method.md").read_text()
    after = page.split("After reconciliation", 1)[1]
    kappa = re.search(r"Cohen's kappa ([0-9.]+)", section(report, "Facts")).group(1)
    expected = {
        "Quotes, exact span": f1(section(report, "Quotes"), "Exact span"),
        "Actors (set)": f1(section(report, "Actors"), "Actor sets"),
        "Mentions, overlapping span": f1(section(report, "Mentions"), "Overlap"),
        "Facts, overlapping span": f"{f1(section(report, 'Facts'), 'Overlap')} (status κ {kappa})",
    }
    for label, value in expected.items():
        assert f"| {label} | {value} |" in after, (label, value)
