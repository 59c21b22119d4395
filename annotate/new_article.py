"""new-article: copy a text into the package byte-exact and draft its articles row."""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from typing import TextIO

from validate.model import Package

from .package import TextError, safe_relative, texts, texts_table
from .tables import append, describe, read_table, save, write_atomically

# Ids become file names: only plain slugs, whatever the schema allows.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def text_location(package: Package, rows: list[dict[str, str]], article_id: str) -> str:
    """Where the package keeps texts: the folder and extension of its example path, else of its existing rows."""
    decl = texts(package)
    examples = [str(texts_table(package).field(decl.path).example or "")] + [row.get(decl.path, "") for row in rows]
    for example in examples:
        folder, name = posixpath.split(example)
        if folder and "." in name:
            return f"{folder}/{article_id}{posixpath.splitext(name)[1]}"
    raise TextError(f"the schema of {texts_table(package).name} gives no example path for {decl.path}, and no row has one")


def refusal(package: Package, rows: list[dict[str, str]], article_id: str) -> str | None:
    decl = texts(package)
    table = texts_table(package)
    pattern = table.field(decl.key).constraints.get("pattern")
    if not SLUG.fullmatch(article_id) or (pattern and not re.fullmatch(pattern, article_id)):
        return f"{article_id!r} is not a plain slug: use a-z, 0-9 and single hyphens, such as city-council-budget"
    if any(row.get(decl.key) == article_id for row in rows):
        return f"{article_id!r} already exists in {table.path}; ids are never reused"
    return None


def run(package: Package, text_file: Path, article_id: str, write: bool, out: TextIO) -> int:
    decl = texts(package)
    table = read_table(package, decl.resource)
    why = refusal(package, table.rows, article_id)
    if why:
        print(f"refused: {why}", file=out)
        return 1
    relative = text_location(package, table.rows, article_id)
    pattern = texts_table(package).field(decl.path).constraints.get("pattern")
    if pattern and not re.fullmatch(pattern, relative):
        print(f"refused: the text would go to {relative!r}, which the schema's {decl.path} pattern does not allow", file=out)
        return 1
    target = safe_relative(package.root, relative)
    if target.exists():
        print(f"refused: {relative} already exists; a text is never overwritten", file=out)
        return 1
    try:
        data = text_file.read_bytes()
        text = data.decode(decl.encoding)
    except OSError as error:
        print(f"refused: cannot read {text_file}: {error.strerror or error}", file=out)
        return 1
    except UnicodeDecodeError as error:
        print(f"refused: {text_file} is not {decl.encoding} ({error.reason} at byte {error.start}); save it as {decl.encoding} first", file=out)
        return 1
    digest = hashlib.sha256(data).hexdigest()
    append(table, [{decl.key: article_id, decl.path: relative, decl.sha256: digest, decl.bytes: str(len(data)), decl.length: str(len(text))}])
    print(f"{relative}: new file, a byte-exact copy of {text_file} ({len(data)} bytes, {len(text)} code points, sha256 {digest})", file=out)
    for line in describe(table):
        print(line, file=out)
    empty = [name for name, value in table.added[0].items() if value == ""]
    print(f"  to fill by hand: {', '.join(empty)}", file=out)
    if not write:
        print("Nothing written: run again with --write to apply.", file=out)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
    if hashlib.sha256(target.read_bytes()).hexdigest() != digest:  # the copy is the point: prove it
        target.unlink()
        print(f"error: the copy at {relative} does not have the source's bytes; nothing kept", file=out)
        return 2
    save(table)
    print(f"Written: {relative} and {table.relative}.", file=out)
    return 0
