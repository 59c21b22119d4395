"""JSON read the way RFC 8259 and every other reader agree on it, or refused with a line.

Python's json module accepts NaN and Infinity, keeps the last of two equal keys
(other readers keep the first, so the two would see different packages), recurses
once per nesting level, and turns any digit string into an int. Each of those is a
way for a descriptor to mean one thing here and another elsewhere, or to crash the
run; the json module has hooks for all but depth, which is measured before parsing.
"""
from __future__ import annotations

import json
import re
from typing import Any

MAX_BYTES = 5_000_000  # a descriptor or schema is a few kilobytes; anything this large is not one
MAX_DEPTH = 64  # our deepest descriptor nests 6 levels
MAX_DIGITS = 30  # more than any offset, count or constraint needs, and far below Python's 4,300-digit limit
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


class JSONRefused(ValueError):
    """Raised with a message for people and the 1-based line of the fault, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def loads(raw: bytes) -> Any:
    if len(raw) > MAX_BYTES:
        raise JSONRefused(f"The file is {len(raw):,} bytes; a descriptor or schema is at most {MAX_BYTES:,}.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise JSONRefused("The file is UTF-16; JSON files here are UTF-8.", line=1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raise JSONRefused("The file starts with a byte-order mark; save it as UTF-8 without BOM.", line=1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JSONRefused(f"Not UTF-8 text: {error.reason} at byte {error.start}.", line=raw.count(b"\n", 0, error.start) + 1) from None
    _check_depth(raw)
    try:
        return json.loads(text, parse_constant=_no_constant, parse_int=_integer, parse_float=_number, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        raise JSONRefused(f"Invalid JSON: {error.msg} (line {error.lineno}, column {error.colno}).", line=error.lineno) from None
    except JSONRefused as error:
        if error.line is None and getattr(error, "token", None):
            error.line = _line_of(text, error.token)  # type: ignore[attr-defined]
        raise


def _check_depth(raw: bytes) -> None:
    """Deepest nesting of [ and { outside strings, with numpy: no recursion, however deep the file."""
    import numpy as np  # a tenth of a second, for reading only (the judge's second process never reads)
    bare = np.frombuffer(_STRING.sub(b'""', raw), dtype=np.uint8)
    steps = np.zeros(len(bare), dtype=np.int32)
    steps[(bare == ord("[")) | (bare == ord("{"))] = 1
    steps[(bare == ord("]")) | (bare == ord("}"))] = -1
    if not len(steps):
        return
    depth = np.cumsum(steps)
    if int(depth.max()) > MAX_DEPTH:
        at = int(np.argmax(depth > MAX_DEPTH))
        line = _STRING.sub(b'""', raw)[:at].count(b"\n") + 1
        raise JSONRefused(f"The JSON nests deeper than {MAX_DEPTH} levels.", line=line)


def _refuse(message: str, token: str) -> JSONRefused:
    error = JSONRefused(message)
    error.token = token  # type: ignore[attr-defined]
    return error


def _no_constant(name: str) -> Any:
    raise _refuse(f"{name} is not a JSON number (RFC 8259); write a number or null.", name)


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _refuse(f"A {len(text)}-digit integer is too large; numbers here have at most {MAX_DIGITS} digits.", text[:20])
    return int(text)


def _number(text: str) -> float:
    if len(text) > MAX_DIGITS + 10:
        raise _refuse(f"The number {text[:20]}… is too long.", text[:20])
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _refuse(f"The number {text[:20]} is too large for any reader to hold: it would be read as Infinity.", text[:20])
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _refuse(f"The key {json.dumps(key)} appears twice in one object; readers disagree on which one counts.", json.dumps(key))
        seen[key] = value
    return seen


# A JSON string, or a bracket: enough of JSON's grammar to tell which object a key belongs to.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_COLON = re.compile(r"\s*:")


def _line_of(text: str, token: str) -> int | None:
    """Line of the token; for a key written twice in one object, the line of its second occurrence there.

    json's hooks do not say where an object was, so the keys are walked again, object by object.
    """
    objects: list[set[str] | None] = []  # the keys seen in each open object; None for an array
    for match in _TOKEN.finditer(text):
        found = match.group()
        if found in "{[":
            objects.append(set() if found == "{" else None)
        elif found in "}]":
            if objects:
                objects.pop()
        elif objects and objects[-1] is not None and _COLON.match(text, match.end()):
            if found == token and found in objects[-1]:
                return text.count("\n", 0, match.start()) + 1
            objects[-1].add(found)
    at = text.rfind(token)  # not a key (a number or constant), or a key written with other escapes
    return text.count("\n", 0, at) + 1 if at >= 0 else None
