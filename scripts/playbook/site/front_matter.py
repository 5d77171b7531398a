"""YAML front matter for generated pages: the page's title and tags, and where each tag links.

MkDocs and the theme put front-matter values into the HTML as they are: the theme writes
``page.meta.title`` into ``<title>`` and the header, and each tag into a link, none of them
escaped. So the values are HTML-escaped here, and then quoted so that any YAML reader reads
them back unchanged. A page whose title comes from data should carry it here: without a
``title``, the theme builds ``<title>`` from the page's first heading with ``striptags``,
which turns the heading's escaped ``&lt;`` back into ``<``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

#: Characters a YAML reader refuses, or reads as line breaks, inside a double-quoted scalar.
_UNSAFE = frozenset("\x85\u2028\u2029\ufffe\uffff")


def yaml_string(value: str) -> str:
    """``value`` as a double-quoted YAML scalar that reads back unchanged.

    Quotes, backslashes, control characters and the characters above become escapes; the
    rest (Chinese included) stays readable. JSON's escaping is not enough: it writes
    characters beyond U+FFFF as surrogate pairs, which a YAML reader turns into two broken
    characters.
    """
    out = ['"']
    for char in value:
        code = ord(char)
        if char in {'"', "\\"}:
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or char in _UNSAFE:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out) + '"'


def _value(text: str) -> str:
    return yaml_string(html.escape(" ".join(text.split())))


#: What a page with wide tables hides (the theme's page-level ``hide``): the navigation and the
#: table of contents, so the tables get the whole width of the window.
WIDE = ("navigation", "toc")


def front_matter(
    title: str, tags: Iterable[str] = (), hide: Iterable[str] = (), tag_pages: Mapping[str, str] | None = None
) -> list[str]:
    """The lines of a page's front matter, then a blank line; ``title`` and ``tags`` as the data has them.

    ``hide`` names parts of the theme's layout the page leaves out (``navigation``, ``toc``).
    ``tag_pages`` gives, by tag, the address (relative to the page) its link leads to, which the
    playbook's theme partial (``site/theme/partials/tags.html``) reads instead of the theme's
    listing of tags.
    """
    lines = ["---", f"title: {_value(title)}"]
    hidden = list(hide)
    if hidden:
        lines += ["hide:", *(f"  - {part}" for part in hidden)]
    tags = list(tags)
    if tags:
        lines += ["tags:", *(f"  - {_value(tag)}" for tag in tags)]
    if tag_pages:
        lines += ["tag_pages:", *(f"  {_value(tag)}: {yaml_string(address)}" for tag, address in tag_pages.items())]
    return [*lines, "---", ""]
