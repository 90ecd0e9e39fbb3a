"""Build-time and query-latency figures for the search index on 5,000 synthetic articles.

Run from the repository root: `python benchmarks/search_bench.py` (or `make bench`). It prints
figures only and asserts nothing about time.

The text is generated to look like English to the index: its words follow Zipf's law over one
ranked vocabulary, the word of rank r used about 1/r as often as the most frequent. Common
function words ("the", "to", "your") hold the top ranks, so they make up about half of the
running text, as in English; then come a help centre's topic words and a few thousand made-up
content words, most of them rare. Everything is drawn from one seeded generator, so every run
indexes the same articles and times the same queries.

Headline figures are cold: every query goes straight to the index, as a query nobody has typed
since the content last changed does. The results cache the site keeps per process is timed
separately (warm), because a repeated query never reaches the index.
"""
from __future__ import annotations

import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpcentre.content.model import Article, Library, Section  # noqa: E402
from helpcentre.search.cache import ResultCache  # noqa: E402
from helpcentre.search.index import SearchIndex  # noqa: E402

ARTICLES = 5_000
CATEGORIES = 12
REPEATS = 5
SEED = 20240601
VOCABULARY_SIZE = 4_000

FUNCTION_WORDS = """the to and a of you your it is in for that on be can we with this if are or
not will have as do at from by an my i our they when what how there which about up out so
all but was one more has any would them then only also no other their its just should into
some than may been were get before after over these those need where while each both
""".split()
# Words a help centre really uses; they take the most frequent content ranks.
TOPIC_WORDS = """account password email address sign register profile settings security verify
code phone number device app browser session reset change update delete remove add create
order delivery return refund parcel tracking payment card invoice subscription cancel warranty
repair replacement damage battery screen charger registration serial model purchase receipt
contact support chat hours message team agent problem error help question answer page link
""".split()
ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
          "br", "cr", "dr", "fl", "gr", "pl", "pr", "sh", "st", "tr", "ch", "th", "sp"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"]
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng"]


def generated_words(rng: random.Random, count: int) -> list[str]:
    """`count` distinct pronounceable made-up words of one to four syllables."""
    taken = set(FUNCTION_WORDS) | set(TOPIC_WORDS)
    words: list[str] = []
    while len(words) < count:
        syllables = rng.choices([1, 2, 3, 4], [2, 5, 4, 1])[0]
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                       for _ in range(syllables))
        if 3 <= len(word) <= 14 and word not in taken:
            taken.add(word)
            words.append(word)
    return words


