"""Static files under names that carry a hash of their bytes, so browsers keep them for a year.

`url_for('static', filename='css/site.css')` gives `/static/css/site.<hash>.css`: a url_defaults
hook swaps the name, so templates and code name files plainly and there is no other way to link
one. A hashed name is answered `public, max-age=31536000, immutable`; a new file is a new name.
The plain name still answers, with `no-cache`, for links made before. Both are compressed.

The files are read, hashed and compressed once per process at start-up: static/ holds the site's
own few small files (the stylesheet, htmx), which don't change while it runs; a deploy restarts it.
"""
from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, request
from werkzeug.utils import get_content_type

from .stored import Stored, compressible, encode, store

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASH_CHARS = 12


@dataclass(frozen=True)
class Assets:
    """The hashed name of each static file, and every name's stored answer."""

    hashed: dict[str, str]  # "css/site.css" -> "css/site.<hash>.css"
    answers: dict[str, Stored]  # both names -> the file, cached for a year or revalidated

    @classmethod
    def scan(cls, folder: Path) -> Assets:
        """Read every file under `folder` (dot files aside)."""
        hashed: dict[str, str] = {}
        answers: dict[str, Stored] = {}
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if not path.is_file() or any(part.startswith(".") for part in name.split("/")):
                continue
            data = path.read_bytes()
            mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            content_type = get_content_type(mimetype, "utf-8")
            bodies = encode(data, compress=compressible(content_type))
            hashed[name] = hashed_name(name, hashlib.sha256(data).hexdigest()[:HASH_CHARS])
            answers[hashed[name]] = store(bodies, content_type, (("Cache-Control", IMMUTABLE),))
            answers[name] = store(bodies, content_type, (("Cache-Control", REVALIDATE),))
        return cls(hashed, answers)


def hashed_name(name: str, digest: str) -> str:
    """`css/site.css` -> `css/site.<digest>.css` (the last suffix stays last, for types by extension)."""
    folder, _, file = name.rpartition("/")
    stem, dot, suffix = file.rpartition(".")
    file = f"{stem}.{digest}.{suffix}" if dot and stem else f"{file}.{digest}"
    return f"{folder}/{file}" if folder else file


def serve(filename: str) -> Response:
    """A static file by its hashed or plain name."""
    assets: Assets = current_app.extensions["assets"]
    found = assets.answers.get(filename)
    if found is None:
        abort(404)
    status, headers, body = found.answer(request.headers.get("Accept-Encoding"),
                                         request.headers.get("If-None-Match"))
    return Response(body, status, headers)


def init_app(app: Flask) -> None:
    """Hash static/ and make the hashed names what url_for gives and the static route serves."""
    folder = app.static_folder
    assets = Assets.scan(Path(folder)) if folder else Assets({}, {})
    app.extensions["assets"] = assets

    @app.url_defaults
    def hashed_static_name(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and values.get("filename") in assets.hashed:
            values["filename"] = assets.hashed[values["filename"]]

    app.view_functions["static"] = serve
