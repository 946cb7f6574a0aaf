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


def word_forms(word: str) -> set[str]:
    """The word, folded, with its plural or singular (French regular forms): "vélo" and
    "vélos", "journal" and "journaux", "réseau" and "réseaux". Snowball leaves a final "s"
    after a vowel ("vélos" stays "velos"), so the two forms are searched together. Short
    words keep their form only ("bus" is no plural of "bu")."""
    folded = strip_accents(word).lower()
    forms = {folded}
    if folded.endswith(("s", "x")):
        if len(folded) >= 5:
            forms.add(folded[:-1])
            if folded.endswith("aux"):
                forms.add(folded[:-3] + "al")
    elif len(folded) >= 3 and not folded.endswith("z"):
        forms.add(folded + "s")
        if folded.endswith("al"):
            forms.add(folded[:-2] + "aux")
        if folded.endswith(("au", "eu")):
            forms.add(folded + "x")
    return forms


def search_term_groups(query: str) -> list[tuple[str, ...]]:
    """What a query asks for: for each of its words (stop words removed), the stems of its
    singular and plural forms. A text matches when it holds one stem of every group. Both
    databases search these very stems (SQLite's FTS5 table and PostgreSQL's vector hold the
    same Snowball stems), hence the same results."""
    groups = []
    for word in WORD.findall((query or "").replace("’", "'")):
        if strip_accents(word).lower() in STOPWORDS:
            continue
        group = tuple(sorted({stem(form) for form in word_forms(word)
                              if form not in STOPWORDS} - {""}))
        if group and group not in groups:
            groups.append(group)
    return groups


def search_terms(query: str) -> list[str]:
    """Every stem a query may match (the stems of search_term_groups, for highlighting)."""
    return list(dict.fromkeys(s for group in search_term_groups(query) for s in group))


def group_score(stems, groups: list[tuple[str, ...]]) -> int:
    """How many of a text's stems (a Counter) hit the groups; 0 unless every group is hit."""
    hits = [sum(stems[s] for s in group) for group in groups]
    return sum(hits) if hits and all(hits) else 0


def fts5_group_query(groups: list[tuple[str, ...]]) -> str:
    """An SQLite FTS5 MATCH expression: one stem of every group (each stem quoted)."""
    return " AND ".join("(" + " OR ".join(fts5_query([s]) for s in group) + ")"
                        for group in groups)


def tsquery_text(groups: list[tuple[str, ...]]) -> str:
    """The same request as a PostgreSQL tsquery of stems (to_tsquery('simple', …), the
    stems being those `french_unaccent` indexes)."""
    return " & ".join("(" + " | ".join("'{}'".format(s.replace("'", "''").replace("\\", ""))
                                       for s in group) + ")" for group in groups)


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
    terms = set(terms)
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
