"""Where to send a reader after signing in: only a path on this site, never somewhere else."""
from __future__ import annotations

from urllib.parse import urlsplit

MAX_LENGTH = 2000


def safe_next(value: str | None) -> str | None:
    """Return `value` if it is a relative path on this site ("/articles/x?y#z"), else None."""
    if not value or len(value) > MAX_LENGTH:
        return None
    # Browsers drop tabs and newlines inside URLs and treat "\" like "/", so "/\t/evil.example"
    # and "/\\evil.example" would both become "//evil.example": refuse any such character.
    if any(ch == "\\" or ord(ch) < 0x21 or ord(ch) == 0x7F for ch in value):
        return None
    # One leading slash and no second one: "//host" is a scheme-relative URL to another site.
    if not value.startswith("/") or value.startswith("//"):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


def path_of(url: str | None) -> str | None:
    """Return the path, query and fragment of an absolute URL (e.g. htmx's HX-Current-URL), if safe."""
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return safe_next(path)
