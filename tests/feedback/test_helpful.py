"""The most helpful articles: ranked by readers' answers, offered when a search finds nothing."""
from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Flask
from flask.testing import FlaskClient

from helpcentre.content.model import Article
from helpcentre.feedback.helpful import most_helpful
from helpcentre.feedback.report import Tally
from tests.helpers.feedback import record_votes
from tests.helpers.htmx import HX

AT = datetime(2026, 11, 2, tzinfo=UTC)


def article(slug: str, revision: str = "r1") -> Article:
    return Article(slug=slug, category="c", title=slug.title(), html="", revision=revision)


def test_ranks_by_the_wilson_bound_of_yes_not_the_plain_share() -> None:
    articles = [article("a"), article("b"), article("c")]
    tallies = [Tally("a", "r1", "yes", None, 1),  # 1 of 1: sure of little
               Tally("b", "r1", "yes", None, 45), Tally("b", "r1", "no", None, 5)]
    assert [a.slug for a in most_helpful(articles, tallies)] == ["b", "a", "c"]


def test_mostly_unhelpful_articles_come_after_unanswered_ones() -> None:
    articles = [article("poor"), article("unknown"), article("good")]
    tallies = [Tally("poor", "r1", "yes", None, 1), Tally("poor", "r1", "no", None, 8),
               Tally("good", "r1", "yes", None, 2)]
    assert [a.slug for a in most_helpful(articles, tallies)] == ["good", "unknown", "poor"]


def test_unanswered_articles_follow_in_the_editors_order_and_limit_applies() -> None:
    articles = [article(s) for s in ("first", "second", "third", "fourth")]
    tallies = [Tally("third", "r1", "yes", None, 3)]
    assert [a.slug for a in most_helpful(articles, tallies, limit=3)] == ["third", "first", "second"]


def test_answers_to_an_older_revision_do_not_count() -> None:
    articles = [article("a", revision="new"), article("b")]
    tallies = [Tally("a", "old", "yes", None, 50), Tally("b", "r1", "yes", None, 2)]
    assert [a.slug for a in most_helpful(articles, tallies)] == ["b", "a"]


def _links(html: str) -> list[str]:
    return re.findall(r'href="/articles/([^"#]+)"', html)


def test_fragment_follows_readers_votes(app: Flask, client: FlaskClient) -> None:
    record_votes(app, "track-an-order", yes=9, no=0, at=AT)
    record_votes(app, "sign-in", yes=1, no=8, at=AT)
    response = client.get("/most-helpful", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert _links(html)[0] == "track-an-order"
    assert _links(html)[-1] == "sign-in"  # mostly unhelpful: after the unanswered ones
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert "HX-Request" in response.headers["Vary"]


def test_without_htmx_it_is_a_page(app: Flask, client: FlaskClient) -> None:
    html = client.get("/most-helpful").get_data(as_text=True)
    assert "<html" in html and "<h1>Most helpful answers</h1>" in html
    assert "secret-plan" not in html  # drafts are never offered


def test_no_results_page_holds_the_editors_choice_inside_the_island(client: FlaskClient) -> None:
    html = client.get("/search?q=zzqxv").get_data(as_text=True)
    island = html[html.index('class="helpful-island"'):html.index('class="search-contact"')]
    assert 'hx-get="/most-helpful" hx-trigger="load"' in island
    assert _links(island)[0] == "sign-in"  # the editors' first article, for readers without JavaScript
