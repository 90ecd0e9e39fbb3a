"""The request headers htmx sends, as tests send them."""
from __future__ import annotations

# A request made by htmx (hx-get, hx-post...); tests add HX-Current-URL, HX-Boosted... where they matter.
HX = {"HX-Request": "true"}
