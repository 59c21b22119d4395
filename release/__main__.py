"""python -m release [--root DIR] [--out DIR]                     build dist/<name>-<version>.zip and dist/SHA256SUMS
python -m release --bump major|minor|patch [--date D] [--since REF]   cut a release (see docs/versioning.md)

Exit 0: done. Exit 1: refused (the version files disagree, an id disappeared, a name is not a plain slug...).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from validate.diff import DiffError, terminal

from .archive import write_release
from .bump import cut
from .identity import PARTS, IdentityError
from .package import ModelError, NotPlain

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m release", description="Build the release archive, or cut a new release.")
    parser.add_argument("--root", type=Path, default=ROOT, help="the package folder (default: this repository)")
    parser.add_argument("--out", type=Path, default=None, help="where the archive goes (default: ROOT/dist)")
    parser.add_argument("--bump", choices=PARTS, help="cut a release: new version in datapackage.json, CITATION.cff and CHANGELOG.md, with the data diff")
    parser.add_argument("--date", type=datetime.date.fromisoformat, default=None, help="release date, YYYY-MM-DD (default: today, UTC)")
    parser.add_argument("--since", default=None, help="git ref of the previous release (default: tag v<version>, else its release date)")
    args = parser.parse_args(argv)
    try:
        if args.bump:
            date = args.date or datetime.datetime.now(datetime.UTC).date()
            version, problems = cut(args.root, args.bump, date, args.since)
            if problems:
                for problem in problems:
                    print(f"release: {terminal(problem)}", file=sys.stderr)
                return 1
            print(f"version {version} of {date}: datapackage.json, CITATION.cff and CHANGELOG.md updated. "
                  f"Review CHANGELOG.md, commit, and tag the commit v{version}.")
            return 0
        zip_path = write_release(args.root, args.out or args.root / "dist")
    except (IdentityError, ModelError, NotPlain, DiffError) as error:
        print(f"release: {terminal(error)}", file=sys.stderr)
        return 1
    print(f"wrote {zip_path} and {zip_path.parent / 'SHA256SUMS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
