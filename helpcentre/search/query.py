"""What a reader typed, made safe for FTS5: normalised text, its words and a MATCH expression.

Queries are never passed to FTS5 as typed: they are cut into words, each word is quoted as an
FTS5 string and the words are ANDed. The last word (the one being typed) is matched as a prefix
once it has at least three characters; a last word of one or two letters is matched as a whole
word, because as a prefix it would cover most of the index ("pa" starts words in nearly every
row), which is slow and finds nothing useful. FTS5 stems a prefix before expanding it, and the
porter stemmer's first step drops plural endings ("pas" becomes "pa"), so the three characters
are counted after that step.

Common English function words ("how", "do", "my") are left out of a query that has other words:
nearly every row holds them, so they cannot rank anything (bm25 gives them no weight) and under
AND they only hide the article whose text happens to say "reset your password" to a reader who
typed "how do i reset my password". A query of function words alone is searched as typed.
"""
from __future__ import annotations

import unicodedata

MAX_QUERY_CHARS = 200
MIN_QUERY_CHARS = 2
MIN_PREFIX_CHARS = 3
# Private-use characters mark matches in snippet() output. They are stripped from indexed text
# and from queries, so every one that comes back was put there by FTS5.
OPEN_MARK, CLOSE_MARK = "\ue000", "\ue001"
NO_SENTINELS = str.maketrans("", "", OPEN_MARK + CLOSE_MARK)
STOPWORDS = frozenset("""
a about after all also am an and any are as at be been before being both but by can could did do
does doing for from had has have having he her here hers him his how i if in into is it its just
me more most my no nor not of off on once only or other our ours out over own she should so some
such than that the their theirs them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours
""".split())


def normalise_query(raw: str) -> str:
    """Trim, collapse whitespace, drop control characters and cut the query at 200 characters."""
    # Whitespace controls (tab, newline) separate words; other controls vanish without a trace.
    spaced = "".join(" " if ch.isspace() else ch for ch in raw.translate(NO_SENTINELS))
    kept = "".join(ch for ch in spaced if unicodedata.category(ch) != "Cc")
    text = unicodedata.normalize("NFC", " ".join(kept.split()))
    return text[:MAX_QUERY_CHARS].strip()


def query_words(query: str) -> list[str]:
    """The words of a query: runs of Unicode letters, digits and combining marks."""
    words: list[str] = []
    current: list[str] = []
    for ch in query + " ":
        if unicodedata.category(ch)[0] in "LNM":
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    # A run of bare combining marks is no word at all; FTS5 would see an empty string.
    return [w for w in words if any(unicodedata.category(ch)[0] in "LN" for ch in w)]


def search_words(words: list[str]) -> list[str]:
    """The words worth searching for: function words dropped unless nothing else is left."""
    kept = [w for w in words if w.casefold() not in STOPWORDS]
    return kept or words


def match_expression(words: list[str], operator: str = "AND") -> str:
    """An FTS5 MATCH expression of plain-string words, the last a prefix if it has 3+ characters."""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    if _stemmed_length(words[-1]) >= MIN_PREFIX_CHARS:
        quoted[-1] += "*"
    return f" {operator} ".join(quoted)


def _stemmed_length(word: str) -> int:
    # Step 1a of the porter stemmer (plurals: -sses to -ss, -ies to -i, -s dropped, -ss kept),
    # the one step that shortens words this short; the later steps need a longer stem.
    lowered = word.casefold()
    if lowered.endswith(("sses", "ies")):
        return len(lowered) - 2
    if lowered.endswith("s") and not lowered.endswith("ss"):
        return len(lowered) - 1
    return len(lowered)
