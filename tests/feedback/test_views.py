"""The feedback widget over HTTP: votes, the follow-up, the reader cookie and every refusal."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeSerializer

from helpcentre.feedback.reader import COOKIE
from tests.helpers.feedback import ORIGIN, REFERER, explain, post, reader_cookie, rows, token, vote
from tests.helpers.htmx import HX

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def config_overrides() -> dict:
    return {"CLOCK": lambda: NOW}


def text(response) -> str:
    return response.get_data(as_text=True)


def test_article_page_holds_the_question_and_an_island_that_loads_only_on_a_hint(client: FlaskClient) -> None:
    html = text(client.get("/articles/sign-in"))
    island = html[html.index('<section id="feedback"'):html.index("</section>")]
    assert 'hx-get="/articles/sign-in/feedback" hx-trigger="hinted, account-changed from:body"' in island
    assert 'data-hint="hc_session hc_reader"' in island
    assert '<form id="feedback-widget" class="feedback-widget" action="/articles/sign-in/feedback" method="post"' in island
    assert "Was this information helpful?" in island and 'name="vote" value="yes"' in island
    assert "csrf" not in html


def test_widget_for_htmx_is_a_fragment_with_the_question_and_two_buttons(client: FlaskClient) -> None:
    client.get("/account/login")  # a reader with a session gets its token in the form
    response = client.get("/articles/sign-in/feedback", headers=HX)
    html = text(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<form id="feedback-widget"')
    assert 'hx-post="/articles/sign-in/feedback" hx-target="this" hx-swap="outerHTML"' in html
    assert 'action="/articles/sign-in/feedback" method="post"' in html
    assert "Was this information helpful?" in html
    assert 'name="vote" value="yes"' in html and 'name="vote" value="no"' in html
    assert 'name="csrf_token"' in html
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]


def test_widget_without_htmx_is_a_full_page_with_a_link_back(client: FlaskClient) -> None:
    response = client.get("/articles/sign-in/feedback")
    html = text(response)
    assert response.status_code == 200
    assert "<html" in html and "<h1>Signing in</h1>" in html
    assert '<form id="feedback-widget"' in html
    assert 'href="/articles/sign-in">Back to “Signing in”</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]


def test_boosted_request_gets_the_full_page(client: FlaskClient) -> None:
    html = text(client.get("/articles/sign-in/feedback", headers={**HX, "HX-Boosted": "true"}))
    assert "<html" in html


def test_yes_swaps_in_glad_and_stores_one_row_with_revision_and_time(app: Flask, client: FlaskClient) -> None:
    response = vote(client, "sign-in", "yes")
    html = text(response)
    assert response.status_code == 200
    assert "<html" not in html and "Glad to know this article helped" in html
    assert response.headers["Cache-Control"] == "no-store"
    [row] = rows(app)
    with app.app_context():
        revision = app.extensions["content_store"].library().articles["sign-in"].revision
    assert (row.article_slug, row.vote, row.reason, row.comment) == ("sign-in", "yes", None, None)
    assert row.article_revision == revision and len(revision) == 16
    assert row.reader_key.startswith("anon:")
    created = row.created_at.replace(tzinfo=row.created_at.tzinfo or UTC)
    assert created == NOW


def test_no_thanks_and_offers_the_follow_up_and_a_person(app: Flask, client: FlaskClient) -> None:
    html = text(vote(client, "sign-in", "no"))
    assert "Thank you for letting us know" in html
    assert "What were you looking for?" in html
    for label in ("The answer was unclear", "The information was wrong or out of date",
                  "It didn&#39;t answer my question", "Something else"):
        assert label in html
    assert 'hx-post="/articles/sign-in/feedback/reason" hx-target="closest .feedback-widget"' in html
    assert 'maxlength="1000"' in html
    assert '<div class="feedback-contact">' in html  # what it offers: test_feedback_after_no.py
    assert [r.vote for r in rows(app)] == ["no"]


def test_follow_up_stores_reason_and_comment_and_ends_on_thanks(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    response = explain(client, "sign-in", reason="wrong", comment="  The prices changed.  ")
    html = text(response)
    assert response.status_code == 200 and "<html" not in html
    assert "Thank you for telling us more" in html and "<form" not in html
    assert '<div class="feedback-contact">' in html  # what it offers: test_feedback_after_no.py
    [row] = rows(app)
    assert (row.vote, row.reason, row.comment) == ("no", "wrong", "The prices changed.")


def test_changing_the_vote_updates_the_one_row_and_drops_the_old_reason(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    explain(client, "sign-in", reason="unclear", comment="Hard to follow")
    vote(client, "sign-in", "no")
    assert [(r.vote, r.reason, r.comment) for r in rows(app)] == [("no", "unclear", "Hard to follow")]
    vote(client, "sign-in", "yes")
    vote(client, "sign-in", "yes")
    assert [(r.vote, r.reason, r.comment) for r in rows(app)] == [("yes", None, None)]


def test_returning_reader_sees_their_earlier_answer(client: FlaskClient) -> None:
    assert "Your answer" not in text(client.get("/articles/sign-in/feedback", headers=HX))
    vote(client, "sign-in", "no")
    html = text(client.get("/articles/sign-in/feedback", headers=HX))
    assert "Your answer: <strong>No</strong>" in html
    assert 'value="no" class="chosen"' in html and 'value="yes" class="secondary"' in html
    assert "Your answer" not in text(client.get("/articles/track-an-order/feedback", headers=HX))


def test_reader_cookie_is_set_only_at_the_first_vote_signed_httponly_lax(app: Flask, client: FlaskClient) -> None:
    for path in ("/articles/sign-in", "/articles/sign-in/feedback"):
        response = client.get(path, headers=HX if path.endswith("feedback") else {})
        assert COOKIE not in response.headers.get("Set-Cookie", "")
    assert reader_cookie(client) is None
    first = vote(client, "sign-in", "yes")
    [set_cookie] = [h for h in first.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "=")]
    assert "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie and "Secure" in set_cookie
    value = reader_cookie(client)
    token_in_cookie = URLSafeSerializer("test-secret", salt="helpcentre.feedback.reader").loads(value)
    assert rows(app)[0].reader_key == f"anon:{token_in_cookie}"
    again = vote(client, "track-an-order", "yes")
    assert not [h for h in again.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "=")]
    assert {r.reader_key for r in rows(app)} == {f"anon:{token_in_cookie}"}


def test_a_forged_reader_cookie_counts_as_a_new_reader(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "yes")
    genuine = rows(app)[0].reader_key
    client.set_cookie(COOKIE, "anon-someone-else.forged-signature")
    response = vote(client, "sign-in", "no")
    assert any(h.startswith(COOKIE + "=") for h in response.headers.getlist("Set-Cookie"))
    assert [(r.reader_key == genuine, r.vote) for r in rows(app)] == [(True, "yes"), (False, "no")]


@pytest.mark.parametrize("hx", [True, False])
def test_missing_or_wrong_csrf_token_is_400_and_stores_nothing(app: Flask, client: FlaskClient, hx: bool) -> None:
    token(client)
    # No Origin or Referer either (a browser that sends neither), so only the token could vouch.
    for data in ({"vote": "yes"}, {"vote": "yes", "csrf_token": "not-a-token"}):
        response = client.post("/articles/sign-in/feedback", data=data, headers=HX if hx else {})
        assert response.status_code == 400
        assert "Your session expired, please try again." in text(response)
        assert ("<html" in text(response)) is not hx
    response = client.post("/articles/sign-in/feedback/reason", data={"reason": "wrong"}, headers=HX if hx else {})
    assert response.status_code == 400
    assert rows(app) == [] and reader_cookie(client) is None


@pytest.mark.parametrize("bad", ["maybe", "", "YES"])
def test_a_vote_other_than_yes_or_no_is_422_in_the_widget(app: Flask, client: FlaskClient, bad: str) -> None:
    response = post(client, "/articles/sign-in/feedback", {"csrf_token": token(client), "vote": bad})
    assert response.status_code == 422
    assert "Please answer Yes or No." in text(response) and 'id="feedback-widget"' in text(response)
    assert rows(app) == [] and reader_cookie(client) is None


def test_missing_vote_without_htmx_is_422_on_the_page(app: Flask, client: FlaskClient) -> None:
    response = post(client, "/articles/sign-in/feedback", {"csrf_token": token(client)}, hx=False)
    assert response.status_code == 422 and "<html" in text(response)
    assert "Please answer Yes or No." in text(response)


@pytest.mark.parametrize(("fields", "message"), [
    ({"reason": "bored"}, "Please choose one of the reasons listed."),
    ({"reason": "wrong", "comment": "x" * 1001}, "Please keep your comment to 1,000 characters or fewer."),
    ({"comment": "   "}, "Please choose a reason or write a comment."),
    ({}, "Please choose a reason or write a comment."),
])
def test_bad_follow_up_is_422_with_the_message_and_stores_nothing(
        app: Flask, client: FlaskClient, fields: dict, message: str) -> None:
    vote(client, "sign-in", "no")
    response = explain(client, "sign-in", **fields)
    assert response.status_code == 422
    assert message in text(response) and "What were you looking for?" in text(response)
    assert [(r.reason, r.comment) for r in rows(app)] == [(None, None)]


def test_a_rejected_comment_is_shown_back_escaped(client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    html = text(explain(client, "sign-in", reason="nope", comment='<script>alert("x")</script>'))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_the_longest_valid_comment_in_any_script_is_accepted(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    # 1,000 characters of 4-byte UTF-8, percent-encoded: the largest body a valid answer can need.
    longest = "\N{GRINNING FACE}" * 1000
    assert explain(client, "sign-in", reason="other", comment=longest).status_code == 200
    assert rows(app)[0].comment == longest


def test_line_breaks_count_as_one_character_as_the_browser_counts_them(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    sent = "ab\r\n" * 333 + "a"  # 1,000 characters in the textarea, 1,333 on the wire
    assert explain(client, "sign-in", comment=sent).status_code == 200
    assert rows(app)[0].comment == "ab\n" * 333 + "a"


def test_follow_up_without_a_no_is_422_and_stores_nothing(app: Flask, client: FlaskClient) -> None:
    response = explain(client, "sign-in", reason="wrong")
    assert response.status_code == 422 and "Please answer Yes or No first." in text(response)
    vote(client, "sign-in", "yes")
    assert explain(client, "sign-in", reason="wrong").status_code == 422
    assert [(r.vote, r.reason) for r in rows(app)] == [("yes", None)]


@pytest.mark.parametrize("slug", ["no-such-article", "secret-plan"])
def test_unknown_or_draft_article_is_404_and_stores_nothing(app: Flask, client: FlaskClient, slug: str) -> None:
    assert client.get(f"/articles/{slug}/feedback").status_code == 404
    csrf = token(client)
    for path, data in ((f"/articles/{slug}/feedback", {"vote": "yes"}),
                       (f"/articles/{slug}/feedback/reason", {"reason": "wrong"})):
        response = post(client, path, {"csrf_token": csrf, **data})
        assert response.status_code == 404 and "We couldn&#39;t find that page." in text(response)
    assert rows(app) == []


def test_a_body_over_the_feedback_limit_is_413_and_stores_nothing(app: Flask, client: FlaskClient) -> None:
    csrf = token(client)
    response = post(client, "/articles/sign-in/feedback", {"csrf_token": csrf, "vote": "yes", "pad": "x" * 13000})
    assert response.status_code == 413
    assert "That was more than we can accept" in text(response)
    vote(client, "sign-in", "no")
    too_big = explain(client, "sign-in", reason="other", comment="\N{GRINNING FACE}" * 1100)
    assert too_big.status_code == 413
    assert [(r.vote, r.comment) for r in rows(app)] == [("no", None)]


def test_the_article_page_is_the_same_bytes_after_voting(client: FlaskClient) -> None:
    before = client.get("/articles/sign-in")
    vote(client, "sign-in", "no")
    explain(client, "sign-in", reason="unclear")
    after = client.get("/articles/sign-in")
    assert after.data == before.data and after.headers["ETag"] == before.headers["ETag"]
    assert "Set-Cookie" not in after.headers
    assert "Your answer" not in text(after)


def test_no_js_flow_yes_ends_on_a_page_with_the_message_and_a_link_back(app: Flask, client: FlaskClient) -> None:
    page = text(client.get("/articles/sign-in"))
    assert 'action="/articles/sign-in/feedback" method="post"' in page  # the static page's own form
    response = client.post("/articles/sign-in/feedback", data={"vote": "yes"}, headers={**REFERER, **ORIGIN})
    assert response.status_code == 303
    assert response.headers["Location"] == "/articles/sign-in/feedback?step=thanks"
    assert reader_cookie(client) is not None
    result = text(client.get(response.headers["Location"]))
    assert "<html" in result and "Glad to know this article helped" in result
    assert 'href="/articles/sign-in">Back to “Signing in”</a>' in result
    assert [r.vote for r in rows(app)] == ["yes"]


def test_no_js_flow_no_then_reason_ends_on_thanks_with_a_link_back(app: Flask, client: FlaskClient) -> None:
    response = vote(client, "track-an-order", "no", hx=False)
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "Thank you for letting us know" in page and 'action="/articles/track-an-order/feedback/reason"' in page
    assert '<a href="/support">Contact service and support</a>' in page
    sent = explain(client, "track-an-order", hx=False, reason="unanswered", comment="Where is the map?")
    assert sent.status_code == 303
    assert sent.headers["Location"] == "/articles/track-an-order/feedback?step=done"
    done = text(client.get(sent.headers["Location"]))
    assert "Thank you for telling us more" in done and "<html" in done
    assert 'href="/articles/track-an-order">Back to “Tracking an order”</a>' in done
    assert [(r.vote, r.reason, r.comment) for r in rows(app)] == [("no", "unanswered", "Where is the map?")]


def test_a_step_page_without_an_answer_shows_the_question(client: FlaskClient) -> None:
    html = text(client.get("/articles/sign-in/feedback?step=thanks"))
    assert "Was this information helpful?" in html and "Glad to know" not in html
