"""What each article file yielded, kept on disk so a restart re-renders only what changed.

One SQLite file in the instance folder, shared by every process of the site: SQLite's locking
makes concurrent writers safe, and a half-written entry can't be seen. An entry is keyed by the
renderer's fingerprint, the file's path in the tree and its text, so an edit, a move or a change
to the renderer each simply miss. The cache is only ever a shortcut: an entry that can't be read
is rendered again, and a cache that can't be opened leaves the site parsing everything itself.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from . import frontmatter, render, sanitise
from .model import Problem
from .render import ArticleUrl, Rendered

log = logging.getLogger(__name__)
T = TypeVar("T")

# An entry no start has used for this long is deleted: long enough for an old release and a new
# one to share the cache during a rolling restart, short enough to keep the file near one library.
UNUSED_FOR = 24 * 3600.0
BATCH = 500  # keys per statement, well under SQLite's limit on bound parameters
SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL, used REAL NOT NULL)"


@dataclass(frozen=True)
class Entry:
    """What an article's text yields, whatever its file's name, time or place on the disk."""

    meta: dict[str, Any]
    lines: dict[str, int]
    problems: tuple[Problem, ...]  # with empty paths: the reader of the entry fills them in
    rendered: Rendered


def renderer_fingerprint(article_url: ArticleUrl) -> str:
    """Everything besides a file's text that shapes its entry: a change to any of it misses every entry."""
    parts = (
        render.RENDERER_VERSION, *(version(name) for name in ("markdown", "pyyaml", "nh3")),
        render.EXTENSIONS, sorted(render.EXTENSION_CONFIGS.items()), sorted(frontmatter.FIELDS),
        sorted(sanitise.ALLOWED_TAGS), sorted((k, sorted(v)) for k, v in sanitise.ALLOWED_ATTRIBUTES.items()),
        sorted(sanitise.URL_SCHEMES), article_url("{slug}"),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def entry_key(fingerprint: str, relative_path: str, text: str) -> str:
    """The key of one file's entry."""
    return hashlib.sha256(f"{fingerprint}\0{relative_path}\0{text}".encode()).hexdigest()


class ParseCache:
    """Entries by key in one SQLite file; every failure is logged and treated as a miss."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path, self.clock = Path(path), clock

    def get_many(self, keys: Iterable[str]) -> dict[str, Entry]:
        """The entries found for these keys (marking them used); unreadable ones are left out."""
        wanted = list(keys)

        def work(connection: sqlite3.Connection) -> dict[str, Entry]:
            found = {}
            for start in range(0, len(wanted), BATCH):
                batch = wanted[start:start + BATCH]
                marks = ",".join("?" * len(batch))
                for key, value in connection.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", batch):
                    entry = _load(value)
                    if entry is not None:
                        found[key] = entry
                # Marked at most hourly: rewriting every row on every start would cost more than reading them.
                now = self.clock()
                connection.execute(f"UPDATE entries SET used = ? WHERE used < ? AND key IN ({marks})",
                                   [now, now - 3600, *batch])
            return found

        return self._run(work, {}) if wanted else {}

    def put_many(self, entries: Mapping[str, Entry]) -> None:
        """Store these entries, replacing any under the same keys."""
        now = self.clock()
        rows = [(key, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), now) for key, entry in entries.items()]
        if rows:
            self._run(lambda connection: connection.executemany(
                "INSERT OR REPLACE INTO entries (key, value, used) VALUES (?, ?, ?)", rows), None)

    def prune(self) -> None:
        """Delete the entries no start has used for UNUSED_FOR seconds."""
        self._run(lambda connection: connection.execute(
            "DELETE FROM entries WHERE used < ?", (self.clock() - UNUSED_FOR,)), None)

    def _run(self, work: Callable[[sqlite3.Connection], T], otherwise: T) -> T:
        """work(connection) in one transaction; `otherwise` (logged) when the file is unusable."""
        # A connection per call: calls are a few per content change, and no connection may
        # cross a fork (gunicorn loads the library in its master before forking workers).
        for attempt in (1, 2):
            try:
                with closing(sqlite3.connect(self.path, timeout=30)) as connection, connection:
                    connection.execute(SCHEMA)
                    return work(connection)
            except sqlite3.DatabaseError as error:
                if attempt == 1 and _not_a_database(error):
                    log.warning("content cache %s is damaged (%s): starting it again", self.path, error)
                    for suffix in ("", "-journal", "-wal", "-shm"):
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                    continue
                log.warning("content cache %s unusable, rendering without it: %s", self.path, error)
        return otherwise


def _not_a_database(error: sqlite3.DatabaseError) -> bool:
    return "not a database" in str(error) or "malformed" in str(error)


def _load(value: bytes) -> Entry | None:
    # Only this site writes the instance folder (it holds the database too), so its pickles are trusted;
    # anything that doesn't unpickle into an Entry (a torn write, an older release's class) is a miss.
    try:
        entry = pickle.loads(value)
    except Exception:  # noqa: BLE001 (unpickling can raise nearly anything)
        return None
    return entry if isinstance(entry, Entry) else None
