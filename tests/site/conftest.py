"""The site builds live in pytest's temporary folder for the run; under pytest-xdist, in the folder all workers share.

That is pytest-xdist's own recipe for work done once per run (basetemp's parent is
the run's folder); pytest removes old runs' folders itself.
"""

from __future__ import annotations

import os

import pytest
import sitebuild


@pytest.fixture(scope="session", autouse=True)
def _site_builds_folder(tmp_path_factory) -> None:
    base = tmp_path_factory.getbasetemp()
    sitebuild.use_folder(base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base)
