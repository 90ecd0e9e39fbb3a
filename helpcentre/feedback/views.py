"""The feedback island: ask, take the vote, take the follow-up after a No.

One URL, /articles/<slug>/feedback, answers the widget fragment to htmx and a plain page
otherwise, so the same flow works with JavaScript off (POST, 303, result page). The question
itself is part of the static article page; readers with no session vote without a token, and
their POSTs are checked by origin instead (same_origin.py says why).
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, request, session, url_for
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from ..clock import now
from ..content import current_library
from ..content.model import Article
from ..errors import SESSION_EXPIRED, render_error
from ..extensions import limiter
from ..forms import validated
from ..htmx import private, public, render, see_other, wants_fragment
from ..same_origin import CrossSiteRequest, token_or_same_origin
from . import helpful, reader, store
from .forms import FollowUpForm, VoteForm, first_error

bp = Blueprint("feedback", __name__)

THANKS = {"yes": "feedback/_thanks_yes.html", "no": "feedback/_thanks_no.html"}
WIDGET = "feedback/_widget.html"
HELPFUL_LIMIT = 5
HELPFUL_MAX_AGE = 300  # the ranking moves slowly; a few minutes' lag costs nothing
TOO_MANY = "You've sent a lot of answers in a short time. Please wait a minute and try again."
TOO_LARGE = "That was more than we can accept. Please keep your comment to 1,000 characters."
CROSS_SITE = "We couldn't tell that this answer came from our page. Please reload the page and try again."
# Votes and follow-ups share one budget per client address.
throttle = limiter.shared_limit(lambda: current_app.config["FEEDBACK_RATE_LIMIT"], scope="feedback")


@bp.url_value_preprocessor
def limit_body(_endpoint: str | None, _values: dict[str, Any] | None) -> None:
    """Accept only small bodies here: this runs before any hook reads the form (CSRF included)."""
    request.max_content_length = current_app.config["FEEDBACK_MAX_BODY"]


def _article(slug: str) -> Article:
    article = current_library().article(slug)
    if article is None:
        abort(404)
    return article


def _respond(article: Article, template: str, status: int = 200, **context: Any) -> Response:
    """The fragment for htmx, else the plain page around it; personal, so never stored by caches.

    Forms carry the session's CSRF token only when there is a session: a reader without one
    is checked by origin, and is not given a session (and its cookie) just to hold a token.
    """
    token = generate_csrf() if session else None
    context = {"article": article, "slug": article.slug, "earlier": None, "message": None, "token": token,
               **context}
    return private(render(template, status, page="feedback/page.html", **context))


def _done(article: Article, template: str, step: str, **context: Any) -> Response:
    """After a successful POST: the fragment for htmx, else 303 to the page that shows it."""
    if wants_fragment():
        return _respond(article, template, **context)
    return private(see_other(url_for("feedback.ask", slug=article.slug, step=step)))


@bp.get("/articles/<slug>/feedback")
def ask(slug: str) -> Response:
    """The question with the reader's earlier answer (or, after a no-JS POST, its thank-you)."""
    article = _article(slug)
    key = reader.current_reader()
    earlier = store.answer_of(slug, key) if key else None
    step = request.args.get("step")
    if earlier and step == "thanks":
        return _respond(article, THANKS[earlier.vote], form=FollowUpForm(formdata=None))
    if earlier and earlier.vote == "no" and step == "done":
        return _respond(article, THANKS["no"], form=None)
    return _respond(article, WIDGET, form=VoteForm(formdata=None), earlier=earlier)


@bp.get("/most-helpful")
def most_helpful() -> Response:
    """The articles readers found most helpful: same for everyone, so shared caches may keep it."""
    articles = helpful.most_helpful(current_library().published(), store.tallies(), HELPFUL_LIMIT)
    return public(render("feedback/_most_helpful.html", page="feedback/most_helpful.html", articles=articles),
                  HELPFUL_MAX_AGE)


@bp.post("/articles/<slug>/feedback")
@token_or_same_origin
@throttle
def vote(slug: str) -> Response:
    """Record Yes or No for this reader (changing an earlier vote), then thank them."""
    article = _article(slug)
    form = VoteForm()
    if not form.validate():
        return _respond(article, WIDGET, 422, form=form, message=first_error(form))
    key, new_token = reader.reader_for_vote()
    answer = validated(form.vote.data)
    store.record_vote(slug=slug, reader=key, vote=answer, revision=article.revision, at=now())
    response = _done(article, THANKS[answer], "thanks", form=FollowUpForm(formdata=None))
    if new_token:
        reader.remember(response, new_token)
    return response


@bp.post("/articles/<slug>/feedback/reason")
@token_or_same_origin
@throttle
def explain(slug: str) -> Response:
    """Add what the reader was looking for to their No, then thank them."""
    article = _article(slug)
    form = FollowUpForm()
    if not form.validate():
        return _respond(article, THANKS["no"], 422, form=form, message=first_error(form))
    key = reader.current_reader()
    reason, comment = form.answer()
    if key is None or not store.explain(slug=slug, reader=key, reason=reason, comment=comment,
                                        at=now()):
        return _respond(article, WIDGET, 422, form=VoteForm(formdata=None),
                        message="Please answer Yes or No first.")
    return _done(article, THANKS["no"], "done", form=None)


def _widget_error(status: int, message: str) -> Response:
    """The widget again, with the message and a fresh form, in place of a generic error page."""
    article = current_library().article((request.view_args or {}).get("slug", ""))
    if article is None:
        return render_error(status, message)
    # formdata=None: the body may be the very thing that was refused.
    return _respond(article, WIDGET, status, form=VoteForm(formdata=None), message=message)


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> Response:
    """400: the token was missing or stale, or a session-less POST came from elsewhere; nothing was stored.

    400 rather than 403, so htmx swaps the message in (htmx.py's responseHandling).
    """
    return _widget_error(400, CROSS_SITE if isinstance(error, CrossSiteRequest) else SESSION_EXPIRED)


@bp.errorhandler(TooManyRequests)
def too_many(_error: TooManyRequests) -> Response:
    """429 in the widget, in words a reader understands."""
    return _widget_error(429, TOO_MANY)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> Response:
    """413: the body was larger than any valid answer."""
    return _widget_error(413, TOO_LARGE)
