"""The release tests' fixtures live in release_helpers.py, which the tests also import helpers from."""

from release_helpers import built, builds, shipped  # noqa: F401  (pytest finds fixtures by name)
