"""« Vouliez-vous dire … ? » for a search that finds nothing: each word of the query the
records do not hold is replaced by the closest word they hold, by trigram similarity.

The trigram similarity is PostgreSQL's pg_trgm one (words lower-cased and padded with two
spaces before and one after, similarity = shared trigrams / all trigrams). On PostgreSQL the
candidates are selected by pg_trgm's similarity() itself; on SQLite by the same computation
in Python; both are then ranked by the exact fraction (then edit distance, then the word),
so that both databases suggest the same words. The words come from the texts each kind of
result registers (sitesearch.register(vocabulary=…)), accents folded for the comparison.
"""

import itertools
import re
from collections import Counter
from fractions import Fraction

from django.db import connection

from portal.kernel import sitesearch
from portal.kernel.names import strip_accents

# pg_trgm's default similarity threshold (pg_trgm.similarity_threshold).
THRESHOLD = 0.3
# Close words tried per unknown word, and suggested queries tried at most (each one searched).
CANDIDATES = 3
ATTEMPTS = 6
LETTERS = re.compile(r"[^\W\d_]{3,}")


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word."""
    padded = f"  {word.lower()} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(first: str, second: str) -> Fraction:
    a, b = trigrams(first), trigrams(second)
    shared = len(a & b)
    return Fraction(shared, len(a) + len(b) - shared) if a or b else Fraction(0)


def edit_distance(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for i, x in enumerate(first, start=1):
        current = [i]
        for j, y in enumerate(second, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def vocabulary() -> dict[str, str]:
    """Every word of three letters or more the registered kinds hold: folded form → the form
    most often written (accents kept, lower case)."""
    forms: dict[str, Counter] = {}
    for kind in sitesearch.kinds():
        if kind.vocabulary is None:
            continue
        for text in kind.vocabulary():
            for word in LETTERS.findall(text or ""):
                lower = word.lower()
                forms.setdefault(strip_accents(lower), Counter())[lower] += 1
    return {folded: counts.most_common(1)[0][0] for folded, counts in forms.items()}


def _candidates(word: str, words: list[str]) -> list[str]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT w FROM unnest(%s::text[]) AS w WHERE similarity(w, %s) >= %s",
                           [words, word, THRESHOLD])
            return [w for (w,) in cursor.fetchall()]
    return [w for w in words if similarity(w, word) >= THRESHOLD]


def closest(word: str, words: list[str], count: int = CANDIDATES) -> list[str]:
    """The `count` vocabulary words closest to `word` (folded), best first, above the
    threshold."""
    ranked = sorted(_candidates(word, words),
                    key=lambda w: (-similarity(w, word), edit_distance(w, word), w))
    return ranked[:count]


def suggest(query: str) -> str | None:
    """The query with each unknown word replaced by a close known one, the closest first,
    keeping the first combination that finds results ("cadastre solère": "soleil" is
    closer than "solaire", but only "cadastre solaire" finds something); None when no
    combination does."""
    known = vocabulary()
    words = sorted(known)
    tokens = re.split(r"(\W+)", query.strip())
    choices = []
    for token in tokens:
        folded = strip_accents(token.lower())
        if not LETTERS.fullmatch(token) or folded in known:
            choices.append([token])
        else:
            choices.append([known[w] for w in closest(folded, words)] or [token])
    combinations = sorted(
        itertools.product(*(enumerate(options) for options in choices)),
        key=lambda combination: sum(rank for rank, _ in combination))
    for combination in combinations[:ATTEMPTS]:
        suggestion = "".join(word for _, word in combination)
        if suggestion != query.strip() and sitesearch.search_all(suggestion, limit=1):
            return suggestion
    return None
