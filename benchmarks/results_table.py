"""Print stored benchmark results as the Markdown table in docs/performance.md.

    python benchmarks/results_table.py
"""

from pathlib import Path

from plot import load

RESULTS = Path(__file__).resolve().parent / "results"


def cell(tool, key, fmt):
    return fmt.format(tool[key]) if tool and tool.get("ok") else "–"


def markdown(results):
    lines = ["| articles | rows | validate s | frictionless s | polars read s | validate speed-up vs frictionless | validate ÷ read | peak RSS MB: validate / frictionless / read | load average |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sorted(results, key=lambda r: r["rows"]):
        t = r["tools"]
        v, f, rd = t.get("validate"), t.get("frictionless"), t.get("read")
        speedup = f"{f['seconds'] / v['seconds']:.1f}×" if v and f and v["ok"] and f["ok"] else "–"
        ratio = f"{v['seconds'] / rd['seconds']:.1f}×" if v and rd and v["ok"] and rd["ok"] else "–"
        rss = " / ".join(cell(x, "peak_rss_mb", "{:,.0f}") for x in (v, f, rd))
        load = f"{r['machine']['load_before']}–{r['machine']['load_after']}"
        lines.append(f"| {r['articles']:,} | {r['rows']:,} | {cell(v, 'seconds', '{:.2f}')} | "
                     f"{cell(f, 'seconds', '{:.2f}')} | {cell(rd, 'seconds', '{:.2f}')} | {speedup} | "
                     f"{ratio} | {rss} | {load} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(load(RESULTS)))
