"""python -m annotate COMMAND ...: offsets, checksums and ids computed, never typed by hand.

Exit codes: 0 done (or shown, without --write), 1 refused or something left
for a person, 2 the package cannot be used.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from validate.model import Package

from . import find_span, fix_offsets, new_article
from .ids import IdError, next_ids
from .labelstudio import importer
from .package import PackageError, TextError, open_package, texts
from .tables import TableError, read_table


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--package", default=".", help="the package folder or its datapackage.json (default: the current folder)")
    top = argparse.ArgumentParser(prog="python -m annotate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True)

    p = commands.add_parser("new-article", parents=[common], help="copy a text into the package and draft its articles row")
    p.add_argument("text_file", type=Path, metavar="TEXT_FILE")
    p.add_argument("--id", required=True, dest="article_id", help="the new article's id, a plain slug")
    p.add_argument("--write", action="store_true", help="apply the change shown")

    p = commands.add_parser("span", parents=[common], help="start and end of some words, in code points")
    p.add_argument("article_id", metavar="ARTICLE")
    p.add_argument("words")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--nth", type=int, help="the Nth occurrence (from 1)")
    choice.add_argument("--near", type=int, metavar="OFFSET", help="the occurrence nearest this offset")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = commands.add_parser("next-id", parents=[common], help="the next free running-number id of a table for an article")
    p.add_argument("table", metavar="TABLE")
    p.add_argument("article_id", metavar="ARTICLE")

    p = commands.add_parser("fix-offsets", parents=[common], help="move spans whose text no longer sits at their offsets")
    p.add_argument("table", nargs="?", metavar="TABLE", help="one table (default: every table with spans)")
    p.add_argument("--write", action="store_true", help="apply the change shown")

    p = commands.add_parser("import-labelstudio", parents=[common], help="a Label Studio JSON export into mention and quote rows")
    p.add_argument("export", type=Path, metavar="EXPORT.json")
    p.add_argument("--article", required=True, dest="article_id")
    p.add_argument("--write", action="store_true", help="apply the change shown")
    return top


def next_id(package: Package, table: str, article_id: str, out: TextIO) -> int:
    articles = read_table(package, texts(package).resource).rows
    if not any(row[texts(package).key] == article_id for row in articles):
        print(f"error: no article {article_id!r} in {package.resources[texts(package).resource].path}", file=out)
        return 1
    print(next_ids(package, table, read_table(package, table).rows if table in package.resources else [], article_id)[0], file=out)
    return 0


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    args = parser().parse_args(argv)
    try:
        package = open_package(args.package)
        if args.command == "new-article":
            return new_article.run(package, args.text_file, args.article_id, args.write, out)
        if args.command == "span":
            return find_span.run(package, args.article_id, args.words, args.nth, args.near, args.format, out)
        if args.command == "next-id":
            return next_id(package, args.table, args.article_id, out)
        if args.command == "fix-offsets":
            return fix_offsets.run(package, args.table, args.write, out)
        return importer.run(package, args.export, args.article_id, args.write, out)
    except PackageError as error:
        print(f"error: {error}", file=out)
        return 2
    except (TextError, TableError, IdError) as error:
        print(f"error: {error}", file=out)
        return 1


if __name__ == "__main__":
    sys.exit(main())
