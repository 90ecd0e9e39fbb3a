"""The per-version LRU behind the page cache and the search results cache."""
from __future__ import annotations

from helpcentre.versioned import VersionedCache


def test_a_hit_is_not_computed_again_and_a_new_version_starts_empty() -> None:
    cache: VersionedCache[str, int] = VersionedCache(limit=4)
    computed: list[str] = []
    compute = lambda key: lambda: computed.append(key) or len(computed)  # noqa: E731
    assert cache.get("v1", "a", compute("a")) == 1
    assert cache.get("v1", "a", compute("a")) == 1
    assert cache.get("v2", "a", compute("a")) == 2
    assert computed == ["a", "a"]


def test_the_least_recently_used_key_goes_first() -> None:
    cache: VersionedCache[str, str] = VersionedCache(limit=2)
    for key in ("a", "b", "a", "c"):
        cache.get("v1", key, lambda: "computed")
    assert cache.get("v1", "a", lambda: "again") == "computed"  # used recently, kept
    assert cache.get("v1", "b", lambda: "again") == "again"  # evicted by "c"


def test_a_value_computed_while_the_version_changed_is_not_kept() -> None:
    cache: VersionedCache[str, str] = VersionedCache(limit=4)

    def slow_old_render() -> str:
        cache.get("v2", "other", lambda: "new")  # another thread sees new content meanwhile
        return "old"

    assert cache.get("v1", "page", slow_old_render) == "old"
    assert cache.get("v2", "page", lambda: "new page") == "new page"
