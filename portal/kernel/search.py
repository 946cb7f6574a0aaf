"""French full-text search helpers shared by every app: the PostgreSQL configuration name,
the Snowball French stems (the algorithm behind PostgreSQL's `french` configuration, indexed by
SQLite's FTS5 through a function of the connection), and highlighted snippets.

This is the only module that imports snowballstemmer. It depends on nothing but the library.
"""

import functools
import re

import snowballstemmer

from portal.kernel.names import strip_accents

# Full-text configuration created by deliberations' migration 0003_search: `french` stemming
# after `unaccent`.
SEARCH_CONFIG = "french_unaccent"
# Highlight markers put around matched words in snippets. Control characters never occur in
# the registre text, so templates can HTML-escape a snippet first and then turn the markers
# into <mark> (portal_tags.highlight) without trusting the stored text.
MARK_START = "\x02"
MARK_STOP = "\x03"

# Words the `french` configuration ignores (PostgreSQL's tsearch_data/french.stop). PostgreSQL
# looks a word up in that list after `unaccent`, so only the entries written without accents
# ever match ("été" is indexed as "ete"); the same accent-free entries are listed here, and
# both databases drop the same words (tests/deliberations/test_search_parity.py).
STOPWORDS = frozenset(
    "au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me mes moi "
    "mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu "
    "un une vos votre vous c d j l m n s t y suis es est sommes sont serai seras sera serons "
    "serez seront serais serait serions seriez seraient fus fut furent sois soit soyons soyez "
    "soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus "
    "ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez "
    "auraient avais avait avions aviez avaient eut eurent aie aies ait ayons ayez aient eusse "
    "eusses eussions eussiez eussent".split()
)
WORD = re.compile(r"\w+")
# Name of the SQL function registered on every SQLite connection (register_sqlite_functions):
# the search triggers of deliberations' migration 0040 call it to index stems.
SQLITE_STEMS_FUNCTION = "portal_french_stems"


_FRENCH_STEMMER = snowballstemmer.stemmer("french")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """French stem for SQLite: accents and case folded, then the Snowball French
    stemmer, the algorithm behind PostgreSQL's `french` configuration, so that both databases
    match the same word forms ("logements" → "log", "rapportant" → "rapport")."""
    return _FRENCH_STEMMER.stemWord(strip_accents(word).lower())


def _stems(text: str):
    for word in WORD.findall(text.replace("’", "'")):
        folded = strip_accents(word).lower()
        if folded not in STOPWORDS:
            yield stem(word)


def search_terms(query: str) -> list[str]:
    """The stems a query asks for (all of them must match), stop words removed."""
    return list(dict.fromkeys(s for s in _stems(query) if s))


def stems_text(text: str | None) -> str:
    """The stems of a text, space-separated, stop words removed: what the SQLite full-text
    index holds for it (the same lexemes as PostgreSQL's `to_tsvector('french_unaccent')`)."""
    return " ".join(_stems(text or ""))


def fts5_query(terms: list[str]) -> str:
    """An SQLite FTS5 MATCH expression requiring every stem (each one quoted as a string)."""
    return " AND ".join('"{}"'.format(term.replace('"', '""')) for term in terms)


def register_sqlite_functions(dbapi_connection) -> None:
    """Make `portal_french_stems(text)` callable from SQL on an SQLite connection."""
    dbapi_connection.create_function(
        SQLITE_STEMS_FUNCTION, 1, stems_text, deterministic=True
    )


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
