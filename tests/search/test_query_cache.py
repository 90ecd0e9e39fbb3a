"""Query words (prefixes, function words), the results cache and the no-results suggestions."""
from __future__ import annotations

import pytest

from helpcentre.content.model import Article, Category, Library, Section
from helpcentre.search.cache import ResultCache
from helpcentre.search.helpful import helpful_articles
from helpcentre.search.index import SearchIndex
from helpcentre.search.query import match_expression, search_words


def article(slug: str, title: str, text: str, **extra: object) -> Article:
    return Article(slug=slug, category=str(extra.pop("category", "account")), title=title, html="",
                   sections=(Section("", "", text),), **extra)  # type: ignore[arg-type]


ARTICLES = [
    article("reset", "Reset your password", "Choose a new one by email."),
    article("parcel", "Track a parcel", "Pa is short for parent account."),
    article("themes", "Change the theme", "Dark and light themes."),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(ARTICLES, {})


def slugs(index: SearchIndex, query: str) -> list[str]:
    return [r.slug for r in index.search(query)]


@pytest.mark.parametrize(("words", "expression"), [
    (["passw"], '"passw"*'),
    (["reset", "pass"], '"reset" AND "pass"*'),
    (["reset", "pa"], '"reset" AND "pa"'),
    (["p", "x"], '"p" AND "x"'),
    (["pass"], '"pass"*'),
    (["pas"], '"pas"'),  # porter makes it "pa", two letters
    (["ties"], '"ties"'),  # "ti"
    (["tier"], '"tier"*'),
])
def test_only_a_last_word_of_three_or_more_characters_is_a_prefix(words: list[str], expression: str) -> None:
    assert match_expression(words) == expression


def test_a_two_letter_last_word_is_matched_whole(index: SearchIndex) -> None:
    assert slugs(index, "pa") == ["parcel"]  # the word "pa", not every word starting with it
    assert slugs(index, "pass") == ["reset"]  # from three letters on, a prefix


def test_function_words_are_left_out_when_other_words_remain() -> None:
    assert search_words(["How", "do", "I", "reset", "my", "password"]) == ["reset", "password"]
    assert search_words(["the", "who"]) == ["the", "who"]  # nothing else left: searched as typed


def test_a_question_finds_the_article_that_words_it_differently(index: SearchIndex) -> None:
    assert slugs(index, "how do i reset my password") == ["reset"]
    assert slugs(index, "the") == ["themes"]  # "the" alone is searched, as a prefix


def library(version: str) -> Library:
    return Library(articles={a.slug: a for a in ARTICLES}, version=version)


class CountingIndex(SearchIndex):
    def __init__(self) -> None:
        super().__init__(ARTICLES, {})
        self.calls = 0

    def search(self, query: str, limit: int = 20) -> list:  # type: ignore[override]
        self.calls += 1
        return super().search(query, limit)


def test_cache_answers_a_repeated_normalised_query_without_the_index() -> None:
    cache, counting = ResultCache(), CountingIndex()
    first = cache.search(library("v1"), counting, "password")
    assert cache.search(library("v1"), counting, "  password ") == first
    assert counting.calls == 1 and [r.slug for r in first] == ["reset"]


def test_cache_is_emptied_by_a_new_content_version() -> None:
    cache, counting = ResultCache(), CountingIndex()
    cache.search(library("v1"), counting, "password")
    cache.search(library("v2"), counting, "password")
    cache.search(library("v1"), counting, "password")  # v1's entries went with the version change
    assert counting.calls == 3


def test_cache_keeps_only_the_most_recent_queries() -> None:
    cache, counting = ResultCache(size=2), CountingIndex()
    for query in ("password", "parcel", "password", "theme", "password", "parcel"):
        cache.search(library("v1"), counting, query)
    assert counting.calls == 4  # "parcel" was evicted by "theme", "password" was kept as recently used


def test_unversioned_libraries_are_never_cached() -> None:
    cache, counting = ResultCache(), CountingIndex()
    cache.search(library(""), counting, "password")
    cache.search(library(""), counting, "password")
    assert counting.calls == 2


def test_helpful_articles_follow_editor_order_without_drafts() -> None:
    snapshot = Library(
        categories=(Category("a", "A", order=1), Category("b", "B", order=2)),  # sorted, as the store does
        articles={a.slug: a for a in [
            article("b1", "B one", "", category="b"), article("a2", "A two", "", category="a", order=2),
            article("a1", "A one", "", category="a", order=1), article("a0", "Draft", "", category="a", draft=True),
        ]},
    )
    assert [a.slug for a in helpful_articles(snapshot, 2)] == ["a1", "a2"]
    assert [a.slug for a in helpful_articles(snapshot, 10)] == ["a1", "a2", "b1"]
