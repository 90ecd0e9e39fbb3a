"""Build-time and query-latency figures for the search index on 5,000 synthetic articles.

Run from the repository root: `python benchmarks/search_bench.py`. It prints figures only.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpcentre.content.model import Article, Section  # noqa: E402
from helpcentre.search.index import SearchIndex  # noqa: E402

ARTICLES = 5_000
REPEATS = 5
SEED = 20240601

FUNCTION_WORDS = """the a an to of and or in on for with your you we it is are be can this that
from by at as if when not will do does how what why which my our their there then only also
""".split()
CONTENT_WORDS = """account password email address login sign register profile settings security
verify verification code phone number device app browser cookie session logout reset change
update delete remove add create invite team member owner admin role permission access share
link file folder upload download export import backup restore sync storage space limit plan
billing invoice payment card refund charge subscription trial upgrade downgrade cancel renew
receipt tax currency price discount coupon order shipping delivery return exchange tracking
parcel courier address postcode country language timezone notification alert message inbox
chat support ticket agent hours holiday contact feedback report problem error crash slow
loading blank page screen button menu search filter sort view print document image photo
video audio camera microphone speaker headset printer scanner network wifi connection proxy
firewall certificate domain website integration calendar contacts import mobile tablet laptop
desktop windows mac linux android iphone update version release beta feature shortcut keyboard
mouse accessibility contrast font size theme dark light mode privacy data retention consent
gdpr request erase transfer portability policy terms agreement licence seat usage quota
api token key webhook developer sandbox production log audit history activity recent old new
first last default custom automatic manual weekly monthly yearly daily expired locked disabled
enabled pending failed successful missing duplicate wrong correct secure strong weak temporary
permanent recover forgotten lost stolen hacked suspicious unusual blocked allowed verified
""".split()
VOCABULARY = FUNCTION_WORDS + CONTENT_WORDS
# Zipf-like: a few words (mostly function words) are everywhere, most are rare-ish.
WEIGHTS = [1 / (rank + 1) ** 0.9 for rank in range(len(VOCABULARY))]


def sentence(rng: random.Random, low: int, high: int) -> str:
    """One sentence of `low` to `high` weighted-random words."""
    words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    """Sentences adding up to roughly `words` words."""
    parts: list[str] = []
    count = 0
    while count < words:
        parts.append(sentence(rng, 6, 18))
        count += parts[-1].count(" ") + 1
    return " ".join(parts)


def synthetic_articles(rng: random.Random) -> list[Article]:
    """ARTICLES deterministic articles, each an intro and 3–6 questions, a few hundred words."""
    articles = []
    for number in range(ARTICLES):
        verb, noun, other = rng.choice(CONTENT_WORDS), rng.choice(CONTENT_WORDS), rng.choice(CONTENT_WORDS)
        questions = [
            Section(f"q{q}", f"How do I {rng.choice(CONTENT_WORDS)} my {rng.choice(CONTENT_WORDS)}?",
                    paragraph(rng, rng.randint(40, 90)))
            for q in range(rng.randint(3, 6))
        ]
        articles.append(Article(
            slug=f"article-{number}", category=f"category-{number % 12}", html="",
            title=f"{verb.capitalize()} your {noun} {other}", summary=sentence(rng, 8, 16),
            sections=(Section("", "", paragraph(rng, rng.randint(30, 60))), *questions),
        ))
    return articles


def misspell(rng: random.Random, word: str) -> str:
    """The word with two neighbouring letters swapped and one dropped, as a hurried typist might."""
    i = rng.randrange(len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 3:]


def queries(rng: random.Random) -> list[tuple[str, str]]:
    """A few hundred (kind, query) pairs of the sorts readers type."""
    pick = lambda: rng.choice(CONTENT_WORDS)  # noqa: E731
    found = [("single", pick()) for _ in range(100)]
    found += [("two words", f"{pick()} {pick()}") for _ in range(80)]
    found += [("prefix", f"{pick()} {pick()[:rng.randint(1, 4)]}") for _ in range(40)]
    found += [("prefix", pick()[:rng.randint(2, 5)]) for _ in range(40)]
    found += [("misspelt", f"{pick()} {misspell(rng, max(pick(), pick(), key=len))} {pick()}")
              for _ in range(50)]
    found += [("no result", f"zq{pick()}x {pick()}qz") for _ in range(30)]
    return found


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile of values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    """Build the index, time every query REPEATS times and print the figures."""
    rng = random.Random(SEED)
    articles = synthetic_articles(rng)
    words = sum(len(a.title.split()) + len(a.summary.split()) + len(a.text.split()) for a in articles)
    started = time.perf_counter()
    index = SearchIndex(articles, {f"category-{n}": f"Category {n}" for n in range(12)})
    built = time.perf_counter() - started
    print(f"articles: {len(articles)}  rows: {sum(len(a.questions) + 1 for a in articles)}  words: {words}")
    print(f"build: {built:.2f} s")

    mix = queries(rng)
    timings: dict[str, list[float]] = {}
    slowest: dict[str, float] = {}
    for _ in range(REPEATS):
        for kind, query in mix:
            started = time.perf_counter()
            index.search(query)
            elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault(kind, []).append(elapsed)
            slowest[query] = max(elapsed, slowest.get(query, 0.0))
    every = [t for values in timings.values() for t in values]
    print(f"queries: {len(mix)} distinct x {REPEATS} = {len(every)}")
    print(f"{'kind':<10} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'mean':>8}  (ms)")
    for kind, values in [*timings.items(), ("all", every)]:
        print(f"{kind:<10} {len(values):>5} {percentile(values, 50):>8.2f} {percentile(values, 95):>8.2f}"
              f" {percentile(values, 99):>8.2f} {statistics.fmean(values):>8.2f}")
    worst = sorted(slowest.items(), key=lambda pair: -pair[1])[:5]
    print("slowest:", ", ".join(f"{query!r} {ms:.1f} ms" for query, ms in worst))


if __name__ == "__main__":
    main()
