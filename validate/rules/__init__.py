"""One module per family of rules; importing this package registers every rule and check.

Where a new rule goes: into the module of its family (or a new module here, added
below), declared with `declare` and found by a function registered with `check`
(see validate/registry.py and CONTRIBUTING.md, "How to add a rule").
"""
from . import (  # noqa: F401  (each module registers its rules on import)
    chains,
    checksums,
    csv_bytes,
    dates,
    declared,
    fields,
    hygiene,
    keys,
    occurrences,
    schema_lint,
    spans,
)
