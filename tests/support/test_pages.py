"""The live-chat banner island, its fragment URL and the "Let's chat" page, at fixed instants.

The fixture site's support.yml (tests/fixtures/site/support.yml) has the shipped week in UK time,
a closure on Monday 31 August 2026 and special hours on Friday 4 September 2026.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, render_template, template_rendered

from helpcentre.database import db
from helpcentre.support import chat_status_now
from tests.helpers.clock import FakeClock, utc
from tests.helpers.content import FIXTURES
from tests.helpers.content import REPOSITORY as ROOT
from tests.helpers.htmx import HX

WEEK_TEXT = "Live chat: Monday to Friday 8am to 10pm, Saturday and Sunday 10am to 6pm (UK time)."


def site_at(make_app: Callable[..., Flask], *parts: int, **overrides) -> Flask:
    """The fixture site with its clock fixed at a UTC instant."""
    return make_app(CLOCK=FakeClock(utc(*parts)), **overrides)


def text_of(html: str) -> str:
    """The visible text, tags dropped and white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- The fragment -----------------------------------------------------------------------------------

def test_fragment_when_open_says_until_when_and_offers_chat(make_app) -> None:
    client = site_at(make_app, 2026, 8, 26, 12).test_client()  # Wednesday 1pm BST
    response = client.get("/support/chat-status", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert '<span class="chat-open">Live chat is open · until 10pm (UK time)</span>' in html
    assert '<a class="chat-offer" href="/support#chat">Chat with us now</a>' in html
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["Vary"] == "HX-Request"


def test_fragment_when_closed_says_when_it_opens_after_a_closure(make_app) -> None:
    client = site_at(make_app, 2026, 8, 30, 17, 30).test_client()  # Sunday 6:30pm BST; Monday is a bank holiday
    html = client.get("/support/chat-status", headers=HX).get_data(as_text=True)
    assert '<span class="chat-closed">Live chat is closed · opens Tuesday at 8am (UK time)</span>' in html
    assert 'href="/support#contact-options">Other ways to contact us</a>' in html
    assert "Chat with us now" not in html


def test_fragment_uses_special_hours(make_app) -> None:
    client = site_at(make_app, 2026, 9, 4, 14).test_client()  # Friday 3pm BST; staff training day
    html = client.get("/support/chat-status", headers=HX).get_data(as_text=True)
    assert "Live chat is open · until 4pm (UK time)" in html


def test_without_htmx_the_same_url_answers_a_small_full_page(make_app) -> None:
    client = site_at(make_app, 2026, 8, 26, 12).test_client()
    response = client.get("/support/chat-status")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.startswith("<!doctype html>")
    assert "<h1>Live chat</h1>" in html and "Live chat is open · until 10pm (UK time)" in html
    assert response.headers["Vary"] == "HX-Request"
    assert response.headers["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("extra", [{"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}])
def test_boosted_and_history_restore_requests_get_the_full_page(make_app, extra: dict[str, str]) -> None:
    client = site_at(make_app, 2026, 8, 26, 12).test_client()
    html = client.get("/support/chat-status", headers={**HX, **extra}).get_data(as_text=True)
    assert html.startswith("<!doctype html>")


@pytest.mark.parametrize(("instant", "max_age"), [
    pytest.param((2026, 8, 26, 20, 59, 30), 30, id="30s-before-closing"),
    pytest.param((2026, 8, 26, 6, 59, 15), 45, id="45s-before-opening"),
    pytest.param((2026, 8, 26, 20, 59, 59, 500_000), 0, id="half-a-second-before-closing"),
    pytest.param((2026, 8, 28, 22, 59, 50), 10, id="10s-before-midnight"),
    pytest.param((2026, 8, 26, 20, 58, 0), 60, id="two-minutes-before-closing"),
])
def test_cache_lifetime_never_outlives_the_next_change(make_app, instant: tuple[int, ...], max_age: int) -> None:
    client = site_at(make_app, *instant).test_client()
    for headers in (HX, {}):
        response = client.get("/support/chat-status", headers=headers)
        assert response.headers["Cache-Control"] == f"public, max-age={max_age}"


def test_the_status_follows_the_clock_without_waiting(make_app) -> None:
    clock = FakeClock(utc(2026, 8, 26, 20, 59))  # 21:59 BST
    client = make_app(CLOCK=clock).test_client()
    assert "Live chat is open · until 10pm" in client.get("/support/chat-status", headers=HX).get_data(as_text=True)
    clock.set(utc(2026, 8, 26, 21, 0))  # 22:00 BST
    assert "Live chat is closed · opens tomorrow at 8am" in client.get(
        "/support/chat-status", headers=HX).get_data(as_text=True)


