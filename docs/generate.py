"""Generate the data dictionary site's Markdown from datapackage.json, schemas/ and data/.

    python docs/generate.py [--root PACKAGE_DIR] [--out BUILD_DIR]

Writes BUILD_DIR/docs (pages, assets, served package files, release archive)
and BUILD_DIR/mkdocs.nav.yml; then `mkdocs build` turns them into site/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# datadict beside this file; validate/ (the package model and readers) at the repository root.
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from datadict.build import generate  # noqa: E402
from release.package import NotPlain  # noqa: E402
from validate.model import ModelError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description="Generate the data dictionary pages.")
    parser.add_argument("--root", type=Path, default=repo, help="package root (default: this repository)")
    parser.add_argument("--out", type=Path, default=None, help="build folder (default: ROOT/build)")
    args = parser.parse_args(argv)
    try:
        docs = generate(args.root, args.out or args.root / "build")
    except (ModelError, NotPlain) as error:
        print(f"docs: the package has problems, so no site is built: {error}", file=sys.stderr)
        return 1
    print(f"wrote {docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
