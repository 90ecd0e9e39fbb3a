"""Whether a request wants a fragment or the full page (one URL answers both ways)."""
from __future__ import annotations

from flask import request


def wants_fragment() -> bool:
    """True for an htmx request that swaps part of a page.

    Boosted navigations and history restores (after a cache miss) need the whole page.
    """
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request
