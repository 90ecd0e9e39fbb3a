"""Markdown to sanitised HTML, with `.md` links rewritten to article URLs."""
from __future__ import annotations

import posixpath
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .model import Section
from .sanitise import sanitise

ArticleUrl = Callable[[str], str]

# Bump when a change here, in sanitise.py or in frontmatter.py makes the same file yield something
# different: the parse cache on disk keys every entry by it (see cache.py), so old entries go unused.
RENDERER_VERSION = 1

EXTENSIONS = ["footnotes", "tables", "toc", "attr_list", "sane_lists", "def_list", "abbr"]
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # `align=` instead of `style=`: the sanitiser removes every style attribute.
    "tables": {"use_align_attribute": True},
    "footnotes": {"BACKLINK_TITLE": "Back to the text"},
}


@dataclass(frozen=True)
class ArticleLink:
    """A link from one article to another, written as a relative `.md` path."""

    target: str  # path of the target file, relative to the content root
    anchor: str
    written: str  # the href as the editor wrote it, to find it again for messages


@dataclass
class Rendered:
    """The result of rendering one article body."""

    html: str
    sections: tuple[Section, ...]
    links: list[ArticleLink] = field(default_factory=list)
    anchors: frozenset[str] = frozenset()


def md_link_target(href: str, source_dir: str) -> tuple[str, str] | None:
    """The content-relative file and anchor a relative `.md` href points at, or None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or parts.query or href.startswith("/"):
        return None
    if not parts.path.endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(source_dir, parts.path)), parts.fragment


class _LinkRewriter(Treeprocessor):
    """Point `[text](other.md#anchor)` at that article's page, recording each link.

    Set `source_dir`, `article_url` and `links` before each conversion.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.source_dir = ""
        self.article_url: ArticleUrl = str
        self.links: list[ArticleLink] = []

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            found = md_link_target(href, self.source_dir)
            if found is None:
                continue
            target, anchor = found
            self.links.append(ArticleLink(target, anchor, href))
            slug = posixpath.basename(target)[: -len(".md")]
            link.set("href", self.article_url(slug) + (f"#{anchor}" if anchor else ""))


class _Extension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (markdown's API)
        md.treeprocessors.register(_LinkRewriter(md), "article_links", 5)


class _SectionSplitter(HTMLParser):
    """Split rendered HTML into plain-text sections, one per H2, for search and structured data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list[str]] = [["", "", ""]]  # anchor, heading, text
        self.ids: set[str] = set()
        self._in_h2 = False
        self._skip = 0  # inside a footnote's number or back-link arrow, which are not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "h2":
            self._in_h2 = True
            self.sections.append([str(found.get("id") or ""), "", ""])
        elif tag == "a" and found.get("class") in ("footnote-backref", "footnote-ref"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False
        elif tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.sections[-1][1 if self._in_h2 else 2] += data

    def result(self) -> tuple[Section, ...]:
        found = [Section(a, " ".join(h.split()), " ".join(t.split())) for a, h, t in self.sections]
        return tuple(s for s in found if s.anchor or s.text)


_converters = threading.local()


def _converter() -> tuple[markdown.Markdown, _LinkRewriter]:
    """This thread's Markdown converter: building one per article would cost a third of the rendering."""
    found: tuple[markdown.Markdown, _LinkRewriter] | None = getattr(_converters, "found", None)
    if found is None:
        md = markdown.Markdown(extensions=[*EXTENSIONS, _Extension()], extension_configs=EXTENSION_CONFIGS,
                               output_format="html")
        rewriter = md.treeprocessors["article_links"]
        assert isinstance(rewriter, _LinkRewriter)
        found = _converters.found = (md, rewriter)
    return found


def render_markdown(body: str, source_path: str, article_url: ArticleUrl) -> Rendered:
    """Render an article body; `source_path` is the file's path relative to the content root."""
    md, rewriter = _converter()
    links: list[ArticleLink] = []
    rewriter.source_dir, rewriter.article_url, rewriter.links = posixpath.dirname(source_path), article_url, links
    # reset() forgets the last article's footnotes, abbreviations and heading ids.
    html = sanitise(md.reset().convert(body))
    splitter = _SectionSplitter()
    splitter.feed(html)
    splitter.close()
    return Rendered(html, splitter.result(), links, frozenset(splitter.ids))
