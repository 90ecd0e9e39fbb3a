"""'Was this information helpful?': the widget under every article and the editors' report."""
from __future__ import annotations

import secrets
from typing import Any

from flask import Flask
from flask_login import user_logged_in


def _account_reader(user_id: int) -> str:
    # The key reader.signed_in_account() files a signed-in account's answers under.
    return f"account:{user_id}"


def account_answers(user_id: int) -> list[dict[str, Any]]:
    """The answers an account gave, as plain JSON-ready data (for "Download your data")."""
    from . import store

    return [{"article": answer.article_slug, "vote": answer.vote, "reason": answer.reason,
             "comment": answer.comment, "given": store.utc(answer.created_at).isoformat(),
             "changed": store.utc(answer.updated_at).isoformat()}
            for answer in store.answers_of(_account_reader(user_id))]


def anonymise_account(user_id: int) -> int:
    """Keep an account's answers only as anonymous counts (for a closing account); returns how many."""
    from . import store

    # One new random key for all of them: still one answer per article, tied to no one.
    return store.anonymise(_account_reader(user_id), f"gone:{secrets.token_urlsafe(18)}")


def init_app(app: Flask) -> None:
    """Register the feedback views and the `feedback` CLI group."""
    from . import cli, reader, views

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.feedback)
    # Votes given before signing in count as the account's, so one person stays one reader.
    user_logged_in.connect(reader.adopt_on_sign_in, app)
