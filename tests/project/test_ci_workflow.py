"""The CI workflow stays hardened: read-only token, a time limit, superseded runs cancelled, actions pinned by commit."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_there_is_a_workflow():
    assert WORKFLOWS


def test_every_workflow_is_read_only_time_limited_and_cancels_superseded_runs():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {"contents": "read"}, path
        assert workflow["concurrency"]["cancel-in-progress"], path
        for name, job in workflow["jobs"].items():
            assert 0 < int(job["timeout-minutes"]) <= 30, (path, name)


def test_every_action_is_pinned_to_a_full_commit_with_its_tag_beside_it():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*(-\s+)?uses:", line):
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_values_from_the_event_reach_scripts_only_through_the_environment():
    # ${{ github.base_ref }} pasted into a run script would be shell code from the pull request's author.
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), step
