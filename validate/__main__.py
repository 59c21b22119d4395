"""python -m validate [PATH] [--format text|json|github|markdown] [--watch] ...
   python -m validate diff BASE_REF

Exit 0: valid. Exit 1: invalid. Exit 2: cannot run (no descriptor, unreadable JSON, a crashed check).
Reads the package and writes nothing but the report on standard output.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .frictionless_aside import Aside

if TYPE_CHECKING:
    from .runner import Session

DEFAULT = Path(__file__).resolve().parent.parent / "datapackage.json"
FORMATS = ["text", "json", "github", "markdown"]


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m validate", description="Validate the data package: every rule, one run, every problem.",
                                     epilog="python -m validate diff BASE_REF prints the keyed data diff against a git ref.")
    parser.add_argument("path", nargs="?", default=str(DEFAULT), help="datapackage.json or a folder holding one (default: this repository's)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for people, json for programs, github for pull-request annotations, markdown for a job summary")
    parser.add_argument("--frictionless", choices=["never", "always"], default="never",
                        help="also run Frictionless' own row pass as a second opinion (the verdict never depends on it)")
    parser.add_argument("--base", metavar="REF", help="with --format github: annotate the lines changed since this git ref first")
    parser.add_argument("--base-schemas", metavar="REF", help="also validate the data against the schemas at this git ref, and report "
                                                              "every rule a schema change switches off")
    parser.add_argument("--watch", action="store_true", help="validate again on every save, with the libraries kept loaded")
    parser.add_argument("--profile", action="store_true", help="print the time of each phase as JSON on standard error")
    parser.add_argument("--list-rules", action="store_true", help="print every rule with its hint as a Markdown table, and exit")
    return parser.parse_args(argv)


def display(path: str) -> str:
    """The package as the contributor knows it: relative to where they stand."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def validate_once(args: argparse.Namespace, session: Session | None = None, aside: Aside | None = None, remember: bool = False) -> int:
    from . import report, runner
    from .model import CannotRun
    started = time.perf_counter()
    shown = display(args.path)
    try:
        outcome = runner.run(args.path, frictionless=args.frictionless, progress=args.format == "text" and not args.watch, session=session,
                             aside=aside, remember=remember)
    except CannotRun as error:
        from .triage import Verdict
        sys.stdout.write(report.render(Verdict([error.problem], total=1), args.format, shown))
        return 2
    verdict = outcome.verdict
    if args.base_schemas:
        from .schema_change import against_base
        verdict = against_base(args.path, args.base_schemas, verdict)
    changed = None
    if args.base and args.format == "github":
        from .gitref import changed_lines
        changed = changed_lines(Path(args.path), args.base)
    sys.stdout.write(report.render(verdict, args.format, shown, changed))
    if args.profile:
        outcome.timings["total"] = round(time.perf_counter() - started, 4)
        sys.stderr.write(json.dumps({"profile": outcome.timings}) + "\n")
    if outcome.failed:
        return 2
    return 0 if verdict.valid else 1


def main(argv: list[str] | None = None, command_line: bool = False) -> int:
    """`command_line`: this process is the command, short-lived and alone (see runner.tune_process)."""
    argv = sys.argv[1:] if argv is None else argv
    args = arguments(argv) if argv[:1] != ["diff"] else None
    # A one-off command-line run judges the descriptor and schemas in a second process, started
    # before this one imports polars and pandera so that the two overlap (validate/frictionless_aside.py).
    aside = Aside.start() if command_line and args is not None and not (args.watch or args.list_rules) else None
    from . import runner
    if command_line:
        runner.tune_process()
    if args is None:
        from . import diff
        return diff.main(argv[1:])
    if args.list_rules:
        from . import report
        from .registry import RULES, load_rules
        load_rules()
        sys.stdout.write(report.rules_table(RULES.values()))
        return 0
    if args.watch:
        from .watch import watch
        return watch(args, validate_once)
    # Called from a longer-lived process (a test suite), small tables' findings are remembered between
    # runs; a one-off command, or one that measures itself (--profile), computes everything.
    return validate_once(args, aside=aside, remember=not (command_line or args.profile))


if __name__ == "__main__":
    code = 2
    try:
        code = main(command_line=True)
    except BrokenPipeError:  # the reader (head, less) stopped early; the verdict stands
        pass
    except Exception as error:  # a crash must still be a report, never a traceback for a contributor
        from . import report
        sys.stdout.write(f"The validator could not run: {report.inert(type(error).__name__)}: {report.inert(error)}\n")
        code = 2
    from . import runner
    runner.finish(code)
