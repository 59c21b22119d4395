"""Each article text is the one its offsets were made against: its SHA-256, size and length as recorded."""
from __future__ import annotations

from collections.abc import Iterator

from ..dataset import Dataset
from ..problems import Problem, shorten
from ..registry import Scope, check, declare

CHECKSUM = declare("text-checksum", "The article text file has the SHA-256, size and length recorded for it.",
                   "Never edit a source text: restore it from the original, or record it as a new article (python -m annotate new-article).",
                   supersedes=("required",))


@check(Scope.PACKAGE, CHECKSUM)
def checksums(data: Dataset) -> Iterator[Problem]:
    declared = data.model.texts
    table = data.table(declared.resource) if declared else None
    if declared is None or table is None:
        return
    for article_id, measured in data.texts.measured.items():
        index = measured.row
        recorded = {field: table.value(index, field) for field in (declared.sha256, declared.bytes, declared.length)}
        actual = {declared.sha256: measured.sha256, declared.bytes: str(measured.bytes), declared.length: str(measured.length)}
        empty = [field for field in actual if recorded[field] is None]
        if empty:  # a new article: say what to record, in each empty cell (each replaces the cell's "required")
            for field in empty:
                yield table.at(CHECKSUM, index, field, f"{field} is empty; the text of {article_id} has {actual[field]}.",
                               hint="Record what the file measures (python -m annotate new-article computes it).", suggestion={field: actual[field]})
            continue
        wrong = [field for field in actual if recorded[field] is not None and recorded[field] != actual[field]]
        if not wrong:
            continue
        yield table.at(CHECKSUM, index, wrong[0], describe(article_id, recorded, actual, wrong, measured, declared), value=shorten(recorded[wrong[0]]))


def describe(article_id, recorded, actual, wrong, measured, declared) -> str:
    """What changed, when that is simple to say."""
    message = "; ".join(f"{field} is recorded as {shorten(recorded[field], 20)} but the file has {shorten(actual[field], 20)}" for field in wrong) + "."
    try:
        grew = measured.bytes - int(recorded[declared.bytes])
    except (TypeError, ValueError):
        return message
    if grew == 1 and measured.ends_with_newline:
        return message + " The file has one byte more, a line break at its end: an editor added a final newline; remove it."
    if grew == 0 and declared.sha256 in wrong:
        return message + " The size is unchanged: a character was replaced (an edited letter, or a quote mark straightened)."
    return message + f" The file is {abs(grew):,} byte(s) {'longer' if grew > 0 else 'shorter'} than recorded: it was edited."
