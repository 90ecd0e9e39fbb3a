"""After a "No", the thank-you offers the way to a person that works right now."""
from __future__ import annotations

from datetime import UTC, datetime

from tests.helpers.feedback import vote


def test_after_no_while_chat_is_open_offers_chat_now(make_app) -> None:
    # Wednesday 2 December 2026, 12:00 UTC = 12:00 in London: open 8am to 10pm.
    client = make_app(CLOCK=lambda: datetime(2026, 12, 2, 12, tzinfo=UTC)).test_client()
    html = vote(client, "sign-in", "no").get_data(as_text=True)
    assert "Live chat is open · until 10pm (UK time)" in html
    assert ">Chat with us now</a>" in html
    assert "Other ways" not in html and "Or use another way to reach us" not in html


def test_after_no_while_chat_is_closed_says_when_it_opens_and_lists_other_options(make_app) -> None:
    # Wednesday 2 December 2026, 23:30 UTC: closed until Thursday 8am.
    client = make_app(CLOCK=lambda: datetime(2026, 12, 2, 23, 30, tzinfo=UTC)).test_client()
    html = vote(client, "sign-in", "no").get_data(as_text=True)
    assert "Live chat is closed · opens tomorrow at 8am (UK time)" in html
    assert "Chat with us now" not in html
    assert "Or use another way to reach us" in html and 'href="mailto:' in html


def test_after_no_with_a_broken_support_file_links_to_support(make_app, content_copy) -> None:
    (content_copy / "support.yml").write_text("timezone: Mars/Olympus\nhours: {}\n")
    client = make_app(CONTENT_DIR=str(content_copy),
                      CLOCK=lambda: datetime(2026, 12, 2, 12, tzinfo=UTC)).test_client()
    html = vote(client, "sign-in", "no").get_data(as_text=True)
    assert 'Need a person? <a href="/support">Contact service and support</a>' in html
    assert "Live chat is" not in html
