"""The wording of attendance headings: how French minutes title the lists of présents,
procurations, excusés, absents and suppléances ("Étaient présents", "Absents excusés ayant
donné pouvoir", "Mandats", "Étaient suppléés"…), written in lower case without accents for the
folded text (see ``text._fold``). Where a heading ends and its list begins: ``sections``."""

from __future__ import annotations

import re

from .text import _fold

_G = r"(?:\(e\)|e)?(?:\(s\)|s)?(?:\(e?s\))?"  # présent(e)s, excusé(e)s, présents(es)...
# "absents excusés", "absents - excusés", "absents/excusés", "absents, excusés".
_ABSENT_EXCUSED = rf"absent{_G}\s*(?:[,/\-–]\s*|\s(?:et|ou)\s+)?excuse{_G}"
# What the présents are counted for: "Dont (48) présent(e)s avec droit de vote formant le
# quorum CAPV : …" — words of the heading, not the end of the block.
_VOTING = (r"(?:\s+(?:avec|ayant)\s+(?:droit\s+de\s+vote|voix\s+deliberatives?|vote))?"
           r"(?:\s+formant\s+(?:le\s+quorum|la\s+majorite(?:\s+des\s+membres)?"
           r"(?:\s+en\s+exercice)?))?")
_HEADING_BODY = (
    r"(?:[-–•]\s*)?(?:(?:etaient|etait|sont|est|membres|conseillers(?:\s+communautaires)?|"
    r"delegues|elus|liste\s+des)\s+)?(?:(?:titulaires|suppleants?)\s+)?(?:"
    # "Étaient également présents", "Étaient présents également": staff and guests.
    rf"(?P<ignore>(?:etai(?:en)?t\s+)?egalement\s+present{_G}|present{_G}\s+egalement|"
    # "SUPPLEANTS PRESENTS SANS VOTE :": suppléants attending while their titular sits.
    rf"present{_G}\s+sans\s+(?:droit\s+de\s+)?(?:vote|voix\s+deliberatives?)|"
    # "Autres personnes présentes :", "Autres participants :": staff and guests likewise.
    rf"autres\s+(?:personnes\s+present{_G}|participant{_G})|"
    # "Assistaient également", and in the present tense "ASSISTENT EGALEMENT A LA SEANCE".
    rf"assist(?:ai(?:en)?t|ent|e)\s+egalement(?:\s+a\s+la\s+(?:reunion|seance))?|"
    # "Invités :", "Personnel administratif :": guests and staff.
    rf"invitee?s?(?:\s+present{_G})?|personnels?\s+(?:administratifs?|techniques?|des\s+services)"
    rf"(?:\s+present{_G})?|"
    # "Assistaient à la séance :": guests under a list of présents, but the members themselves
    # in minutes that have no other (``attending_as_present``).
    rf"(?P<attending>assist(?:ai(?:en)?t|ent|e)(?:\s+a\s+la\s+(?:reunion|seance))?))"
    rf"|(?P<proxies>(?:{_ABSENT_EXCUSED}|absent{_G}|excuse{_G})\s+(?:ayant|avec|qui\s+ont|ont)\s+"
    rf"(?:donne|remis)\s+(?:procuration|pouvoir|mandat(?:\s+de\s+vote)?|delegation(?:\s+de\s+vote)?)"
    rf"{_G}"
    # "Excusés représentés", "Absents excusés et représentés" (by a proxy holder).
    rf"|(?:{_ABSENT_EXCUSED}|absent{_G}|excuse{_G})\s+(?:et\s+)?represente{_G}"
    # "Etaient porteurs d'un pouvoir : Mme X pour M. Y": holders first (see proxies.py).
    rf"|porteur{_G}\s+d'un\s+pouvoir"
    rf"|(?:absent|excuse){_G}\s+avec\s+(?:procuration|pouvoir){_G}"
    # "Mandats :", "Délégations de vote :" (the proxies by another name).
    rf"|mandat{_G}(?:\s+de\s+vote)?|delegation{_G}\s+de\s+vote"
    # "Mandataires : M. X pour M. Y": the holders first (see proxies.py).
    rf"|mandataire{_G}"
    # "Absent(es) ayant voté par procuration en application des articles L. 2121-20 … :"
    rf"|absent{_G}\s+ayant\s+vote\s+par\s+(?:procuration|pouvoir){_G}"
    rf"(?:\s+en\s+application\s+d[eu]s?\s+[^:]*)?"
    rf"(?:\s+par\s+(?:pouvoir|procuration){_G})?|represente{_G}(?:\s+par\s+"
    rf"(?:pouvoir|procuration){_G})?|(?:procuration|pouvoir){_G}(?:\s+donne{_G})?|"
    # "Ont donné procuration :", "A donné délégation de vote :", "Avaient donné mandat :".
    rf"(?:ont|a|avai(?:en)?t)\s+donne{_G}\s+(?:procuration|pouvoir|delegation|mandat){_G}"
    r"(?:\s+de\s+vote)?)"
    # "Étaient suppléés : X par Y": substitutes sitting for titular members (L5211-6); also
    # "Absents suppléés :", "Absents représentés par leur suppléant :".
    rf"|(?P<substitutes>(?:(?:absent|excuse){_G}\s+)?supplee{_G}(?:\s+par)?"
    rf"|(?:absent|excuse){_G}\s+(?:represente|remplace){_G}\s+par\s+(?:leur|son|sa|les|des)\s+"
    rf"suppleant{_G}"
    # "Suppléants remplaçant de droit titulaires absents : X (pour Y)": the suppléant first.
    rf"|suppleant{_G}\s+(?:remplacant|siegeant\s+pour)\s+(?:de\s+droit\s+)?"
    rf"(?:les\s+|des\s+|leurs?\s+)?titulaire{_G}(?:\s+absent{_G})?)"
    # "Excusés/absents", "absents ou excusés": one list, counted as excused.
    # "Absents (présence du suppléant) :": titulars whose suppléant sits, counted excused.
    rf"|(?P<excused>{_ABSENT_EXCUSED}|absent{_G}\s*\(\s*(?:presence|remplace{_G}\s+par)\s+"
    rf"(?:du|de\s+leur|leur|son|sa|le|la)\s+suppleant{_G}\s*\)|excuse{_G}\s*(?:[,/\-–]\s*|\s(?:et|ou)\s+)absent{_G}"
    rf"|excuse{_G}(?:\s+non\s+represente{_G}|\s+sans\s+(?:pouvoir|procuration){_G})?)"
    # "Absents non excusés", "Absent non représenté": absent (the "excusés" inside is negated).
    # "Absents sans procuration" likewise.
    # "Etaient absents ou représentés : X (pouvoir à Y), Z": absents, with their procurations.
    rf"|(?P<absent>absent{_G}(?:\s+non\s+(?:excuse|represente){_G}|\s+ou\s+represente{_G}"
    rf"|\s+sans\s+(?:pouvoir|procuration){_G})?)"
    rf"|(?P<present>present{_G}(?:\s+ou\s+represente{_G}(?:\s*\([^)]*\))?)?"
    rf"(?:\s+a\s+l'ouverture(?:\s+de\s+la\s+seance)?)?{_VOTING}"
    # "Présents en présentiel :", "Étaient présents en visioconférence :".
    r"(?:\s+(?:en\s+(?:visio(?:conference)?|presentiel|distanciel|salle)|a\s+distance))?"
    # "Présents Délégués titulaires / communes :": whom the members represent.
    rf"(?:\s+delegues\s+titulaires\s*/\s*communes)?)"
    # "Maire : X / Conseillers Municipaux : Y, Z": the members listed by office, at the start
    # of a line only (never cut out of a sentence); the présents when the block has no list
    # of présents of its own (``attending_as_present``).
    rf"|(?P<offices>^(?:(?:le\s+|la\s+)?maire|(?:les\s+)?adjoint{_G}(?:\s+au\s+maire)?|"
    rf"(?:les\s+)?conseill(?:er|ere){_G}\s+(?:municipa(?:l|ux|le)|communautaire){_G}|"
    # With its colon only: "Le Président" alone is a row label (see ``columns``).
    rf"(?:le\s+|la\s+)?president{_G}|(?:les\s+)?vice-?\s*president{_G})(?=\s*:))"
    # "Membres titulaires :", "Membres suppléants avec voix délibérative :" under the présents.
    rf"|(?P<subpresent>(?<=membres\s)(?:titulaires|suppleant{_G})"
    rf"(?:\s+avec\s+voix\s+deliberatives?)?"
    # "Délégués suppléants / communes avec voix délibérative :", "Délégués titulaires /
    # communautés de communes et communauté d'Agglomération :" (under "Présents").
    rf"|(?<=delegues\s)(?:titulaires|suppleant{_G})\s*/\s*(?:communes|communautes\s+de\s+"
    rf"communes(?:\s+et\s+communaute\s+d'\s*agglomeration)?)(?:\s+avec\s+voix\s+"
    rf"deliberatives?)?"
    # "Délégués suppléants ayant pouvoir de son titulaire :": the suppléants sitting in their
    # titular's place (L5211-6), not a list of procurations.
    rf"|(?<=delegues\s)suppleant{_G}\s+(?:ayant|avec)\s+(?:pouvoir|voix\s+deliberative)s?"
    rf"(?:\s+de\s+(?:son|leurs?)\s+titulaire{_G})?)"
    r")"
    # "Étaient présents Mesdames et Messieurs les délégué(e)s du Pays :": who they are.
    # "Ont donné procuration – Suppléant(e)s": a dash between the words of a heading.
    # "Étaient présents, Mesdames et Messieurs :": a comma may come first.
    r"(?:,?\s+(?:mesdames|messieurs|mmes|mm|et|les|des|du|de|la|l'|delegue\S*|conseill\S*|"
    r"[-–](?=\s+suppleant)|"
    r"en\s+tant\s+que|en\s+qualite\s+de|"
    r"membres|elus|titulaires|suppleant\S*|pays|comite|conseil|syndicat|bureau|"
    r"communautaires?|municipaux|syndicaux|suivant\S*))*"
    # "Étaient absents (titulaires) :", "Excusés (suppléants) :": whom the list is about.
    r"(?:\s*\((?:titulaires?|suppleant\S*|delegue\S*(?:\s+titulaires?|\s+suppleant\S*)?)\))?"
    # "PRESENTS [13] :", "Etaient présents (25) :", "Etait excusé () :": the figure of the
    # list (read with the stated counts), or its empty place.
    r"(?:\s*[\[(]\s*\d*\s*[\])])?"
)
_HEADING = re.compile(rf"^{_HEADING_BODY}\s*(?::\s*(?P<rest>.*))?$")
# A heading inside a line ("… M. Michèle SIMONET. Absents excusés : Mme …"): only with its colon,
# and not a stated count ("Présents : 22").
_INLINE_HEADING = re.compile(rf"(?<![\w'])(?:{_HEADING_BODY})\s*:(?!\s*\(?\d)")
_COUNTED_HEADING = re.compile(r"^[^\d:]+:\s*(?P<count>\d+)\s*$")

