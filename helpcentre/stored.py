"""Bytes kept ready in each content coding, with the headers of their 200 and 304 answers.

Stored pages and hashed static files are answered from here, by Flask's views and by the front
layer alike, so the two paths cannot give different bytes or headers. The coding is chosen by
Accept-Encoding (q=0 refuses one); each coding has its own strong ETag, and a matching
If-None-Match gets a 304 for the coding the reader would receive.
"""
from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import brotli
from werkzeug.http import parse_accept_header

Headers = tuple[tuple[str, str], ...]
IDENTITY = "identity"
# Compressed when a page is first stored, on a reader's request: brotli's top qualities cost
# tens of milliseconds per page, quality 5 a few, and already beats gzip's best on HTML.
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "br": lambda body: brotli.compress(body, quality=5),
    "gzip": lambda body: gzip.compress(body, compresslevel=9, mtime=0),  # mtime=0: same bytes every time
}
# When a client likes several codings equally, the smaller comes first.
PREFERENCE = ("br", "gzip", IDENTITY)


@dataclass(frozen=True)
class Variant:
    """One coding's bytes, its ETag and the complete headers of its 200 and 304 answers."""

    body: bytes
    etag: str
    ok: Headers
    not_modified: Headers


@dataclass(frozen=True)
class Stored:
    """A representation in every coding worth keeping (identity always), ready to answer."""

    variants: Mapping[str, Variant]
    codings: tuple[str, ...]  # the keys of variants, in PREFERENCE order

    def answer(self, accept_encoding: str | None, if_none_match: str | None) -> tuple[int, Headers, bytes]:
        """Status, headers and body for a GET with these two request headers (HEAD drops the body)."""
        variant = self.variants[choose_coding(accept_encoding, self.codings)]
        if if_none_match and _matches(if_none_match, variant.etag):
            return 304, variant.not_modified, b""
        return 200, variant.ok, variant.body


def compressible(content_type: str) -> bool:
    """True for text-like types, which compression shrinks (images and fonts already are compressed)."""
    kind = content_type.split(";", 1)[0].strip()
    return kind.startswith("text/") or kind.endswith(("+xml", "+json")) or kind in {
        "application/javascript", "application/json", "application/xml", "image/svg+xml"}


def encode(body: bytes, compress: bool) -> dict[str, bytes]:
    """`body` as is, and in each coding that makes it smaller when `compress`."""
    bodies = {IDENTITY: body}
    if compress:
        for coding, compressor in COMPRESSORS.items():
            packed = compressor(body)
            if len(packed) < len(body):
                bodies[coding] = packed
    return bodies


def store(bodies: Mapping[str, bytes], content_type: str, headers: Headers) -> Stored:
    """Build every variant's answers: `headers` (caching, security) follow the validators on each."""
    digest = hashlib.sha256(bodies[IDENTITY]).hexdigest()[:32]
    codings = tuple(coding for coding in PREFERENCE if coding in bodies)
    # Caches must key on Accept-Encoding only where the answer really depends on it.
    vary: Headers = (("Vary", "Accept-Encoding"),) if len(codings) > 1 else ()
    variants = {}
    for coding in codings:
        body = bodies[coding]
        etag = f'"{digest}"' if coding == IDENTITY else f'"{digest}-{coding}"'
        common = (("ETag", etag), *headers, *vary)
        encoding: Headers = () if coding == IDENTITY else (("Content-Encoding", coding),)
        ok = (("Content-Type", content_type), ("Content-Length", str(len(body))), *encoding, *common)
        variants[coding] = Variant(body, etag, ok, common)
    return Stored(variants, codings)


@lru_cache(maxsize=512)
def choose_coding(accept_encoding: str | None, available: tuple[str, ...]) -> str:
    """The coding to send: the client's highest q among `available`, the smaller on a tie.

    No header means identity (old clients and tools). Identity is the fallback when no other coding
    is acceptable, and wins only when the client names it (or `*`) with a higher q than the rest.
    Cached: browsers send a handful of distinct values.
    """
    if accept_encoding is None:
        return IDENTITY
    accept = parse_accept_header(accept_encoding)
    best, best_q = IDENTITY, 0.0
    for coding in available:
        if coding != IDENTITY and (q := accept.quality(coding)) > best_q:
            best, best_q = coding, q
    identity_q = accept.quality(IDENTITY) if accept.find(IDENTITY) != -1 else 0.0  # named, or by *
    return IDENTITY if identity_q > best_q else best


def _matches(if_none_match: str, etag: str) -> bool:
    # If-None-Match compares weakly: W/"x" matches "x". An entity tag can't contain a quote, so
    # finding the quoted tag in the header is exactly that comparison, without parsing the list.
    return if_none_match.strip() == "*" or etag in if_none_match
