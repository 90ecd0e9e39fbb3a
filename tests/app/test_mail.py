"""The mailer: the outbox for local use, SMTP to a real server on 127.0.0.1, failures that don't crash."""
from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from helpcentre.mail import BackgroundMail, MailError, SmtpMailer, compose, send_email
from tests.helpers.accounts import (
    NEW_PASSWORD,
    NO_LIMITS,
    PASSWORD,
    code_in,
    count_users,
    link_in,
    make_account,
    outbox,
    sign_up,
    text_of,
)
from tests.helpers.forms import post_form


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address.startswith("refused@"):
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int, list[tuple[str, str]]]]:
    """A real SMTP server on 127.0.0.1 that accepts the login "mailer" / "s3cret"."""
    inbox, logins = Inbox(), []

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            logins.append((data.login.decode(), data.password.decode()))
            return AuthResult(success=data.login == b"mailer" and data.password == b"s3cret")
        return AuthResult(success=False)

    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticate,
                            auth_require_tls=False, auth_required=False)
    controller.start()
    yield inbox, port, logins
    controller.stop()


def smtp_settings(port: int, **extra: Any) -> dict[str, Any]:
    return {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port,
            "MAIL_DEFAULT_SENDER": "Help Centre <help@example.test>", **NO_LIMITS, **extra}


def test_outbox_writes_an_eml_with_text_and_html_and_logs_one_line(app, caplog) -> None:
    with app.test_request_context(), caplog.at_level(logging.INFO, logger="helpcentre.mail"):
        assert send_email("ann@example.com", "Your verification code", "verify_code", log_detail="code 123456",
                          code="123456", minutes=10, verify_url="https://help.example.test/account/verify")
    [message] = outbox(app)
    assert message["To"] == "ann@example.com" and message["From"] == "Help Centre <no-reply@localhost>"
    assert "123456" in text_of(message)
    assert "<strong>123456</strong>" in message.get_body(("html",)).get_content()
    [line] = [r.getMessage() for r in caplog.records if r.name == "helpcentre.mail"]
    assert "ann@example.com" in line and "code 123456" in line


def test_smtp_backend_delivers_both_parts_to_a_real_server(make_app, smtp_server) -> None:
    inbox, port, _ = smtp_server
    app = make_app(**smtp_settings(port))
    response = sign_up(app.test_client(), "ann@example.com")
    assert response.status_code == 303
    [message] = inbox.messages
    assert message["To"] == "ann@example.com" and message["From"] == "Help Centre <help@example.test>"
    assert message["Subject"] == "Your verification code"
    assert len(code_in(message)) == 6 and message.get_body(("html",)) is not None
    assert outbox(app) == []


def test_smtp_backend_logs_in_when_given_a_username(make_app, smtp_server) -> None:
    inbox, port, logins = smtp_server
    app = make_app(**smtp_settings(port, MAIL_USERNAME="mailer", MAIL_PASSWORD="s3cret"))
    with app.test_request_context():
        assert send_email("ann@example.com", "Hello", "password_changed", forgot_url="x", login_url="y")
    assert logins == [("mailer", "s3cret")] and len(inbox.messages) == 1


def test_smtp_refusal_is_a_mail_error(app, smtp_server) -> None:
    _, port, _ = smtp_server
    mailer = SmtpMailer("127.0.0.1", port)
    with app.test_request_context():
        message = compose("refused@example.com", "Hello", "password_changed", forgot_url="x", login_url="y")
    with pytest.raises(MailError):
        mailer.send(message, None)


def test_mail_server_down_keeps_the_account_and_says_so_without_a_500(make_app, caplog) -> None:
    app = make_app(**smtp_settings(free_port(), MAIL_TIMEOUT=2))
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="helpcentre.mail"):
        response = sign_up(client, "ann@example.com")
    assert response.status_code == 303 and count_users(app) == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We couldn&#39;t send the email just now — use &#39;Send a new code&#39; in a moment" in page
    assert any("could not send" in r.getMessage() for r in caplog.records)


def test_resend_with_the_server_down_says_so(make_app) -> None:
    app = make_app(**smtp_settings(free_port(), MAIL_TIMEOUT=2))
    make_account(app, "ann@example.com", verified=False)
    client = app.test_client()
    response = post_form(client, "/account/verify/resend", {"email": "ann@example.com"}, form_url="/account/verify")
    assert response.status_code == 303
    assert "We couldn&#39;t send the email just now" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_unknown_backend_is_a_clear_error(make_app) -> None:
    with pytest.raises(ValueError, match="MAIL_BACKEND"):
        make_app(MAIL_BACKEND="pigeon")


def test_logs_never_hold_passwords_codes_or_tokens_with_smtp(make_app, smtp_server, caplog) -> None:
    inbox, port, _ = smtp_server
    app = make_app(**smtp_settings(port))
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        sign_up(client, "ann@example.com")
        code = code_in(inbox.messages[-1])
        post_form(client, "/account/verify", {"email": "ann@example.com", "code": code})
        post_form(client, "/account/logout", {}, form_url="/account/menu")
        post_form(client, "/account/login", {"email": "ann@example.com", "password": "wrong password here"})
        post_form(client, "/account/forgot", {"email": "ann@example.com"})
        app.extensions["background_mail"].wait(timeout=10)  # the reset link goes out on a worker thread
        link = link_in(inbox.messages[-1])
        token = link.rpartition("/")[2]
        post_form(client, link.removeprefix("https://help.example.test"), {"password": NEW_PASSWORD})
    # Everything the site logged; the test's own SMTP server ("mail.log") logs whole messages.
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))
    assert "signed in" in logged and "sign-in failed" in logged and "password reset" in logged
    for secret in (PASSWORD, NEW_PASSWORD, "wrong password here", code, token):
        assert secret not in logged


def test_request_logs_hide_reset_tokens(app) -> None:
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    werkzeug_log = logging.getLogger("werkzeug")
    werkzeug_log.addHandler(handler)
    try:
        werkzeug_log.warning('127.0.0.1 - - "GET /account/reset/7-abc-0123456789abcdef HTTP/1.1" 200 -')
    finally:
        werkzeug_log.removeHandler(handler)
    assert records and "0123456789abcdef" not in records[0] and "/account/reset/…" in records[0]


def test_background_mail_logs_a_failure_instead_of_raising(caplog) -> None:
    class Refusing:
        def send(self, message, log_detail) -> None:
            raise MailError("connection refused")

    message = EmailMessage()
    message["To"], message["Subject"] = "ann@example.com", "Reset your password"
    background = BackgroundMail()
    with caplog.at_level(logging.WARNING, logger="helpcentre.mail"):
        background.submit(Refusing(), message, "link https://x/account/reset/secret")
        background.wait(timeout=10)
    assert "could not send 'Reset your password' to ann@example.com: connection refused" in caplog.text
    assert "secret" not in caplog.text
