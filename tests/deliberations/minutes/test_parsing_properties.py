"""Property-based tests: whatever text a clerk pastes, the parser answers with a result or a
ParseError, never with another exception; and well-formed lists are read back exactly."""

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deliberations.minutes.parsing import (
    AttendanceResult,
    ParseError,
    parse_attendance,
    parse_deliberation,
    parse_session_header,
)
from portal.kernel.names import name_key

FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Fragments clerks write, to steer random text towards the parser's paths.
FRAGMENTS = [
    "ETAIENT PRESENTS :", "Présents :", "**PROCURATIONS :**", "Pouvoirs :", "Excusés :",
    "ETAIENT ABSENTS EXCUSES :", "Absents :", "Délégués représentés par pouvoir :",
    "donne procuration à", " à ", "(à partir de la question 5)", "(jusqu'à la question 4)",
    "(suppléant de", "(remplacée par", ")", "(", ", ,", ", ", " - ", ";", "\n", "\n\n", "*",
    "M.", "Mme", "DUPONT Jean", "MEY-", "FROIDT Sylvie", "LE PENHUIZIC Anne", "PENAUD JP.",
    "est élu Secrétaire", "Secrétaire de séance :", "La séance est ouverte",
    "Nombre de conseillers en exercice : 36", "présents : 26", "votants : 33",
    "procurations : 7", "arrivé(e) à la question", "quitte la séance après la question", "12",
    "0", "99999999999999999999", "« ", " »", "DELIBERATION DU CONSEIL", "20 OCT. 2022",
    "s'est réuni", "sous la présidence de", "le 1er janvier 2023 à 25 H 99",
    # Pipe tables, footnote calls, letter-spaced headings (tables.py, sections.py).
    "|Absents|Ni pouvoir|Suppléant|Pouvoir donné à…|", "|---|---|", "|", "|X|", "| |-|",
    "Cf page suivante.", " :1", "A B S E N T S E X C U S E S", "Titulaires :", "(48)",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40).map("".join),
)


@FAST
@given(texts)
def test_any_text_gives_a_result_or_a_parse_error(text):
    try:
        result = parse_attendance(text)
    except ParseError as error:
        assert str(error)
        return
    assert isinstance(result, AttendanceResult)
    data = result.to_dict()
    assert all(isinstance(entry["name"], str) and entry["name"] for entry in data["present"])
    assert all(anomaly["message"] for anomaly in data["anomalies"])


@FAST
@given(texts)
def test_header_and_deliberation_never_crash(text):
    for parse in (parse_session_header, parse_deliberation):
        try:
            parse(text)
        except ParseError:
            pass


# Civilities in capitals ("MME", "MLLE") are dropped by design: not surnames. "ET" opening a
# line is the conjunction of a list wrapped after it ("A, B\nET C"), never a surname: the
# text alone cannot tell them apart, and the parser reads the conjunction. "QUI" after a
# comma opens the relative clause of the entry before ("X, qui a donné pouvoir à Y"): the
# entries are then read apart and the join reported (glued_names), as Hypothesis found with
# "AA Aa, QUI Aa" (on main as well).
surnames = st.lists(st.sampled_from(string.ascii_uppercase), min_size=2, max_size=10).map(
    "".join).filter(lambda word: word not in {"MME", "MMES", "MLLE", "ET", "QUI"})
given_names = st.tuples(st.sampled_from(string.ascii_uppercase),
                        st.text(alphabet="abcdefghéèï", min_size=1, max_size=8)).map("".join)
people = st.lists(st.tuples(surnames, given_names).map(" ".join), min_size=1, max_size=20,
                  unique_by=name_key)


@FAST
@given(people, st.sampled_from([", ", " ; ", "\n", " - "]))
# Found by Hypothesis: a line ending with the given name "Sa" was joined as if "par sa".
@example(["AA Sa", "AA Aa"], "\n")
def test_well_formed_lists_are_read_back(names, separator):
    result = parse_attendance("ETAIENT PRESENTS :\n" + separator.join(names))
    assert [entry.name for entry in result.present] == names
    assert result.anomalies == []


@FAST
@given(people, people)
# Found by Hypothesis: "a donne" inside "Ma donne" was read as a verb opening another entry.
@example(["AA Ma"], ["AA Aa"])
def test_proxies_are_read_back(givers, holders):
    pairs = list(zip(givers, holders, strict=False))
    holders_used = [holder for _, holder in pairs]
    givers_used = [giver for giver, _ in pairs]
    text = ("Présents : " + ", ".join(holders_used) + "\nPROCURATIONS :\n"
            + ", ".join(f"{giver} donne procuration à {holder}" for giver, holder in pairs))
    result = parse_attendance(text)
    assert [(p.giver, p.holder) for p in result.proxies] == list(zip(givers_used, holders_used,
                                                                      strict=True))
