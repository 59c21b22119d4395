"""Every value from the data passes through here before it reaches a page, a path or the site configuration.

Data-bearing parts of a page are raw HTML blocks, which Markdown leaves alone,
so HTML-escaping is enough to show `<script>` or `**x**` as the literal text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

_CODE = re.compile(r"`([^`]+)`")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Resource names are slugs that may use underscores (image_captions); never dots or slashes.
TABLE_NAME = re.compile(r"[a-z0-9]+([_-][a-z0-9]+)*")
# Where a long code value may wrap: after these, never inside a word.
_BREAK_AFTER = re.compile(r"([_/|,;)\]}=&.:])")


def esc(value: object) -> str:
    """Text → HTML text or attribute value, on one line.

    A blank line would end the raw HTML block and hand the rest of a cell to
    Markdown, so line breaks become character references (same text, no break).
    """
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("\r", "&#13;").replace("\n", "&#10;")


def code(value: object) -> str:
    """A name or code value as <code>, wrapping only after punctuation (`speaker_/actor_id`), never mid-word."""
    parts = _BREAK_AFTER.split("" if value is None else str(value))
    # split() with a group alternates text and separator: put <wbr> after each separator.
    out = "".join(esc(p) + ("<wbr>" if i % 2 else "") for i, p in enumerate(parts))
    return f"<code>{out}</code>"


def prose(text: str) -> str:
    """Escaped description text, with `backtick` spans shown as code as the schemas intend."""
    return _CODE.sub(lambda m: code(html.unescape(m.group(1))), esc(text))


def md_inline(text: str) -> str:
    """Text for a Markdown heading: HTML-escaped, then Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def config_text(value: object) -> str:
    """A value for the MkDocs configuration (site name, nav titles, footer): the theme prints these unescaped.

    Escaped once here, on one line; written with yaml.safe_dump, which quotes
    anything YAML would read as syntax.
    """
    text = " ".join(str("" if value is None else value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def is_slug(value: object) -> bool:
    """Only plain slugs become file names or URLs; any other value never makes a path."""
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def is_table_name(value: object) -> bool:
    return isinstance(value, str) and TABLE_NAME.fullmatch(value) is not None


def web_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) link; anything else (javascript:, data:, relative) is shown as text."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() or ord(c) < 32 for c in value):
        return value
    return None


def link_or_text(url: object, label: object) -> str:
    """An <a> for an http(s) URL; otherwise the label and the value as plain text."""
    target = web_url(url)
    if target:
        return f'<a href="{esc(target)}" rel="nofollow noopener">{esc(label)}</a>'
    return esc(label) + (f" (<code>{esc(url)}</code>)" if url and url != label else "")


def anchor_id(prefix: str, values: list[str]) -> str:
    """A stable HTML id for a row; composite keys are joined with '--'."""
    return f"{prefix}-" + "--".join(values)


def fragment(anchor: str) -> str:
    """Percent-encode an id for use after '#' in an href (then escape for the attribute)."""
    return quote(anchor, safe="-_.~")
