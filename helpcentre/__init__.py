"""The help centre: create_app() builds the Flask application."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask
from jinja2 import StrictUndefined
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    account,
    articles,
    assets,
    content,
    database,
    devices,
    errors,
    feedback,
    freeze,
    hints,
    mail,
    outage,
    pages,
    ratelimit,
    search,
    security,
    shared_cache,
    support,
)
from .config import load_config
from .extensions import csrf, htmx
from .logs import configure_logging
from .resources import shipped

__all__ = ["create_app"]

# htmx is configured here, not inline: no inline script is allowed by the CSP.
HTMX_CONFIG = {
    "includeIndicatorStyles": False,
    "allowEval": False,
    "allowScriptTags": False,
    "selfRequestsOnly": True,
    "historyCacheSize": 10,
    # On a history-cache miss, fetch the whole page without HX-Request: live search pushes
    # /search?q=… URLs, which answer htmx with a fragment (the views also send the whole page
    # for HX-History-Restore-Request, for clients configured otherwise).
    "historyRestoreAsHxRequest": False,
    # Swap the bodies of form errors, expired sessions, limits, missing pages and a database
    # outage, so the reader sees the message in place instead of a silent no-op.
    "responseHandling": [
        {"code": "204", "swap": False},
        {"code": "[23]..", "swap": True},
        {"code": "(400|404|413|422|429|503)", "swap": True, "error": False},
        {"code": "[45]..", "swap": False, "error": True},
    ],
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then HELPCENTRE_* variables, then `config` (tests)."""
    app = Flask(
        __name__,
        template_folder=str(shipped("templates")),
        static_folder=str(shipped("static")),
        # Local state lives where the site is run from (like content/), never inside the package.
        instance_path=os.path.abspath((config or {}).get("INSTANCE_PATH")
                                      or os.environ.get("HELPCENTRE_INSTANCE_PATH") or "instance"),
    )
    load_config(app, config)
    os.makedirs(app.instance_path, exist_ok=True)
    app.jinja_options = {**app.jinja_options, "undefined": StrictUndefined}
    app.jinja_env.globals["htmx_config"] = HTMX_CONFIG
    configure_logging(app)

    shared_cache.init_app(app)  # its hook must run after every other after-request hook
    # Shared ground first: every feature may use it.
    htmx.init_app(app)
    csrf.init_app(app)
    hints.init_app(app)
    ratelimit.init_app(app)
    database.init_app(app)
    pages.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    mail.init_app(app)
    content.init_app(app, article_url=articles.article_url(app))
    # Features, side by side: none needs another to be registered first.
    for feature in (articles, search, feedback, support, account, devices):
        feature.init_app(app)
    errors.init_app(app)
    outage.init_app(app)
    freeze.init_app(app)
    if app.config["PROXY_HOPS"] > 0:
        # Outermost, so every layer inside it (the stored pages' front layer too) sees the
        # client's address, scheme and host as the proxy reported them.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app

