"""The header's account island, its no-JS fallback, and where a reader may be sent after signing in."""
from __future__ import annotations

import pytest

from helpcentre.safe_url import path_of, safe_next
from tests.helpers.accounts import make_account, sign_in
from tests.helpers.htmx import HX


def test_static_pages_carry_the_island_and_a_fallback_that_returns_here(client) -> None:
    html = client.get("/articles/sign-in").get_data(as_text=True)
    assert 'id="account-menu"' in html and 'hx-get="/account/menu" hx-trigger="hinted" data-hint="hc_session"' in html
    assert '<a href="/account/login?next=/articles/sign-in" hx-get="/account/login?next=/articles/sign-in"' in html
    assert 'hx-target="#account-panel"' in html and '<div id="account-panel"' in html  # opens before the island loads
    assert html.index('<div id="account-panel"') > html.index("</nav>")  # outside the island, which can't empty it
    assert '<a href="/account/signup">Create an account</a>' in html


def test_account_pages_fallback_does_not_point_back_at_themselves(client) -> None:
    html = client.get("/account/signup").get_data(as_text=True)
    assert '<a href="/account/login" hx-get="/account/login"' in html


def test_signed_out_menu_fragment_opens_sign_in_in_a_panel(client) -> None:
    response = client.get("/account/menu", headers={**HX, "HX-Current-URL": "http://localhost/articles/sign-in#x"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'hx-history="false"' in html
    assert 'href="/account/login?next=/articles/sign-in"' in html
    assert 'hx-get="/account/login?next=/articles/sign-in" hx-target="#account-panel"' in html
    assert 'hx-push-url="false"' in html
    assert 'id="account-panel"' not in html  # the island never touches an open panel
    assert ">Create an account</a>" in html
    assert response.headers["Cache-Control"] == "no-store" and "HX-Request" in response.headers["Vary"]


def test_close_and_sign_in_empty_the_panel_out_of_band(client) -> None:
    html = client.get("/account/menu?close=1", headers=HX).get_data(as_text=True)
    assert '<div id="account-panel" class="account-panel" aria-live="polite" hx-swap-oob="true"></div>' in html


def test_menu_never_offers_to_come_back_to_a_foreign_or_account_page(client) -> None:
    for current in ("https://evil.example//evil.example", "http://localhost/account/login?next=/x"):
        html = client.get("/account/menu", headers={**HX, "HX-Current-URL": current}).get_data(as_text=True)
        assert 'href="/account/login"' in html


def test_signed_in_menu_fragment_names_the_reader_and_offers_sign_out(app, client) -> None:
    make_account(app, "ann@example.com")
    sign_in(client, "ann@example.com")
    html = client.get("/account/menu", headers={**HX, "HX-Current-URL": "http://localhost/"}).get_data(as_text=True)
    assert "Signed in as <strong>ann@example.com</strong>" in html
    assert '<a href="/account/">Your account</a>' in html
    assert 'hx-post="/account/logout?next=/"' in html and 'name="csrf_token"' in html and ">Sign out</button>" in html


def test_menu_as_a_page_without_htmx(client) -> None:
    html = client.get("/account/menu").get_data(as_text=True)
    assert "<html" in html and ">Sign in</a>" in html


@pytest.mark.parametrize("value", ["/", "/articles/sign-in", "/search?q=a+b", "/articles/x#part"])
def test_relative_paths_are_safe(value) -> None:
    assert safe_next(value) == value


@pytest.mark.parametrize("value", [None, "", "https://evil.example", "//evil.example", "/\\evil.example",
                                   "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "evil.example",
                                   "javascript:alert(1)", "http:/evil.example", "/" + "a" * 2001, " /x"])
def test_everything_else_is_not(value) -> None:
    assert safe_next(value) is None


def test_path_of_an_absolute_url_keeps_path_and_query_only() -> None:
    assert path_of("https://help.example.test/articles/x?y=1#z") == "/articles/x?y=1"
    assert path_of("https://help.example.test") == "/"
    assert path_of(None) is None
