"""The floor: read every CSV of a package with polars, nothing else.

    python benchmarks/read_polars.py CORPUS/datapackage.json

Run as its own process by run.py, so interpreter start and import time are
counted as they are for the validator. Prints the number of data rows.
"""

import json
import sys
from pathlib import Path

import polars as pl


def main(descriptor):
    base = Path(descriptor).parent
    resources = json.loads(Path(descriptor).read_text())["resources"]
    # Every column as text: no type inference, as a validator reads before it checks.
    frames = [pl.read_csv(base / r["path"], infer_schema=False) for r in resources]
    print(sum(f.height for f in frames))


if __name__ == "__main__":
    main(sys.argv[1])