def test_the_fragment_costs_one_small_template_and_no_database(make_app) -> None:
    app = site_at(make_app, 2026, 8, 26, 12)
    client = app.test_client()
    client.get("/support/chat-status", headers=HX)  # the first request reads support.yml
    rendered: list[str] = []
    statements: list[str] = []

    def record(sender: Flask, template, context, **extra) -> None:
        rendered.append(template.name)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with template_rendered.connected_to(record, app):
        response = client.get("/support/chat-status", headers=HX)
    assert response.status_code == 200
    assert rendered == ["support/_chat_status.html"] and statements == []


@pytest.mark.parametrize(("instant", "offer"), [
    ((2026, 8, 26, 12), '<a class="chat-offer" href="/support#chat">Chat with us now</a>'),
    ((2026, 8, 26, 22), '<a href="/support#contact-options">Other ways to contact us</a>'),
])
def test_chat_status_now_and_the_offer_are_there_for_other_features(make_app, instant, offer: str) -> None:
    app = site_at(make_app, *instant)
    with app.test_request_context():
        status = chat_status_now()
        assert status is not None and status.is_open == (instant[3] == 12)
        assert render_template("support/_chat_offer.html", status=status) == offer


def test_a_naive_clock_is_refused_rather_than_read_in_the_server_zone(make_app) -> None:
    app = make_app(CLOCK=lambda: datetime(2026, 8, 26, 12))
    with app.app_context(), pytest.raises(ValueError, match="timezone-aware"):
        chat_status_now()


# --- The banner island on static pages --------------------------------------------------------------

def test_every_page_carries_the_island_with_the_week_as_its_no_js_text(make_app) -> None:
    client = site_at(make_app, 2026, 8, 26, 12).test_client()
    for path in ("/", "/categories/guides", "/articles/sign-in", "/support", "/articles/missing"):
        html = client.get(path).get_data(as_text=True)
        banner = html[html.index('<aside id="chat-banner"'):html.index("<main")]
        assert 'hx-get="/support/chat-status" hx-trigger="load, every 60s"' in banner, path
        assert WEEK_TEXT in text_of(banner), path
        assert '<a href="/support">Contact options</a>' in banner, path


def test_static_article_bytes_are_identical_at_two_instants(make_app) -> None:
    responses = [site_at(make_app, *instant).test_client().get("/articles/sign-in")
                 for instant in ((2026, 8, 26, 12), (2026, 8, 30, 23, 30))]  # open, then closed
    assert responses[0].get_data() == responses[1].get_data()
    assert responses[0].headers["ETag"] == responses[1].headers["ETag"]
    assert "Live chat is" not in responses[0].get_data(as_text=True)