class Corpus:
    """The vocabulary and its Zipf-like weights, with helpers that draw words and text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.content = TOPIC_WORDS + generated_words(rng, VOCABULARY_SIZE - len(TOPIC_WORDS))
        self.vocabulary = FUNCTION_WORDS + self.content
        # Zipf: the word of rank r is used about 1/r as often as the most frequent one. Content
        # words keep their ranks below the function words when drawn on their own.
        ranks = range(1, len(self.vocabulary) + 1)
        self._all_cum = list(itertools.accumulate(1 / r for r in ranks))
        self._content_cum = list(itertools.accumulate(1 / r for r in ranks[len(FUNCTION_WORDS):]))

    def word(self) -> str:
        """One content word, by frequency."""
        return self.rng.choices(self.content, cum_weights=self._content_cum)[0]

    def token(self) -> str:
        """One word of running text, function words included."""
        return self.rng.choices(self.vocabulary, cum_weights=self._all_cum)[0]

    def sentence(self, low: int, high: int) -> str:
        """One sentence of `low` to `high` words."""
        return " ".join(self.token() for _ in range(self.rng.randint(low, high))).capitalize() + "."

    def paragraph(self, words: int) -> str:
        """Sentences adding up to roughly `words` words."""
        parts: list[str] = []
        count = 0
        while count < words:
            parts.append(self.sentence(6, 18))
            count += parts[-1].count(" ") + 1
        return " ".join(parts)


def synthetic_articles(corpus: Corpus) -> list[Article]:
    """ARTICLES articles, each an intro and 3–6 questions, a few hundred words."""
    rng, word = corpus.rng, corpus.word
    articles = []
    for number in range(ARTICLES):
        questions = [
            Section(f"q{q}", f"How do I {word()} my {word()} {word()}?", corpus.paragraph(rng.randint(40, 90)))
            for q in range(rng.randint(3, 6))
        ]
        articles.append(Article(
            slug=f"article-{number}", category=f"category-{number % CATEGORIES}", html="",
            title=f"{word().capitalize()} your {word()} {word()}", summary=corpus.sentence(8, 16),
            sections=(Section("", "", corpus.paragraph(rng.randint(30, 60))), *questions),
        ))
    return articles


def misspell(rng: random.Random, word: str) -> str:
    """The word with two neighbouring letters swapped and one dropped, as a hurried typist might."""
    i = rng.randrange(len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 3:]


def queries(corpus: Corpus) -> list[tuple[str, str]]:
    """A few hundred (kind, query) pairs of the sorts readers type, words picked by frequency."""
    rng, word = corpus.rng, corpus.word
    longer = lambda: max(word(), word(), key=len)  # noqa: E731  (misspelling needs 4+ letters)
    found = [("single", word()) for _ in range(100)]
    found += [("two words", f"{word()} {word()}") for _ in range(80)]
    found += [("question", f"how do i {word()} my {word()}") for _ in range(40)]
    found += [("typing", f"{word()} {word()[:rng.randint(1, 5)]}") for _ in range(40)]
    found += [("typing", word()[:rng.randint(1, 5)]) for _ in range(40)]
    found += [("misspelt", f"{word()} {misspell(rng, longer())} {word()}") for _ in range(50)]
    found += [("no result", f"zq{word()}x {word()}qz") for _ in range(30)]
    return found


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile of values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def table(title: str, timings: dict[str, list[float]]) -> None:
    """Print p50/p95/p99/mean per kind of query and for all of them."""
    every = [t for values in timings.values() for t in values]
    print(f"\n{title}")
    print(f"  {'kind':<10} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'mean':>8}  (ms)")
    for kind, values in [*timings.items(), ("all", every)]:
        print(f"  {kind:<10} {len(values):>5} {percentile(values, 50):>8.2f} {percentile(values, 95):>8.2f}"
              f" {percentile(values, 99):>8.2f} {statistics.fmean(values):>8.2f}")


def timed(call, *args) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Milliseconds one call takes: wall-clock, and CPU time of this thread."""
    started, cpu = time.perf_counter(), time.thread_time()
    call(*args)
    return (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000


def load() -> str:
    """The machine's load averages and cores, so figures from a busy machine can be told apart."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    """Build the index, time every query cold and through the results cache, print the figures."""
    corpus = Corpus(random.Random(SEED))
    articles = synthetic_articles(corpus)
    words = sum(len(a.title.split()) + len(a.summary.split()) + len(a.text.split()) for a in articles)
    titles = {f"category-{n}": f"Category {n}" for n in range(CATEGORIES)}
    started = time.perf_counter()
    index = SearchIndex(articles, titles)
    built = time.perf_counter() - started
    print(f"articles: {len(articles)}  rows: {sum(len(a.questions) + 1 for a in articles)}  words: {words}"
          f"  vocabulary: {len(FUNCTION_WORDS)} function + {len(corpus.content)} content words")
    print(f"build: {built:.2f} s")

    mix = queries(corpus)
    print(f"queries: {len(mix)} distinct, each timed {REPEATS} times; {load()}")
    cold: dict[str, list[float]] = {}
    cpu: list[float] = []
    slowest: dict[str, float] = {}
    for _ in range(REPEATS):
        for kind, query in mix:
            elapsed, used = timed(index.search, query)
            cold.setdefault(kind, []).append(elapsed)
            cpu.append(used)
            slowest[query] = max(elapsed, slowest.get(query, 0.0))
    table("cold: straight to the index, no results cache (headline, wall-clock)", cold)
    # CPU time leaves out waiting for a core, which other processes on a busy machine cause.
    print(f"  {'all, CPU':<10} {len(cpu):>5} {percentile(cpu, 50):>8.2f} {percentile(cpu, 95):>8.2f}"
          f" {percentile(cpu, 99):>8.2f} {statistics.fmean(cpu):>8.2f}")
    worst = sorted(slowest.items(), key=lambda pair: -pair[1])[:5]
    print("  slowest:", ", ".join(f"{query!r} {ms:.1f} ms" for query, ms in worst))

    # The same queries through the per-process results cache: filled once, then timed.
    cache = ResultCache()
    library = Library(articles={}, version="bench")
    for _, query in mix:
        cache.search(library, index, query)
    warm: dict[str, list[float]] = {}
    for _ in range(REPEATS):
        for kind, query in mix:
            warm.setdefault(kind, []).append(timed(cache.search, library, index, query)[0])
    table("warm: repeated queries answered by the results cache", warm)
    print(f"\n{load()}")


if __name__ == "__main__":
    main()
