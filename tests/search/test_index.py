"""The search index on hand-built articles: ranking, word matching, hostile queries, escaping."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from helpcentre.content.model import Article, Category, Library, Section
from helpcentre.search import index as search_index
from helpcentre.search.index import IndexCache, SearchIndex, index_for, normalise_query

CATEGORIES = {"account": "Your account", "billing": "Billing"}


def article(slug: str, title: str, intro: str = "", *questions: tuple[str, str, str], **extra: Any) -> Article:
    """An article with an intro and (anchor, heading, text) questions."""
    sections = (Section("", "", intro), *(Section(*q) for q in questions))
    return Article(slug=slug, category=extra.pop("category", "account"), title=title, html="",
                   sections=sections, **extra)


ARTICLES = [
    article("reset-password", "Reset your password", "Forgotten it? You can choose a new one.",
            ("by-email", "How do I get a reset email?", "We send a link to your inbox."),
            summary="Choose a new password when you have forgotten the old one."),
    article("security-tips", "Keeping your account safe", "Some advice on staying secure.",
            ("strong", "What makes a good passphrase?", "Long phrases beat a short password.")),
    article("register", "Create an account", "Register with your email address.",
            ("verify", "Why verify my email?", "Verificacion proves the address is yours."),
            ("spanish", "Cuenta en español", "La verificación de la cuenta tarda un minuto."),
            ("tags", "Can I use formatting?", "Typing <b>bold</b> or <script>alert(1)</script> is shown as text.")),
    article("invoices", "Download invoices", "Invoices are PDF files.", category="billing",
            summary="Where to find every invoice."),
    article("secret-plans", "Upcoming password vault", "Password vault launch.", draft=True),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(ARTICLES, CATEGORIES)


def slugs(index: SearchIndex, query: str) -> list[str]:
    return [r.slug for r in index.search(query)]


def test_title_match_ranks_above_body_only_match(index: SearchIndex) -> None:
    assert slugs(index, "password")[:2] == ["reset-password", "security-tips"]


def test_each_article_appears_once(index: SearchIndex) -> None:
    found = slugs(index, "email")
    assert len(found) == len(set(found))


def test_prefix_of_the_last_word(index: SearchIndex) -> None:
    assert "reset-password" in slugs(index, "passw")
    assert slugs(index, "reset passw") == ["reset-password"]


@pytest.mark.parametrize(("query", "slug"), [("passwords", "reset-password"), ("registering", "register")])
def test_stemming(index: SearchIndex, query: str, slug: str) -> None:
    assert slug in slugs(index, query)


@pytest.mark.parametrize("query", ["verificación", "verificacion", "VERIFICACIÓN", "verificacio\u0301n"])
def test_diacritics_and_case_are_folded(index: SearchIndex, query: str) -> None:
    results = index.search(query)
    assert [r.slug for r in results] == ["register"]
    assert results[0].snippet.count("<mark>") >= 1


def test_diacritics_folded_in_indexed_text() -> None:
    built = SearchIndex([article("a", "Plain", "la verificación")], {})
    assert slugs(built, "verificacion") == ["a"]


HOSTILE = ['"', '"unbalanced', "*", "-", "NEAR", "NEAR(a b)", "AND", "OR", "a OR", "(", ")", "((",
           "title:foo", "^start", "\x00\x01", "😀", "password 😀", 'a"b*c-d',
           "\ue000password\ue001", "password" + "\x00" * 300, "'; DROP TABLE sections; --"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(index: SearchIndex, query: str) -> None:
    results = index.search(query)
    assert isinstance(results, list)
    assert all("<mark>" not in r.title for r in results)


def test_operators_are_plain_words(index: SearchIndex) -> None:
    assert slugs(index, "password 😀") == slugs(index, "password")
    assert slugs(index, "NEAR") == []
    assert slugs(index, "title:password")[0] == "reset-password"


def test_script_query_is_escaped_in_snippet(index: SearchIndex) -> None:
    results = index.search("<script>alert(1)</script>")
    assert [r.slug for r in results] == ["register"]
    snippet = results[0].snippet
    assert "<script" not in snippet and "&lt;<mark>script</mark>&gt;" in snippet
    assert "&lt;b&gt;" in snippet and "<b>" not in snippet
    assert "<mark>script</mark>" in snippet


def test_sentinels_in_article_text_cannot_inject_marks() -> None:
    built = SearchIndex([article("a", "Plain", "word \ue000<i>\ue001 other")], {})
    assert built.search("word")[0].snippet == "<mark>word</mark> &lt;i&gt; other"


def test_match_inside_a_question_links_to_its_anchor(index: SearchIndex) -> None:
    result = index.search("passphrase")[0]
    assert (result.slug, result.anchor, result.question) == ("security-tips", "strong", "What makes a good passphrase?")
    result = index.search("inbox")[0]
    assert (result.anchor, result.category_title) == ("by-email", "Your account")


def test_title_only_match_links_to_the_top(index: SearchIndex) -> None:
    result = index.search("download")[0]
    assert (result.slug, result.anchor, result.question) == ("invoices", "", "")
    assert result.category == "billing" and result.category_title == "Billing"


def test_drafts_are_never_found(index: SearchIndex) -> None:
    assert "secret-plans" not in slugs(index, "vault") + slugs(index, "password")


@pytest.mark.parametrize("query", ["", "   ", "a", " p ", "\x00a\x01"])
def test_empty_and_one_character_queries(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_normalise_query() -> None:
    assert normalise_query("  reset\t\n  my\x00 password  ") == "reset my password"
    long = "password " + "x" * 300
    assert normalise_query(long) == long[:200]
    assert len(normalise_query("é" * 250)) == 200


def test_words_beyond_200_characters_are_ignored(index: SearchIndex) -> None:
    padding = ("password " * 30)[:200]
    assert normalise_query(padding + " invoices") == padding
    assert "invoices" not in slugs(index, padding + " invoices")


def test_or_fallback_when_a_word_is_misspelt(index: SearchIndex) -> None:
    assert slugs(index, "reset pasword account")  # "pasword" matches nothing, the others do
    assert slugs(index, "zzqx yyqw") == []


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("password", limit=1)) == 1
    assert index.search("password", limit=0) == []
    assert len(index.search("account", limit=10**30)) == len(index.search("account"))
    assert SearchIndex([], {}).search("password") == []


def test_searches_from_several_threads(index: SearchIndex) -> None:
    expected = slugs(index, "password")
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda _: slugs(index, "password"), range(64)))
    assert found == [expected] * 64


def test_rebuilding_finds_a_new_article() -> None:
    added = article("refunds", "Ask for a refund", "Refunds take five days.", category="billing")
    assert slugs(SearchIndex(ARTICLES, CATEGORIES), "refund") == []
    assert slugs(SearchIndex([*ARTICLES, added], CATEGORIES), "refund") == ["refunds"]


def library(version: str, articles: list[Article]) -> Library:
    return Library(categories=(Category("account", "Your account"),),
                   articles={a.slug: a for a in articles}, version=version)


def test_cache_rebuilds_only_when_the_version_changes() -> None:
    cache = IndexCache()
    added = article("refunds", "Ask for a refund", "Refunds take five days.")
    first = cache.get(library("v1", ARTICLES))
    assert cache.get(library("v1", [*ARTICLES, added])) is first  # same version: kept
    second = cache.get(library("v2", [*ARTICLES, added]))
    assert second is not first and slugs(second, "refund") == ["refunds"]
    assert second.search("password")[0].category_title == "Your account"


def test_unversioned_libraries_are_told_apart_by_identity() -> None:
    cache = IndexCache()
    old = library("", ARTICLES)
    assert cache.get(old) is cache.get(old)
    assert slugs(cache.get(library("", [article("new", "Brand new", "")])), "brand") == ["new"]


def test_index_for_is_cached_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "_cache", IndexCache())
    snapshot = library("v7", ARTICLES)
    assert index_for(snapshot) is index_for(library("v7", []))
    assert index_for(library("v8", [])) is not index_for(snapshot)
