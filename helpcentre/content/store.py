"""The content tree on disk, read into immutable Library snapshots: once at start, then in the background.

Readers only ever pick up the current snapshot. Looking at the tree (a walk and a stat of every
file) and re-reading what changed happen in `refresh()`, which a background thread calls once per
interval; the new snapshot replaces the old one only when it is whole. A file is recognised as
changed by its modification time and size, and its rendering is looked up by its text in the
parse cache on disk first, so a restart renders only the files edited since the last one.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from ..watched import ReportedOnce
from .cache import Entry, ParseCache, entry_key, renderer_fingerprint
from .checks import cross_file_problems
from .frontmatter import ContentError, parse_document, yaml_mapping
from .model import Article, Category, Library, Problem
from .parsed import Parsed
from .paths import display_path
from .reloader import Reloader
from .render import ArticleUrl, render_markdown

log = logging.getLogger(__name__)
CATEGORY_FILE = "_category.yml"
Stamp = tuple[int, int]  # modification time (ns) and size
# Fewer changed files than this are rendered in this process: starting others would cost more.
PARALLEL_FROM = 500


class ContentStore:
    """Serves the current Library; re-reads changed files every `interval` seconds in the background (0: never)."""

    def __init__(self, root: Path, article_url: ArticleUrl, *, include_drafts: bool = False,
                 interval: float = 1.0, cache: ParseCache | None = None) -> None:
        self.root, self.article_url, self.include_drafts = Path(root), article_url, include_drafts
        self.cache = cache
        self._fingerprint = ""  # of the renderer, on first reading: the article URLs aren't routed yet at start-up
        self._base = ""  # display_path(root), for _shown()
        self._parsed: dict[Path, Parsed] = {}
        self._library: Library | None = None
        self._refreshing = threading.Lock()
        self.reloader = Reloader(self.refresh, interval)
        self._report = ReportedOnce(log, "content")

    def library(self) -> Library:
        """The current snapshot: read on first use, then kept current by this process's reloader thread."""
        library = self._library
        if library is None:
            with self._refreshing:  # the first readers wait for the first reading; there is nothing to serve yet
                library = self._library or self._refresh()
        self.reloader.ensure_running()
        return library

    def refresh(self) -> Library:
        """Look at the tree now, re-read what changed and make that the current snapshot."""
        with self._refreshing:
            return self._refresh()

    def _refresh(self) -> Library:
        previous = self._library
        self._fingerprint = self._fingerprint or renderer_fingerprint(self.article_url)
        self._base = display_path(self.root)  # each time: the working directory may have changed
        self._library = self._rescan(previous)
        if previous is None and self.cache is not None:
            self.cache.prune()  # once per process start: entries are marked used when a start reads them
        return self._library

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
        parsed = {p: self._parsed[p] for p, st in stamps.items() if p in self._parsed and self._parsed[p].stamp == st}
        parsed.update(self._read({p: st for p, st in stamps.items() if p not in parsed}))
        self._parsed = {p: parsed[p] for p in stamps}  # in walk order: the first file with a slug keeps it
        library = self._assemble(version)
        self._report(library.problems)
        return library

    def _read(self, changed: dict[Path, Stamp]) -> dict[Path, Parsed]:
        """Parse the changed files, taking each article's entry from the cache when its text has one."""
        results: dict[Path, Parsed] = {}
        texts: dict[Path, tuple[str, str]] = {}  # article -> (text, cache key)
        for path, stamp in changed.items():
            try:
                text = path.read_text(encoding="utf-8")
                if path.name == CATEGORY_FILE:
                    results[path] = self._parse_category(path, stamp, text)
                else:
                    texts[path] = (text, entry_key(self._fingerprint, self._relative(path), text))
            except Exception as error:  # noqa: BLE001 (reported as the file's problem, see _problem)
                results[path] = _problem(path, stamp, error)
        found = self.cache.get_many(key for _, key in texts.values()) if self.cache and texts else {}
        missing = {key: (path, text) for path, (text, key) in texts.items() if key not in found}
        fresh = dict(zip(missing, self._render_all(list(missing.values())), strict=True))
        for path, (text, key) in texts.items():
            entry = found.get(key) or fresh[key]
            results[path] = (_problem(path, changed[path], entry) if isinstance(entry, ContentError)
                             else self._parsed_article(path, changed[path], text, entry))
        if self.cache is not None:
            self.cache.put_many({key: e for key, e in fresh.items() if isinstance(e, Entry)})
        return results

    def _render_all(self, files: list[tuple[Path, str]]) -> list[Entry | ContentError]:
        """Each file's entry or problem; a cold library is shared out between processes, one per core."""
        cores = os.cpu_count() or 1
        # Forking is safe only with no other thread about (gunicorn's master before its workers):
        # one might hold a lock the children need. Anywhere else, one process does it all.
        if len(files) < PARALLEL_FROM or cores < 2 or threading.active_count() > 1:
            return [self._render(path, text) for path, text in files]
        global _rendering
        _rendering = self
        try:
            with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_render_in_child, files, chunksize=max(1, len(files) // (cores * 8))))
        finally:
            _rendering = None

    def _render(self, path: Path, text: str) -> Entry | ContentError:
        try:
            return self._entry(path, text)
        except ContentError as error:
            return error
        except Exception as error:  # one odd file must never take every page down
            log.exception("content: unexpected error reading %s", self._shown(path))
            return ContentError(1, f"cannot publish this file: {error}")

    def _relative(self, path: Path) -> str:
        return path.as_posix()[len(self.root.as_posix()) + 1:]

    def _shown(self, path: Path) -> str:
        """display_path(path) for a file under the root, without a pathlib round trip per file."""
        return self._relative(path) if self._base == "." else f"{self._base}/{self._relative(path)}"

    def _entry(self, path: Path, text: str) -> Entry:
        """What an article's text yields: the one expensive step, which the cache saves."""
        document, problems = parse_document(text)
        rendered = render_markdown(document.body, self._relative(path), self.article_url)
        return Entry(document.meta, document.lines, tuple(problems), rendered)

    def _parse_category(self, path: Path, stamp: Stamp, text: str) -> Parsed:
        meta, lines = yaml_mapping(text)
        title, order = meta.get("title"), meta.get("order", 0)
        if not isinstance(title, str) or not title.strip():
            raise ContentError(lines.get("title", 1), "a category needs a `title`")
        if isinstance(order, bool) or not isinstance(order, int):
            raise ContentError(lines["order"], "`order` must be a whole number")
        description = meta.get("description") or ""
        category = Category(path.parent.name, title.strip(), str(description).strip(), order)
        return Parsed(stamp, [], category=category, lines=lines)

    def _parsed_article(self, path: Path, stamp: Stamp, text: str, entry: Entry) -> Parsed:
        shown, meta = self._shown(path), entry.meta
        article = Article(
            slug=path.stem, category=path.parent.name if path.parent != self.root else "",
            title=meta["title"].strip(), html=entry.rendered.html, summary=meta.get("summary", "").strip(),
            order=meta.get("order", 0), related=tuple(meta.get("related", ())), draft=meta.get("draft", False),
            updated=meta.get("updated"), modified=datetime.fromtimestamp(stamp[0] / 1e9, UTC),
            sections=entry.rendered.sections, path=shown,
            revision=hashlib.sha256(text.encode()).hexdigest()[:16],
        )
        return Parsed(stamp, [replace(p, path=shown) for p in entry.problems], article=article,
                      rendered=entry.rendered, lines=entry.lines)

    def _assemble(self, version: str) -> Library:
        categories = sorted((p.category for p in self._parsed.values() if p.category),
                            key=lambda c: (c.order, c.title.lower()))
        articles: dict[str, Article] = {}
        for parsed in self._parsed.values():
            if parsed.article and parsed.article.slug not in articles:
                articles[parsed.article.slug] = parsed.article
        problems = [p for parsed in self._parsed.values() for p in parsed.problems]
        problems += cross_file_problems(self.root, self._parsed, articles, display_path)
        problems.sort(key=lambda p: (p.path, p.line))
        return Library(tuple(categories), articles, tuple(problems), version, self.include_drafts)


_rendering: ContentStore | None = None  # the store whose files the forked children render


def _render_in_child(file: tuple[Path, str]) -> Entry | ContentError:
    assert _rendering is not None  # set in the parent before the fork
    return _rendering._render(*file)


def _problem(path: Path, stamp: Stamp, error: Exception) -> Parsed:
    """A file that can't be published, with the problem an editor can act on."""
    shown = display_path(path)
    if isinstance(error, ContentError):
        return Parsed(stamp, [Problem(shown, error.line, error.message)])
    if isinstance(error, (OSError, UnicodeDecodeError)):
        return Parsed(stamp, [Problem(shown, 1, f"cannot read the file: {error}")])
    # One odd file must never take every page down.
    log.error("content: unexpected error reading %s", shown, exc_info=error)
    return Parsed(stamp, [Problem(shown, 1, f"cannot publish this file: {error}")])
