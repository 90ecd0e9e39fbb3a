"""One mailer, two backends: `outbox` writes .eml files for local use, `smtp` talks to a server.

Callers use send_email(): it renders the text and HTML parts from templates/emails/ and
returns False, after logging, when the message could not be handed over, so a mail
outage becomes a message to the reader instead of an error page. send_email_in_background()
is for answers that must not wait on the mail server (and whose failure is only logged).
"""
from __future__ import annotations

import logging
import smtplib
import ssl
import threading
import time
import uuid
from collections.abc import Mapping
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any, Protocol

from flask import Flask, current_app, render_template, url_for

from .logs import OUTBOX_LINE

log = logging.getLogger(__name__)


class MailError(RuntimeError):
    """The message could not be handed to the mail system."""


class Mailer(Protocol):
    """Hands one message over for delivery, or raises MailError."""

    def send(self, message: EmailMessage, log_detail: str | None) -> None:
        """Deliver `message`; `log_detail` is what the outbox may log (a code or link)."""


class OutboxMailer:
    """Writes each message to instance/outbox/ and logs one line a local user can read."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send(self, message: EmailMessage, log_detail: str | None) -> None:
        """Write the message as an .eml file."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Named by the time of writing so a directory listing reads oldest to newest.
            path = self.directory / f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(bytes(message))
        except OSError as error:
            raise MailError(f"cannot write to the outbox: {error}") from error
        # The one place a code or link is logged: the outbox exists so a developer can sign up
        # without a mail server, and reading this line is how they get their code.
        log.info("outbox: to %s: %s (%s)", message["To"], log_detail or message["Subject"], path.name,
                 extra=OUTBOX_LINE)


class SmtpMailer:
    """Sends through an SMTP server, with STARTTLS or implicit TLS and optional login."""

    def __init__(self, host: str, port: int, *, username: str | None = None, password: str | None = None,
                 use_tls: bool = False, use_ssl: bool = False, timeout: float = 10.0) -> None:
        self.host, self.port, self.username, self.password = host, port, username, password
        self.use_tls, self.use_ssl, self.timeout = use_tls, use_ssl, timeout

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpMailer:
        """The mailer the HELPCENTRE_MAIL_* settings describe (typed by config.py)."""
        return cls(config["MAIL_SERVER"], config["MAIL_PORT"], username=config["MAIL_USERNAME"],
                   password=config["MAIL_PASSWORD"], use_tls=config["MAIL_USE_TLS"],
                   use_ssl=config["MAIL_USE_SSL"], timeout=config["MAIL_TIMEOUT"])

    def send(self, message: EmailMessage, log_detail: str | None) -> None:
        """Open a connection, send, close; any refusal or network error becomes MailError."""
        try:
            if self.use_ssl:
                connection: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
            else:
                connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with connection:
                if self.use_tls:
                    connection.starttls(context=ssl.create_default_context())
                if self.username:
                    connection.login(str(self.username), str(self.password or ""))
                connection.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"{type(error).__name__}: {error}") from error
        # Never log log_detail here: it holds a code or a link.
        log.info("smtp: sent %r to %s", message["Subject"], message["To"])


def build_mailer(app: Flask) -> Mailer:
    """The backend HELPCENTRE_MAIL_BACKEND names."""
    backend = app.config["MAIL_BACKEND"]
    if backend == "outbox":
        return OutboxMailer(Path(app.instance_path) / "outbox")
    if backend == "smtp":
        return SmtpMailer.from_config(app.config)
    raise ValueError(f"HELPCENTRE_MAIL_BACKEND must be 'outbox' or 'smtp', not {backend!r}")


def compose(to: str, subject: str, template: str, **context: Any) -> EmailMessage:
    """A message with a text part and an HTML part from templates/emails/<template>.txt/.html."""
    message = EmailMessage()
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    domain = str(sender).rpartition("@")[2].rstrip(">") or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(render_template(f"emails/{template}.txt", subject=subject, **context))
    message.add_alternative(render_template(f"emails/{template}.html", subject=subject, **context), subtype="html")
    return message


def site_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an email, from HELPCENTRE_BASE_URL, never from the request's Host."""
    # A Host header is whatever the client sent: a reset link built from it could point elsewhere.
    base: str = current_app.config["BASE_URL"]
    return base + url_for(endpoint, **values)


def send_email(to: str, subject: str, template: str, log_detail: str | None = None, **context: Any) -> bool:
    """Compose and send; True when handed over, False (logged) when the mail system failed."""
    message = compose(to, subject, template, **context)
    mailer: Mailer = current_app.extensions["mailer"]
    try:
        mailer.send(message, log_detail)
    except MailError as error:
        log.warning("could not send %r to %s: %s", subject, to, error)
        return False
    return True


class BackgroundMail:
    """Hands messages to the mail system on worker threads, so the answer that asked for one
    never waits on the mail server (nor takes longer when there was something to send)."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mail")
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def submit(self, mailer: Mailer, message: EmailMessage, log_detail: str | None) -> None:
        """Queue one message for `mailer`; a failure is logged, as send_email() does."""
        future = self._pool.submit(_hand_over, mailer, message, log_detail)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def wait(self, timeout: float | None = None) -> None:
        """Block until every message queued so far has been handed over (for tests and shutdown)."""
        with self._lock:
            pending = list(self._pending)
        futures.wait(pending, timeout)


def _hand_over(mailer: Mailer, message: EmailMessage, log_detail: str | None) -> None:
    try:
        mailer.send(message, log_detail)
    except MailError as error:
        log.warning("could not send %r to %s: %s", message["Subject"], message["To"], error)


def send_email_in_background(to: str, subject: str, template: str, log_detail: str | None = None,
                             **context: Any) -> None:
    """Compose now (templates need the request), hand over on a worker thread."""
    message = compose(to, subject, template, **context)
    background: BackgroundMail = current_app.extensions["background_mail"]
    background.submit(current_app.extensions["mailer"], message, log_detail)


def init_app(app: Flask) -> None:
    """Attach the configured mailer as app.extensions["mailer"], and its background queue."""
    app.extensions["mailer"] = build_mailer(app)
    app.extensions["background_mail"] = BackgroundMail()
