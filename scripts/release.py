"""Build the release archive: `python scripts/release.py [--root DIR] [--out DIR]`.

Kept for the commands and the site code that call it by this path; the work is
done by the `release` package at the repository root (`python -m release`).
Imported as the module `release` (docs/datadict/build.py puts scripts/ on the
path), it hands over the package itself, so `release.build_archive(root)` and
`release.sha256sums(entries)` keep working.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# This file is also called `release`: put the repository first on the path and
# drop this module from the cache, so that `import release` finds the package.
sys.path.insert(0, str(REPO))
if __name__ == "release":
    del sys.modules["release"]
import release as _package  # noqa: E402  (after the path is set)

if __name__ == "release":
    # Whoever imported this file as `release` gets the package itself.
    sys.modules["release"] = _package

if __name__ == "__main__":
    from release.__main__ import main

    sys.exit(main())
