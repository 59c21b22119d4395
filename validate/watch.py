"""python -m validate --watch: validate again on every save, with the libraries and unchanged tables kept."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .runner import Session

RELEVANT = (".json", ".csv", ".txt")


def watch(args: argparse.Namespace, validate_once: Callable[[argparse.Namespace, Session], int]) -> int:
    from watchfiles import watch as changes  # imported here: only a watch session needs it

    root = Path(args.path)
    root = root if root.is_dir() else root.parent
    session = Session()
    validate_once(args, session)
    sys.stdout.write(f"watching {root} for saves (Ctrl-C to stop)\n")
    sys.stdout.flush()
    try:
        # A short debounce: an editor's save is one write, and the report should follow it at once.
        for batch in changes(root, debounce=40, step=10, rust_timeout=0, yield_on_timeout=False,
                             watch_filter=lambda _change, path: path.endswith(RELEVANT)):
            started = time.perf_counter()
            validate_once(args, session)
            names = ", ".join(sorted({Path(p).name for _, p in batch}))
            sys.stdout.write(f"[{time.strftime('%H:%M:%S')}] {names} saved; validated in {time.perf_counter() - started:.2f} s\n")
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass
    return 0
