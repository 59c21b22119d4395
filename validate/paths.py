"""Which paths may be read: inside the package, local, regular files; and nothing fetched.

Frictionless' own is_safe_path decides absolute, '..', '~' and variable paths; a
local validator also needs: no URL of any scheme (nothing is fetched from the
network), no link that resolves outside the package, and only regular files (a
FIFO or a device would block the run or never end).
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import urlparse

# Relative paths of plain names: no "..", no leading "/", "~" or ".", no "$", "%" or ":".
PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*")
# Names that become folders or files of the site and the release: lower-case slugs only.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_slug(value: object) -> bool:
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def symlinks_in(folder: str) -> set[str]:
    """One directory listing tells which entries are links (no stat per file)."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_symlink()}
    except OSError:
        return set()


class PathGuard:
    """Decides which paths may be read, cheaply enough for thousands of text files.

    Folders are resolved and listed once each; a file costs no system call until it
    is opened (see `open_regular`).
    """

    def __init__(self, root: Path | str):
        self.root = os.path.realpath(root)
        self.folders: dict[str, bool] = {}  # folder -> resolves inside the package
        self.links: dict[str, set[str]] = {}  # folder -> names of the symbolic links in it

    def inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root + os.sep)

    def reason(self, relative: object) -> str | None:
        """Why `relative` may not be read, or None."""
        if not isinstance(relative, str) or not relative:
            return "the path must be a non-empty string"
        # A plain path meets none of is_safe_path's conditions (absolute, "../", "~",
        # variables, file: URL) and has no scheme; asking would cost 10 µs a path,
        # a tenth of a second at 10,000 articles. A link can still lead outside.
        plain = PLAIN_PATH.fullmatch(relative) and ".." not in relative
        if not plain:
            # Paths become file names in the release and the site, and reach logs: only plain names may.
            return unusual_reason(relative) or ("only plain names are allowed in paths (letters, digits, '_', '-' and '.', "
                                                "separated by '/'), so that no file name can carry markup, a line break or a command")
        return self.link_reason(relative)

    def link_reason(self, relative: str) -> str | None:
        full = os.path.join(self.root, relative)
        folder, name = os.path.split(full)
        if folder not in self.folders:
            self.folders[folder] = self.inside(os.path.realpath(folder))
            self.links[folder] = symlinks_in(folder)
        if not self.folders[folder] or (name in self.links[folder] and not self.inside(os.path.realpath(full))):
            return "the path resolves (through a symbolic link) outside the package"
        return None

    def full(self, relative: str) -> str:
        return os.path.join(self.root, relative)


def unusual_reason(value: str) -> str | None:
    """Frictionless' judgement of a path that is not plain, plus: no URL of any scheme."""
    if (":" in value and urlparse(value).scheme) or value.startswith("//"):
        return "remote and URL paths are refused; nothing is fetched from the network"
    from frictionless.helpers import is_safe_path  # only paths that are not plain get here
    if not is_safe_path(value) or ".." in value.replace("\\", "/").split("/"):
        return "absolute, home (~), parent (..) and variable paths are refused"
    return None


class NotRegular(OSError):
    """The path exists but is not a regular file (a folder, a FIFO, a device, a socket)."""


def read_regular(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """Read a file only if it is a regular file; never block on a FIFO or read a device.

    O_NONBLOCK makes opening a FIFO return at once; fstat on the open descriptor
    then decides, so a file swapped between a check and the open cannot slip through.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{os.fspath(path)} is not a regular file")
        if limit is not None and info.st_size > limit:
            raise NotRegular(f"{os.fspath(path)} is {info.st_size:,} bytes, over the limit of {limit:,}")
        with os.fdopen(descriptor, "rb", closefd=True) as handle:
            descriptor = -1
            return handle.read()
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def is_regular(path: str | os.PathLike) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


class _Offline:
    """Stands in for Frictionless' HTTP session: whatever a descriptor names, nothing is fetched."""

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise OSError("the validator never uses the network")
        return refuse


def offline():
    """Run Frictionless with its HTTP session refusing every request (a profile's remote $ref, say)."""
    from frictionless import system
    return system.use_context(http_session=_Offline())
