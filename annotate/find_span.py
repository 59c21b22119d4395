"""span: where some words sit in an article, in code points, and how often they occur."""
from __future__ import annotations

import json
import re
from typing import TextIO

from validate.model import Package

from .package import read_article, texts
from .spans import context, nearest, occurrences
from .tables import read_table


def choose(starts: list[int], nth: int | None, near: int | None) -> tuple[int | None, str]:
    """The occurrence asked for, and why it was chosen; None when the words occur several times and no choice was given."""
    if nth is not None:
        if not 1 <= nth <= len(starts):
            raise ValueError(f"--nth {nth}: the words occur {len(starts)} time(s)")
        return starts[nth - 1], f"occurrence {nth} of {len(starts)}"
    if near is not None:
        start = nearest(starts, near)
        return start, f"occurrence {starts.index(start) + 1} of {len(starts)}, the nearest to {near}"
    if len(starts) == 1:
        return starts[0], "the only occurrence"
    return None, ""


def run(package: Package, article_id: str, words: str, nth: int | None, near: int | None, fmt: str, out: TextIO) -> int:
    rows = read_table(package, texts(package).resource).rows
    text = read_article(package, rows, article_id).text
    starts = occurrences(text, words)
    if not starts:
        print(f"{words!r} does not occur in {article_id}.", file=out)
        other = [m.group(0) for m in re.finditer(re.escape(words), text, re.IGNORECASE)]
        if other:
            print(f"  it occurs with other capitals: {', '.join(repr(w) for w in dict.fromkeys(other))}", file=out)
        print("  copy the words from the text exactly: curly quotes, dashes and misspellings included", file=out)
        return 1
    try:
        chosen, why = choose(starts, nth, near)
    except ValueError as error:
        print(f"error: {error}", file=out)
        return 1
    end = len(words)
    if fmt == "json":
        print(json.dumps({"article_id": article_id, "text": words, "count": len(starts),
                          "occurrences": [{"start": s, "end": s + end, "context": context(text, s, s + end)} for s in starts],
                          "chosen": None if chosen is None else {"start": chosen, "end": chosen + end, "why": why}},
                         ensure_ascii=False), file=out)
        return 0
    if words != words.strip():
        print("note: the words start or end with whitespace; a span's text normally does not", file=out)
    if len(starts) > 1:
        print(f"{words!r} occurs {len(starts)} times in {article_id} (code points, end-exclusive):", file=out)
        for n, start in enumerate(starts, 1):
            mark = "->" if start == chosen else "  "
            print(f" {mark} {n:>3}  start {start:>6}  end {start + end:>6}  {context(text, start, start + end)!r}", file=out)
    if chosen is None:
        print("Several occurrences: pick one with --nth N or --near OFFSET.", file=out)
        return 0
    print(f"start {chosen}  end {chosen + end}  ({why})", file=out)
    return 0
