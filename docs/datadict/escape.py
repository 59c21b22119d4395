"""Every value from the data passes through here before it reaches a page.

Data-bearing parts of a page are raw HTML blocks, which Markdown leaves alone,
so HTML-escaping is enough to show `<script>` or `**x**` as the literal text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_CODE = re.compile(r"`([^`]+)`")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def esc(value: object) -> str:
    """Text → HTML text or attribute value, on one line.

    A blank line would end the raw HTML block and hand the rest of a cell to
    Markdown, so line breaks become character references (same text, no break).
    """
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("\r", "&#13;").replace("\n", "&#10;")


def prose(text: str) -> str:
    """Escaped description text, with `backtick` spans shown as code as the schemas intend."""
    return _CODE.sub(r"<code>\1</code>", esc(text))


def md_inline(text: str) -> str:
    """Text for a Markdown heading or list item: HTML-escaped, then Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def anchor_id(prefix: str, values: list[str]) -> str:
    """A stable HTML id for a row; composite keys are joined with '--'."""
    return f"{prefix}-" + "--".join(values)


def fragment(anchor: str) -> str:
    """Percent-encode an id for use after '#' in an href (then escape for the attribute)."""
    return quote(anchor, safe="-_.~")