def test_editing_support_yml_updates_the_banner_text_on_cached_pages(make_app, content_copy: Path) -> None:
    client = site_at(make_app, 2026, 8, 26, 12, CONTENT_DIR=str(content_copy)).test_client()
    before = client.get("/articles/sign-in")
    assert client.get("/articles/sign-in", headers={"If-None-Match": before.headers["ETag"]}).status_code == 304
    path = content_copy / "support.yml"
    path.write_text(path.read_text().replace('saturday: ["10:00-18:00"]', 'saturday: ["09:00-13:00"]'))
    os.utime(path, ns=(2 * 10**18, 2 * 10**18))
    after = client.get("/articles/sign-in", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert "Saturday 9am to 1pm, Sunday 10am to 6pm (UK time)" in text_of(after.get_data(as_text=True))


# --- The support page -------------------------------------------------------------------------------

def test_support_page_has_heading_status_week_with_today_closures_and_contacts(make_app) -> None:
    client = site_at(make_app, 2026, 8, 26, 12).test_client()  # Wednesday 26 August 2026
    response = client.get("/support")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Let's chat</h1>" in html
    assert "Can't find what you're looking for? Contact our Customer Care team." in html
    chat = html[html.index('<section id="chat"'):html.index('<section id="contact-options"')]
    assert 'hx-get="/support/chat-status" hx-trigger="every 60s"' in chat
    assert "Live chat is open · until 10pm (UK time)" in chat
    rows = re.findall(r"<tr( class=\"today\" aria-current=\"date\")?>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>",
                      chat[:chat.index("</table>")], re.S)
    assert [(bool(today), text_of(day), text_of(hours)) for today, day, hours in rows] == [
        (False, "Monday 24 August", "8am to 10pm"), (False, "Tuesday 25 August", "8am to 10pm"),
        (True, "Wednesday 26 August (today)", "8am to 10pm"), (False, "Thursday 27 August", "8am to 10pm"),
        (False, "Friday 28 August", "8am to 10pm"), (False, "Saturday 29 August", "10am to 6pm"),
        (False, "Sunday 30 August", "10am to 6pm")]
    closures = text_of(chat[chat.index("Coming closures"):])
    assert "Monday 31 August Closed Summer bank holiday" in closures
    assert "Friday 4 September 10am to 4pm Staff training" in closures
    contacts = html[html.index('<section id="contact-options"'):]
    assert '<a href="/support#chat">Chat with us</a>' in contacts
    assert '<a href="mailto:care@example.test">care@example.test</a>' in contacts
    assert '<a href="tel:08000000000">0800 000 0000</a>' in contacts


def test_support_page_marks_a_closure_today_in_the_week(make_app) -> None:
    html = site_at(make_app, 2026, 8, 31, 12).test_client().get("/support").get_data(as_text=True)
    assert re.search(r'<tr class="today" aria-current="date">\s*<th scope="row">Monday 31 August '
                     r'<strong class="today-mark">\(today\)</strong></th>\s*<td>Closed '
                     r'<span class="reason">\(Summer bank holiday\)</span>', html)
    assert "Live chat is closed · opens tomorrow at 8am (UK time)" in html


def test_support_page_is_cached_only_until_its_day_or_status_changes(make_app) -> None:
    clock = FakeClock(utc(2026, 8, 26, 20, 59, 30))  # 30 seconds before closing
    client = make_app(CLOCK=clock).test_client()
    first = client.get("/support")
    assert first.headers["Cache-Control"] == "public, max-age=30"
    clock.set(utc(2026, 8, 26, 21, 0, 5))  # closed: a different page
    second = client.get("/support", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200 and "Live chat is closed · opens tomorrow at 8am" in second.get_data(as_text=True)
    clock.set(utc(2026, 8, 26, 22, 30))  # still closed, same day: the same bytes, so a 304
    third = client.get("/support", headers={"If-None-Match": second.headers["ETag"]})
    assert third.status_code == 304
    clock.set(utc(2026, 8, 26, 23, 30))  # after midnight BST: Thursday is today now
    fourth = client.get("/support")
    assert fourth.headers["ETag"] != second.headers["ETag"]
    assert "Thursday 27 August <strong class=\"today-mark\">(today)</strong>" in fourth.get_data(as_text=True)


@pytest.mark.parametrize(("contact", "shown", "hidden"), [
    ("contact:\n  phone: \"0800 111 2222\"\n", ["tel:08001112222"], ["mailto:", "Chat with us</a>"]),
    ("", [], ['id="contact-options"']),
])
def test_each_contact_option_is_optional(make_app, content_copy: Path, contact: str, shown: list[str],
                                         hidden: list[str]) -> None:
    path = content_copy / "support.yml"
    path.write_text(path.read_text().split("contact:")[0] + contact)
    client = site_at(make_app, 2026, 8, 26, 12, CONTENT_DIR=str(content_copy)).test_client()
    html = client.get("/support").get_data(as_text=True)
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html
    # With no chat_url, "Chat with us now" still leads somewhere: the chat section of /support.
    assert 'href="/support#chat">Chat with us now</a>' in client.get(
        "/support/chat-status", headers=HX).get_data(as_text=True)


# --- A broken support.yml ---------------------------------------------------------------------------

def broken_site(make_app, content_copy: Path, text: str) -> Flask:
    (content_copy / "support.yml").write_text(text, encoding="utf-8")
    return site_at(make_app, 2026, 8, 26, 12, CONTENT_DIR=str(content_copy))


BAD_CLOSURE = (FIXTURES / "site" / "support.yml").read_text().replace("2026-08-31", "31/08/2026")


def test_a_bad_closure_leaves_the_week_as_text_without_a_claim(make_app, content_copy: Path) -> None:
    client = broken_site(make_app, content_copy, BAD_CLOSURE).test_client()
    fragment = client.get("/support/chat-status", headers=HX)
    assert fragment.status_code == 200
    assert text_of(fragment.get_data(as_text=True)) == WEEK_TEXT + " Contact options"
    page = client.get("/support").get_data(as_text=True)
    assert "Live chat is open" not in page and "Live chat is closed" not in page
    assert "<dt>Monday to Friday</dt><dd>8am to 10pm</dd>" in page
    assert "care@example.test" in page
    assert client.get("/articles/sign-in").status_code == 200


@pytest.mark.parametrize("text", [
    pytest.param("hours:\n  monday: [\"8am-10pm\"]\n", id="bad-hours"),
    pytest.param("hours: [unclosed\n", id="invalid-yaml"),
])
def test_a_broken_week_says_only_see_our_contact_options(make_app, content_copy: Path, text: str) -> None:
    client = broken_site(make_app, content_copy, text).test_client()
    for response in (client.get("/support/chat-status", headers=HX), client.get("/articles/sign-in")):
        assert response.status_code == 200
        assert '<a href="/support">See our contact options</a>' in response.get_data(as_text=True)
    page = client.get("/support")
    assert page.status_code == 200 and "Live chat is" not in page.get_data(as_text=True)


def test_a_missing_file_never_breaks_a_page(make_app, content_copy: Path) -> None:
    (content_copy / "support.yml").unlink()
    client = site_at(make_app, 2026, 8, 26, 12, CONTENT_DIR=str(content_copy)).test_client()
    for path in ("/", "/articles/sign-in", "/support", "/support/chat-status"):
        assert client.get(path).status_code == 200, path
    with client.application.app_context():
        assert chat_status_now() is None


def test_a_broken_file_is_logged_once_however_many_requests(make_app, content_copy: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    client = broken_site(make_app, content_copy, BAD_CLOSURE).test_client()
    for _ in range(3):
        for path in ("/articles/sign-in", "/support", "/support/chat-status"):
            client.get(path, headers=HX if path.endswith("status") else {})
    logged = [r.getMessage() for r in caplog.records if r.name == "helpcentre.support.service"]
    assert len(logged) == 1 and '"31/08/2026" is not a date' in logged[0]


# --- content check ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("needle", "replacement", "line", "message"), [
    ("timezone: Europe/London", "timezone: Europe/Londn", 2,
     'unknown timezone "Europe/Londn"; use an IANA name such as Europe/London'),
    ("  tuesday:", "  tuseday:", 6, 'unknown weekday "tuseday" in hours (did you mean "tuesday"?)'),
    ('monday: ["08:00-22:00"]', 'monday: ["8:00-22:00"]', 5,
     '"8:00" is not a time; use HH:MM on the 24-hour clock, e.g. "08:00" for 8am, "22:00" for 10pm'),
    ('monday: ["08:00-22:00"]', 'monday: ["22:00-08:00"]', 5,
     '"22:00-08:00" does not end after it starts; split overnight hours over two days, '
     'e.g. "22:00-24:00" then "00:00-02:00"'),
    ('monday: ["08:00-22:00"]', 'monday: ["08:00-12:00", "11:00-22:00"]', 5,
     '"11:00-22:00" overlaps "08:00-12:00" (line 5)'),
    ("date: 2026-08-31", "date: 2026-08-32", 13, '"2026-08-32" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25'),
    ("chat_url: /support#chat", "chat_url: javascript:alert(1)", 17,
     'chat_url "javascript:alert(1)" should be a page on this site (starting with "/") or an https:// address'),
    ("email: care@example.test", "email: care at example", 18,
     'email "care at example" is not an email address, e.g. support@example.com'),
])
def test_content_check_reports_each_support_yml_problem_and_exits_1(
        make_app, content_copy: Path, needle: str, replacement: str, line: int, message: str) -> None:
    path = content_copy / "support.yml"
    assert needle in path.read_text()
    path.write_text(path.read_text().replace(needle, replacement))
    result = make_app(CONTENT_DIR=str(content_copy)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{path}:{line}: {message}"]


def test_content_check_passes_on_the_fixture_site(make_app) -> None:
    result = make_app().test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output


def test_content_check_passes_on_a_site_without_support_yml(make_app, content_copy: Path) -> None:
    # Like devices.yml: a site may have no live chat hours; its pages then say "See our contact options".
    (content_copy / "support.yml").unlink()
    result = make_app(CONTENT_DIR=str(content_copy)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output


def test_the_fixture_week_is_the_shipped_week() -> None:
    # So that what these tests show is what readers of the shipped site see.
    def week(path: Path) -> list[str]:
        return re.findall(r"^  (\w+day): (.*)$", path.read_text(), re.M)

    assert week(FIXTURES / "site" / "support.yml") == week(ROOT / "content" / "support.yml")
