"""The content tree on disk, re-read by modification time into immutable Library snapshots."""
from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from ..watched import Rechecked, ReportedOnce
from .checks import cross_file_problems
from .frontmatter import ContentError, parse_document, yaml_mapping
from .model import Article, Category, Library, Problem
from .parsed import Parsed
from .paths import display_path
from .render import ArticleUrl, render_markdown

log = logging.getLogger(__name__)
CATEGORY_FILE = "_category.yml"


class ContentStore:
    """Serves the current Library, checking the tree for changes at most once per interval."""

    def __init__(self, root: Path, article_url: ArticleUrl, *, include_drafts: bool = False,
                 interval: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.root, self.article_url, self.include_drafts = Path(root), article_url, include_drafts
        self._cache: dict[Path, Parsed] = {}
        self._current = Rechecked(self._rescan, interval, clock)
        self._report = ReportedOnce(log, "content")

    def library(self) -> Library:
        """The current snapshot; rescans the tree when the interval has passed."""
        return self._current.get()

    def _files(self) -> list[tuple[Path, os.stat_result]]:
        found = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
            for name in sorted(files):
                if name.endswith(".md") or name == CATEGORY_FILE:
                    path = Path(folder, name)
                    found.append((path, path.stat()))
        return found

    def _rescan(self, previous: Library | None) -> Library:
        try:
            files = self._files()
        except OSError as error:  # a file vanished mid-scan: keep serving what we had
            log.warning("content scan failed: %s", error)
            return previous or Library(include_drafts=self.include_drafts)
        stamps = {p: (s.st_mtime_ns, s.st_size) for p, s in files}
        version = hashlib.sha256(repr(sorted((str(p), st) for p, st in stamps.items())).encode()).hexdigest()[:16]
        if previous is not None and previous.version == version:
            return previous
        self._cache = {p: self._cache[p] if p in self._cache and self._cache[p].stamp == st
                       else self._parse(p, st) for p, st in stamps.items()}
        library = self._assemble(version)
        self._report(library.problems)
        return library

    def _parse(self, path: Path, stamp: tuple[int, int]) -> Parsed:
        shown = display_path(path)
        try:
            text = path.read_text(encoding="utf-8")
            if path.name == CATEGORY_FILE:
                return self._parse_category(path, stamp, text)
            return self._parse_article(path, stamp, text)
        except ContentError as error:
            return Parsed(stamp, [Problem(shown, error.line, error.message)])
        except (OSError, UnicodeDecodeError) as error:
            return Parsed(stamp, [Problem(shown, 1, f"cannot read the file: {error}")])
        except Exception as error:  # one odd file must never take every page down
            log.exception("content: unexpected error reading %s", shown)
            return Parsed(stamp, [Problem(shown, 1, f"cannot publish this file: {error}")])

    def _parse_category(self, path: Path, stamp: tuple[int, int], text: str) -> Parsed:
        meta, lines = yaml_mapping(text)
        title, order = meta.get("title"), meta.get("order", 0)
        if not isinstance(title, str) or not title.strip():
            raise ContentError(lines.get("title", 1), "a category needs a `title`")
        if isinstance(order, bool) or not isinstance(order, int):
            raise ContentError(lines["order"], "`order` must be a whole number")
        description = meta.get("description") or ""
        category = Category(path.parent.name, title.strip(), str(description).strip(), order)
        return Parsed(stamp, [], category=category, lines=lines)

    def _parse_article(self, path: Path, stamp: tuple[int, int], text: str) -> Parsed:
        shown = display_path(path)
        document, problems = parse_document(text)
        relative = path.relative_to(self.root).as_posix()
        rendered = render_markdown(document.body, relative, self.article_url)
        meta = document.meta
        article = Article(
            slug=path.stem, category=path.parent.name if path.parent != self.root else "",
            title=meta["title"].strip(), html=rendered.html, summary=meta.get("summary", "").strip(),
            order=meta.get("order", 0), related=tuple(meta.get("related", ())), draft=meta.get("draft", False),
            updated=meta.get("updated"), modified=datetime.fromtimestamp(stamp[0] / 1e9, UTC),
            sections=rendered.sections, revision=hashlib.sha256(text.encode()).hexdigest()[:16], path=shown,
        )
        return Parsed(stamp, [replace(p, path=shown) for p in problems], article=article,
                      rendered=rendered, lines=document.lines)

    def _assemble(self, version: str) -> Library:
        categories = sorted((p.category for p in self._cache.values() if p.category),
                            key=lambda c: (c.order, c.title.lower()))
        articles: dict[str, Article] = {}
        for parsed in self._cache.values():
            if parsed.article and parsed.article.slug not in articles:
                articles[parsed.article.slug] = parsed.article
        problems = [p for parsed in self._cache.values() for p in parsed.problems]
        problems += cross_file_problems(self.root, self._cache, articles, display_path)
        problems.sort(key=lambda p: (p.path, p.line))
        return Library(tuple(categories), articles, tuple(problems), version, self.include_drafts)
