"""The support page: how to reach a person."""
from __future__ import annotations

from flask import Blueprint, Response, render_template

from ..help import current_library
from ..pages import static_page

bp = Blueprint("support", __name__, url_prefix="/support")


@bp.get("")
def contact() -> Response:
    """"Let's chat": hours and contact options."""
    library = current_library()
    return static_page(library.version, lambda: render_template("support/contact.html"))
