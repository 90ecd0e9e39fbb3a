"""Search results."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("search", __name__)


@bp.get("/search")
def results() -> str:
    """The results page for ?q=."""
    return render_template("search/results.html")
