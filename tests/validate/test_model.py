"""The path guard's shortcut for plain paths agrees with Frictionless' is_safe_path.

PathGuard skips is_safe_path (and urlparse) for paths of plain names, which is
what every article text path is; the shortcut is only sound if no such path is
one Frictionless would refuse. The unusual paths still reach Frictionless.
"""
from __future__ import annotations

import pytest
from frictionless.helpers import is_safe_path
from hypothesis import given, settings
from hypothesis import strategies as st

from validate.package import PLAIN_PATH, PathGuard

plain_paths = st.from_regex(PLAIN_PATH, fullmatch=True).filter(lambda path: ".." not in path)


@settings(max_examples=500, derandomize=True, database=None)
@given(path=plain_paths)
def test_every_plain_path_is_one_frictionless_calls_safe(path):
    assert is_safe_path(path)
    assert PathGuard.unusual_reason(path) is None


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.txt", "data/../../x", "~/x", "$HOME/x", "%APPDATA%/x", "file:///etc/passwd",
                                  "https://example.org/a.txt", "//host/share", "data/a..b/../x"])
def test_unusual_paths_are_refused(tmp_path, path):
    assert PLAIN_PATH.fullmatch(path) is None or ".." in path
    assert PathGuard(tmp_path).reason(path)


def test_a_plain_path_through_a_link_outside_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "data" / "text.txt").symlink_to(outside / "secret.txt")
    assert PLAIN_PATH.fullmatch("data/text.txt")
    assert "outside the package" in PathGuard(package).reason("data/text.txt")
