"""What a pull request changed, read from git (local history only: nothing is fetched)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, timeout=60).stdout


def package_root(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def changed_lines(path: Path, ref: str) -> dict[str, set[int]]:
    """Lines of each file that differ from `ref`, as paths relative to the package root."""
    root = package_root(path)
    try:
        diff = git(root, "diff", "--unified=0", "--no-color", "--relative", ref, "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}
    changed: dict[str, set[int]] = {}
    current = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            current = line[6:] if line.startswith("+++ b/") else None
        elif current and line.startswith("@@"):
            match = HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or 1)
                changed.setdefault(current, set()).update(range(start, start + count))
    return changed


def show(root: Path, ref: str, relative: str) -> bytes | None:
    """A file's bytes at `ref`, or None when it did not exist there."""
    try:
        return subprocess.run(["git", "-C", str(root), "show", f"{ref}:./{relative}"], capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
