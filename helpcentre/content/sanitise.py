"""The allow-list that article HTML passes through before any reader sees it.

Editors may write HTML inside Markdown. What survives is what a help article needs
to explain things: text structure, tables, code and keys, footnotes, images and
disclosure widgets. Everything that can run code, load a frame, post a form or
drive htmx is removed: `<script>`, `<iframe>`, `<form>`, `<svg>`, `on*=` handlers,
`style=`, `hx-*`/`data-hx-*` attributes and any URL scheme but http, https and mailto.
"""
from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul", "var",
})

# `class` and `id` carry footnote and heading anchors; nothing here can hold script.
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
    "abbr": {"title"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(html: str) -> str:
    """Clean rendered article HTML down to the allow-list above."""
    # rel on every link: external ones must not get window.opener or a referrer,
    # and nh3 cannot tell external from internal links.
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "iframe", "svg", "math", "template", "noscript"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