_INLINE_VERB_HEADING = re.compile(rf"(?<=\s)(?=etai(?:en)?t\s)(?:{_HEADING_BODY})(?![\w'])")
# "Présent(e)s C. Montin, …": a heading written without colon, recognisable by its marks.
# Not when the heading goes on: "Excusé(e)s ayant donné pouvoir :".
_INLINE_MARKED = re.compile(rf"(?<![\w'])(?:present\(e\)s{_VOTING}|excuse\(e\)s|absent\(e\)s)"
                            r"(?=\s+[^\s:\d])(?!\s+(?:ayant|avec|qui|ont|non|sans|et|ou|"
                            r"represente|excuse|absent)\b)")

_VERB_HEADING = re.compile(rf"^(?=etai(?:en)?t\s){_HEADING_BODY}(?=\s)")
# Letter-spaced headings lose their word breaks: "ABSENTSEXCUSESAYANTDONNEPOUVOIR".
_SQUEEZED_HEADING = re.compile(
    r"^(?:etaient)?(?:(?P<proxies>absents?(?:excuses?)?(?:ayant|ont)donnes?(?:pouvoirs?|"
    r"procurations?))|(?P<excused>absents?excuses?|excuses?)|(?P<absent>absents?)|"
    r"(?P<present>presents?))(?P<ignore>(?!))?(?P<subpresent>(?!))?$"
)

