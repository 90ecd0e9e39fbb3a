"""Live chat: the status banner island and the "Let's chat" support page."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from ..clock import now
from ..content import current_library
from ..htmx import public, render
from ..pages import static_page
from .freshness import max_age
from .hours import schedule_for_week, upcoming_closures
from .service import current_support, status_at

bp = Blueprint("support", __name__, url_prefix="/support")

# The banner polls every 60 seconds; a cached answer is never kept longer than that.
STATUS_MAX_AGE = 60


@bp.get("/chat-status")
def chat_status() -> Response:
    """Whether live chat is open: the banner fragment for htmx, a small page otherwise."""
    info, instant = current_support(), now()
    status = status_at(info, instant)
    # The fragment is the cheapest answer on the site: no database, no layout, one small template.
    return public(render("support/_chat_status.html", page="support/chat_status.html", info=info, status=status),
                  max_age(status, STATUS_MAX_AGE))


@bp.get("")
def contact() -> Response:
    """"Let's chat": the live status, this week's hours with today marked, coming closures, contact options."""
    info, instant = current_support(), now()
    status = status_at(info, instant)
    schedule = info.schedule
    today = instant.astimezone(schedule.tz).date() if schedule else None
    # Unlike the other pages this one tells the time (today's row, the status, which closures are
    # still to come), and no-JS readers should get all of it, so it is rendered server-side rather
    # than left to islands. Its bytes are a function of the content, the support-timezone date and
    # the status sentence, which are the cache key; max-age is cut so a copy expires by the next
    # opening, closing or midnight. It is therefore correct at every instant and still served as
    # stored bytes with a strong ETag (304s) between those moments.
    key = f"{request.path}|{today}|{status.message() if status else ''}"
    response = static_page(current_library().version, lambda: render_template(
        "support/contact.html", info=info, status=status,
        week=schedule_for_week(schedule, today) if schedule and today else [],
        closures=upcoming_closures(schedule, today) if schedule and today else [],
    ), key=key)
    response.cache_control.max_age = max_age(status, current_app.config["PAGE_MAX_AGE"])
    return response
