"""Fixtures of the release tests, loaded by each test module with `pytest_plugins = ["release_fixtures"]`.

Not a conftest.py: tests/conftest.py is imported as the module `conftest`, and a
second one would take its name.
"""

from __future__ import annotations

import pytest
from release_helpers import Release, build


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> dict[str, Release]:
    """Each kind of package is released once per test session."""
    return {}


def _built(kind: str, builds: dict[str, Release], tmp_path_factory) -> Release:
    if kind not in builds:
        builds[kind] = build(kind, tmp_path_factory.mktemp(f"release-{kind}"))
    return builds[kind]


@pytest.fixture(scope="session", params=["shipped", "synthetic"])
def built(request, builds, tmp_path_factory) -> Release:
    """The release of each package: tests that take it run once per package."""
    return _built(request.param, builds, tmp_path_factory)


@pytest.fixture(scope="session")
def shipped(builds, tmp_path_factory) -> Release:
    """The release of the shipped package only."""
    return _built("shipped", builds, tmp_path_factory)


@pytest.fixture(scope="session")
def synthetic(builds, tmp_path_factory) -> Release:
    """The release of the synthetic package of several articles only."""
    return _built("synthetic", builds, tmp_path_factory)
