"""A small per-process LRU of search results, keyed by content version and normalised query.

Readers repeat each other's queries ("password", "refund"), and live search asks again for a
query whenever the reader pauses on it, so most searches can skip the index. Results belong to
one content version: a new version empties the cache, exactly as it rebuilds the index.
"""
from __future__ import annotations

from helpcentre.content.model import Library
from helpcentre.versioned import VersionedCache

from .index import SearchIndex, SearchResult, index_for, normalise_query

RESULTS_LIMIT = 10  # what one results page shows; there is no paging


class ResultCache:
    """The last `size` distinct queries' results for the current content version."""

    def __init__(self, size: int = 1024) -> None:
        self._results: VersionedCache[tuple[str, int], tuple[SearchResult, ...]] = VersionedCache(size)

    def search(self, library: Library, index: SearchIndex, query: str,
               limit: int = RESULTS_LIMIT) -> tuple[SearchResult, ...]:
        """The index's results for the query, from the cache when this version already ran it."""
        if not library.version:  # an unversioned library cannot tell stale results apart
            return tuple(index.search(query, limit))
        return self._results.get(library.version, (normalise_query(query), limit),
                                 lambda: tuple(index.search(query, limit)))


_results = ResultCache()


def search_library(library: Library, query: str, limit: int = RESULTS_LIMIT) -> tuple[SearchResult, ...]:
    """Search the published articles of this content snapshot, through the process's caches."""
    return _results.search(library, index_for(library), query, limit)
