"""An in-memory SQLite FTS5 index of published articles, one row per article section.

How a query becomes a MATCH expression is in query.py. Every word must match; if that finds
nothing, the same words are retried ORed together, ranked by bm25, so a misspelt word ("reset
pasword account") still lets the others find something.
"""
from __future__ import annotations

import html
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from helpcentre.content.model import Article, Library, Section

from .query import (
    CLOSE_MARK,
    MIN_QUERY_CHARS,
    NO_SENTINELS,
    OPEN_MARK,
    match_expression,
    normalise_query,
    query_words,
    search_words,
)

__all__ = ["SearchIndex", "SearchResult", "IndexCache", "index_for", "normalise_query"]

# Title and question say what a row is about far more than its summary or body text do.
_RANKING = "bm25(10.0, 6.0, 3.0, 1.0)"
_SNIPPET = f"snippet(sections, {{column}}, '{OPEN_MARK}', '{CLOSE_MARK}', '…', 24)"
_BODY, _SUMMARY = 3, 2


@dataclass(frozen=True)
class SearchResult:
    """One article found by a search, linked to its best-matching question."""

    slug: str
    title: str
    category: str
    category_title: str
    anchor: str  # '' when the best match is the title or intro
    question: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words


class SearchIndex:
    """Published articles in an in-memory FTS5 table, searched by words with bm25 ranking."""

    def __init__(self, articles: Iterable[Article], category_titles: Mapping[str, str]) -> None:
        self._category_titles = dict(category_titles)
        self._rows: list[tuple[Article, Section]] = []
        self._widest = 1  # the most rows any one article has
        # One connection shared by every Flask thread, so sqlite3's own thread check is off and
        # the lock serialises access instead.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        # Prefix indexes for 3 and 4 characters: the word being typed is matched as a prefix from
        # its third character on, and expanding a short prefix over every term it covers is what
        # makes those queries slow. (1–2 character words are never prefixes; see query.py.)
        self._db.execute(
            "CREATE VIRTUAL TABLE sections USING fts5(title, question, summary, body,"
            " tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3 4')"
        )
        # The weighted bm25 becomes the table's `rank`, so queries can simply ORDER BY rank.
        self._db.execute("INSERT INTO sections (sections, rank) VALUES ('rank', ?)", (_RANKING,))
        self._db.executemany(
            "INSERT INTO sections (rowid, title, question, summary, body) VALUES (?, ?, ?, ?, ?)",
            self._table_rows(a for a in articles if not a.draft),
        )
        self._db.commit()

    def _table_rows(self, articles: Iterable[Article]) -> Iterable[tuple[int | str, ...]]:
        for article in articles:
            intro = "\n".join(s.text for s in article.sections if not s.anchor)
            # The intro row comes first so that, when every row of an article ties (a title-only
            # match), the lowest rowid wins and the result links to the top of the article.
            sections = [Section("", "", intro), *article.questions]
            self._widest = max(self._widest, len(sections))
            for section in sections:
                self._rows.append((article, section))
                summary = article.summary if not section.anchor else ""
                # Every row repeats the title, so a query mixing title words and question words
                # still matches that question under AND.
                texts = (article.title, section.heading, summary, section.text)
                yield (len(self._rows), *(text.translate(NO_SENTINELS) for text in texts))

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        """Up to `limit` articles matching the query, best first, each once at its best section."""
        normalised = normalise_query(query)
        words = search_words(query_words(normalised))
        if len(normalised) < MIN_QUERY_CHARS or not words or limit < 1:
            return []
        limit = min(limit, len(self._rows))  # keeps LIMIT within SQLite's integers
        with self._lock:
            expression = match_expression(words, "AND")
            best = self._best_rows(expression, limit)
            # No row has every word, often because one is misspelt: rank rows having any of them.
            if not best and len(words) > 1:
                expression = match_expression(words, "OR")
                best = self._best_rows(expression, limit)
            return self._results(best, expression) if best else []

    def _best_rows(self, expression: str, limit: int) -> list[int]:
        # An article has at most _widest rows, so the top limit * _widest rows hold the best row
        # of each of the top `limit` articles: bm25 still scores every match, but only those
        # rows leave SQLite to be collapsed. Ordering by rowid too keeps ties stable (the intro
        # row first) and, as measured, SQLite's sorter beats FTS5's own `ORDER BY rank` one.
        found = self._db.execute(
            "SELECT rowid FROM sections WHERE sections MATCH ? ORDER BY rank, rowid LIMIT ?",
            (expression, limit * self._widest),
        )
        best: dict[str, int] = {}
        for (rowid,) in found:
            best.setdefault(self._rows[rowid - 1][0].slug, rowid)
        return list(best.values())[:limit]

    def _results(self, rowids: list[int], expression: str) -> list[SearchResult]:
        # Snippets for the final rows only, in one pass: the unary + keeps FTS5 from re-running
        # the whole match (prefix expansion included) once per rowid in the IN list.
        marks = ", ".join("?" * len(rowids))
        snippets = {rowid: (body, summary) for rowid, body, summary in self._db.execute(
            f"SELECT rowid, {_SNIPPET.format(column=_BODY)}, {_SNIPPET.format(column=_SUMMARY)}"
            f" FROM sections WHERE sections MATCH ? AND +rowid IN ({marks})",
            (expression, *rowids),
        )}
        return [self._result(rowid, *snippets[rowid]) for rowid in rowids]

    def _result(self, rowid: int, body: str, summary: str) -> SearchResult:
        article, section = self._rows[rowid - 1]
        # Prefer text where the words were found; a title- or question-only match shows the
        # section's opening words instead of repeating the heading.
        snippet = next((s for s in (body, summary) if OPEN_MARK in s), body or summary)
        return SearchResult(
            slug=article.slug, title=article.title, category=article.category,
            category_title=self._category_titles.get(article.category, article.category),
            anchor=section.anchor, question=section.heading, snippet=_render(snippet),
        )


class IndexCache:
    """Holds one SearchIndex and rebuilds it only when the library's content version changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._library: Library | None = None
        self._index: SearchIndex | None = None

    def get(self, library: Library) -> SearchIndex:
        """The index for this library, rebuilt only if its version differs from the last one."""
        with self._lock:
            last = self._library
            # An unversioned library cannot be compared by version, so only the same object counts.
            same = last is library or (
                last is not None and bool(library.version) and last.version == library.version
            )
            if self._index is None or not same:
                titles = {c.slug: c.title for c in library.categories}
                self._index = SearchIndex(library.articles.values(), titles)
                self._library = library
            return self._index


_cache = IndexCache()


def index_for(library: Library) -> SearchIndex:
    """The process-wide index for this library, rebuilt only when `library.version` changes."""
    return _cache.get(library)


def _render(raw: str) -> str:
    # Escape everything FTS5 returned, then turn only its sentinels into markup.
    return html.escape(raw).replace(OPEN_MARK, "<mark>").replace(CLOSE_MARK, "</mark>")
