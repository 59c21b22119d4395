"""Plot seconds against rows for every size with stored results (log-log)."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on CI or here
import matplotlib.pyplot as plt  # noqa: E402

from .results_table import load  # noqa: E402

SERIES = (("frictionless", "frictionless validate (CLI)", "tab:red"),
          ("validate", "python -m validate", "tab:blue"),
          ("read", "polars read_csv (floor)", "tab:gray"))


def plot(results_dir, out_path):
    """Write the PNG; return its path, or None when there is nothing to plot."""
    results = sorted(load(results_dir), key=lambda r: r["rows"])
    if not results:
        return None
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for key, label, colour in SERIES:
        points = [(r["rows"], r["tools"][key]["seconds"]) for r in results
                  if r["tools"].get(key, {}).get("ok")]
        if points:
            xs, ys = zip(*points, strict=True)
            ax.plot(xs, ys, "o-", label=label, color=colour)
    for r in results:  # say what each size is in articles, the unit people think in
        ax.annotate(f"{r['articles']:,} articles", (r["rows"], 0), xycoords=("data", "axes fraction"),
                    xytext=(0, 4), textcoords="offset points", ha="center", fontsize=8, color="dimgray")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("rows in the package (all tables)")
    ax.set_ylabel("wall time, seconds (process start to exit)")
    ax.set_title("Validating synthetic packages of N articles")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_path)
    plt.close(fig)
    return Path(out_path)
