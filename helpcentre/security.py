"""Security headers on every response, error pages included."""
from __future__ import annotations

from flask import Flask, Response

# No inline script and no eval anywhere: htmx is configured from a <meta> tag and
# its indicator styles are turned off there, so 'self' covers scripts and styles.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def security_headers(app: Flask) -> list[tuple[str, str]]:
    """The headers every response carries (stored pages keep them with their bytes)."""
    headers = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if not app.debug:
        headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return headers


def init_app(app: Flask) -> None:
    """Add the headers after every request."""

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in security_headers(app):
            response.headers.setdefault(name, value)
        return response
