"""French full-text search helpers shared by every app: the PostgreSQL configuration name,
the Snowball French stems (the algorithm behind PostgreSQL's `french` configuration, used where
the database has no French search), and highlighted snippets.

This is the only module that imports snowballstemmer. It depends on nothing but the library.
"""

import functools
import re

import snowballstemmer

from portal.names import strip_accents

# Full-text configuration created by deliberations' migration 0003_search: `french` stemming
# after `unaccent`.
SEARCH_CONFIG = "french_unaccent"
# Highlight markers put around matched words in snippets. Control characters never occur in
# the registre text, so templates can HTML-escape a snippet first and then turn the markers
# into <mark> (portal_tags.highlight) without trusting the stored text.
MARK_START = "\x02"
MARK_STOP = "\x03"

# Words the French configuration ignores; the SQLite fallback drops the same common ones.
_STOPWORDS = frozenset(
    "a au aux avec ce ces d dans de des du elle en et eux il je l la le les leur lui m ma mais "
    "me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur "
    "t ta te tes toi ton tu un une vos votre vous y c j".split()
)
WORD = re.compile(r"\w+")


_FRENCH_STEMMER = snowballstemmer.stemmer("french")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """French stem for the SQLite fallback: accents and case folded, then the Snowball French
    stemmer, the algorithm behind PostgreSQL's `french` configuration, so that both databases
    match the same word forms ("logements" → "log", "rapportant" → "rapport")."""
    return _FRENCH_STEMMER.stemWord(strip_accents(word).lower())


def search_terms(query: str) -> list[str]:
    """The stems a query asks for (all of them must match), stop words removed."""
    terms = []
    for word in WORD.findall(query.replace("’", "'")):
        word_stem = stem(word)
        if word_stem and word_stem not in _STOPWORDS and word_stem not in terms:
            terms.append(word_stem)
    return terms


def python_snippet(text: str, terms: list[str], words: int = 30) -> str:
    """About `words` words of `text` around the first matched term, matches marked."""
    tokens = list(WORD.finditer(text))
    if not tokens:
        return ""
    first = next((i for i, t in enumerate(tokens) if stem(t.group()) in terms), 0)
    start = max(0, first - words // 3)
    end = min(len(tokens), start + words)
    out, cursor = [], tokens[start].start()
    for token in tokens[start:end]:
        out.append(text[cursor:token.start()])
        if stem(token.group()) in terms:
            out.append(f"{MARK_START}{token.group()}{MARK_STOP}")
        else:
            out.append(token.group())
        cursor = token.end()
    snippet = "".join(out).strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return f"{prefix}{snippet}{suffix}"