_KINDS = ("ignore", "proxies", "substitutes", "excused", "absent", "present", "subpresent",
          "offices")


def heading_kind(match: re.Match) -> str:
    """The kind of section a heading match opens ("attending", "offices": see
    ``attending_as_present``)."""
    kind = next(name for name in _KINDS if match.groupdict().get(name) is not None)
    return "attending" if kind == "ignore" and match.groupdict().get("attending") else kind


def attending_as_present(sections: list[tuple[str, list[str]]]
                         ) -> tuple[list[tuple[str, list[str]]], bool]:
    """Sections with "Assistaient à la séance :", or headed by an office ("Maire :",
    "Conseillers municipaux :"), read as the présents when the block has no list of présents
    of its own (then True: a reading the caller reports), and left aside (guests, or members
    named again by office) when it has one."""
    has_present = any(kind in {"present", "subpresent"} for kind, _ in sections)
    guessed = "ignore" if has_present else "present"
    read = [(guessed if kind in {"attending", "offices"} else kind, lines)
            for kind, lines in sections]
    return read, not has_present and any(kind in {"attending", "offices"} for kind, _ in sections)


# "ADMINISTRATEURS Étaient présents : … PERSONNELS ADMINISTRATIFS ET INVITÉS Étaient présents :
# …": the second part of the block names staff and guests, with lists of their own.
_STAFF_PART = re.compile(r"(?<![\w'])(?:personnels?\s+(?:administratifs?|techniques?|des\s+"
                         r"services)(?:\s+et\s+invitee?s?)?|invitee?s?\s+et\s+personnels?|"
                         r"invitee?s)(?![\w'])")


def staff_part(lines: list[str]) -> tuple[list[str], int | None]:
    """``lines`` with the heading of a staff-and-guests part (in capitals, after a list of
    présents, and with a list of présents of its own after it) opening a line of its own, and
    the index of that line (None without one): the lists under it are no members'. An
    « INVITÉS : » heading without a présents list of its own is left to the sections (the
    members' excused may follow it)."""
    seen_present = False
    for index, line in enumerate(lines):
        folded = _fold(line)
        for match in _STAFF_PART.finditer(folded):
            written = line[match.start():match.end()]
            after = _fold(" ".join([line[match.end():], *lines[index + 1:index + 4]]))
            if ((seen_present or "present" in folded[:match.start()]) and written.isupper()
                    and re.search(r"(?<![a-z])present", after)):
                head, tail = line[:match.start()].strip(), line[match.start():]
                return [*lines[:index], *([head] if head else []), tail, *lines[index + 1:]], \
                    index + (1 if head else 0)
        seen_present = seen_present or "present" in folded
    return lines, None
