"""Minutes parser: registre text → dataclasses. Pure: standard library and portal.kernel.names
only (no Django model).

Modules: ``text`` (folding, lines, dates), ``names`` (one person's name and its notes),
``headings`` (the wording of section headings), ``sections`` (where sections begin and end,
separators, secretary), ``figures`` (the stated counts, in every layout), ``arbiter`` (the
stated counts as arbiter between two readings of a block that contradicts itself, and their
check against the lists), ``joining`` (where a
line break separates entries and where it only wraps one), ``proxies``, ``builder``
(entries → result), ``anomalies`` (consistency checks), ``documents`` (preamble, deliberation),
``roster`` (names resolved against the body's members, and the roster-guided reading that
locates them in each section), ``corpus`` (the hand-counted check, tuned and held-back sets),
``communes`` (the official list of communes and EPCI, COG, that tells a commune heading in
capitals from a surname; data in ``data/``, loaded on first use), ``tables`` (attendance
tables written as pipe tables, read by their column headers), ``columns`` (two-column layouts
flattened: a side column's labels inside a list, a column of headings before the names).

Reads what clerks actually write in a "extrait du registre des délibérations": the session
preamble, the attendance block (présents with per-item notes, procurations, excusés, absents,
secrétaire de séance, stated counts) and the deliberation itself.

Anomalies (an empty entry, two names glued together, a holder who is not present...) are
*reported* in ``AttendanceResult.anomalies``, never silently fixed: the parser still produces
its best reading so that a clerk can confirm or correct it. Never silently empty nor partial:
a heading with no name, surnames left unread in a section, no présent at all, or fewer names
than the stated figures are anomalies too.

Every regular expression is written in lower case without accents and runs on a folded copy of
the text (``_fold``) that has exactly the same length as the original, so that match spans
slice the original and names are returned as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .builder import _Builder
from .columns import ROW_LABEL, names_column_after_headings, without_margin_mentions
from .commune_runs import strip_commune_runs, strip_place_suffixes
from .documents import (
    OfficeHolder,
    parse_commune_list,
    parse_deliberation,
    parse_session_header,
    parse_vice_presidents,
)
from .entries import (
    commune_heading_lines,
    drop_leading_civilities,
    merge_continuations,
    only_civilities,
    repair_words,
    strip_capacities,
    strip_commune_words,
    strip_communes,
    strip_group_labels,
    strip_leading_places,
    strip_member_place,
    strip_place_runs,
    strip_run_in_headings,
)
from .figures import read_counts
from .headings import attending_as_present, staff_part
from .joining import _ARRIVAL_SENTENCE, _logical_lines
from .matching import _is_initials, same_person
from .names import _NOTE_START, _read_names, _token_kind, split_full_name
from .presidency import check_president_listed, presence_is_plain
from .proxies import split_chained
from .results import (
    ANOMALY_LABELS,
    Anomaly,
    AttendanceResult,
    DeliberationText,
    ParseError,
    PresentEntry,
    ProxyEntry,
    SessionHeader,
    StatedCounts,
)
from .roster import read_with_roster, resolve_with_roster
from .sections import (
    SuppleantLines,
    _find_secretary,
    _split_top_level,
    block_lines,
    find_sections,
    secretary_lines,
    several_secretaries,
    spaced_hyphen,
)
from .text import _GENDER_MARK, _fold, parse_date

__all__ = [
    "ANOMALY_LABELS",
    "Anomaly",
    "AttendanceResult",
    "DeliberationText",
    "ParseError",
    "PresentEntry",
    "ProxyEntry",
    "SessionHeader",
    "StatedCounts",
    "OfficeHolder",
    "parse_attendance",
    "parse_commune_list",
    "parse_vice_presidents",
    "parse_date",
    "parse_deliberation",
    "parse_session_header",
    "split_full_name",
]



def parse_attendance(text: str, *, roster: Iterable[str] | None = None) -> AttendanceResult:
    """Read the attendance block of a registre text.

    ``roster``: the names of the body's members ("NOM Prénom") when known; names written in
    another order, with initials or glued together are then resolved against it (see
    ``roster.py``).

    Raises ParseError when no section (présents, procurations, excusés, absents) is found.
    """
    side_secretaries: list[tuple[str, str]] = []
    cuts: list[str] = []
    shifted: list[str] = []
    lines = block_lines(text, side_secretaries, cuts, shifted)
    lines, staff = staff_part(lines)
    sections, end_index = find_sections(lines if staff is None else lines[:staff])
    sections, column = names_column_after_headings(sections)
    if not sections:
        raise ParseError(
            "Aucune liste de présence trouvée : le texte ne contient ni « Étaient présents », "
            "ni « Procurations », ni « Absents excusés »."
        )

    builder = _Builder()
    sections, attending = attending_as_present(sections)
    if attending:
        builder.anomaly("heading_guessed", "présents",
                        "Aucune liste intitulée « présents » : les listes « Assistaient à la "
                        "séance » ou titrées par une fonction (« Maire », « Conseillers "
                        "municipaux »…) sont lues comme celle des présents (membres), et non "
                        "comme celle des invités ou du personnel ; à vérifier.")
    builder.block_text = "\n".join(lines)
    for line, name in side_secretaries:
        builder.anomaly("guessed_split", line,
                        "« Secrétaire de séance : » imprimé au milieu de la liste (colonne "
                        f"latérale aplatie) : la liste continue après lui ; « {name} », nommé "
                        "une seconde fois après l'intitulé, lu comme secrétaire et compté une "
                        "fois.")
    for row in shifted:
        builder.anomaly("guessed_join", row,
                        "Ligne de tableau sans nom (« - ») suivie d'une ligne qui n'a que le "
                        f"nom : lues comme une seule ligne (« {row} ») ; vérifiez à qui "
                        "revient la case remplie.")
    for cut in cuts:
        builder.anomaly("guessed_join", cut,
                        f"Mot en capitales coupé par un trait d'union en fin de ligne : « {cut} » "
                        "(ni le mot entier ni le nom composé ne sont écrits ailleurs dans le "
                        "texte) : vérifiez ce nom.")
    if column:
        builder.anomaly("guessed_split", column[0],
                        "Tableau aplati : la colonne des intitulés (« Le Président », « Les "
                        "Membres »…) est imprimée avant celle des noms ; les "
                        f"{len(column)} lignes de noms sans « à » ni « par » écrites sous "
                        "« procurations » sont lues comme les présents.")
    builder.result.stated_counts = read_counts("\n".join(lines[:end_index]))
    read_per_section: list[list[str]] = []
    for index, (kind, section_lines) in enumerate(sections):
        before = Counter(_names_read(builder.result))
        removed = _read_section(builder, kind, section_lines)
        read = list((Counter(_names_read(builder.result)) - before).elements())
        read_per_section.append(read)
        if isinstance(section_lines, SuppleantLines):
            # "M. X (suppléant de M. Y)": Y, named in X's note, is the titular, no suppléant.
            replaced = {entry.replaces for entry in builder.result.present if entry.replaces}
            builder.result.suppleants += [name for name in read if name not in replaced]
        # "Étaient présents : / Membres titulaires : …": a heading over sub-headings.
        subheaded = index + 1 < len(sections) and sections[index + 1][0] == kind
        if kind != "ignore" and not (subheaded and not any(line.strip()
                                                            for line in section_lines)):
            _check_nothing_left(builder, kind, section_lines, read, removed)
    spaced = any(anomaly.kind == "guessed_join" and " - " in anomaly.text
                 for anomaly in builder.result.anomalies)
    limit = min(end_index + 3, len(lines))
    secretary = _find_secretary(lines, spaced_hyphens=spaced, limit=limit)
    if secretary:
        builder.result.secretary, joined = secretary
        if joined:
            builder.anomaly("guessed_join", builder.result.secretary,
                            "Secrétaire de séance : traits d'union entourés d'espaces lus comme "
                            f"des traits d'union (« {builder.result.secretary} »).")
        if several := several_secretaries(lines, limit=limit):
            for part in re.split(r"\s*(?:,|;|\bet\b)\s*", several)[1:]:
                read = _read_names(part)
                if read.valid and len(read.names) == 1:
                    builder.result.other_secretaries.append(read.names[0])
            builder.anomaly("several_secretaries", several,
                            f"Plusieurs secrétaires de séance (« {several} ») : seul "
                            f"« {builder.result.secretary} » est repris comme secrétaire ; "
                            "ajoutez les autres dans « autres secrétaires de séance » de la "
                            "séance.")
    else:
        for line in secretary_lines(lines, limit=limit):
            builder.anomaly("unread_text", line,
                            f"La ligne « {line} » parle du secrétaire de séance, mais aucun nom "
                            "n'y a été lu : à vérifier.")
    if not builder.result.present:
        builder.anomaly("empty_section", "présents",
                        "Aucun membre présent n'a été lu : la liste des présents manque ou n'a pas "
                        "été reconnue ; rien n'est à importer sans vérification.")
    block = "\n".join(lines[:end_index])
    if president := check_president_listed(builder.result, block):
        if presence_is_plain(president, block):
            # Whoever presides sits (L2121-14): counted once, among the présents.
            builder.result.present.insert(0, PresentEntry(president))
            builder.anomaly("president_unlisted", president,
                            f"« {president} » préside la séance (« sous la présidence de », dans "
                            "le préambule) et ne figure dans aucune liste : il est compté parmi "
                            "les présents, puisqu'il siège ; à confirmer.")
        else:
            builder.anomaly("president_unlisted", president,
                            f"« {president} » préside la séance (« sous la présidence de », dans "
                            "le préambule) mais ne figure dans aucune liste, et le texte le "
                            "nomme ailleurs avec une arrivée, un départ ou une absence : il "
                            "n'est pas ajouté aux présents ; vérifiez pour quelles questions "
                            "il siège.")
    builder.holders_by_office()
    if roster:
        roster = list(roster)
        resolve_with_roster(builder.result, roster)
        read_with_roster(builder.result, sections, read_per_section, roster)
    builder.check()
    return builder.result


# "Néant", "/", and "Cf page suivante" (the list is a table further on): no name here.
_NOTHING = re.compile(r"^(?:neant|sans\s+objet|aucune?|/|-|–|(?:cf\.?|voir)\s+(?:la\s+)?"
                      r"(?:page\s+suivante|tableau(?:\s+ci-(?:apres|dessous))?|annexe))\s*\.?$")


_SECTION_LABELS = {"present": "présents", "proxies": "procurations", "excused": "excusés",
                   "absent": "absents", "substitutes": "suppléances"}


def _names_read(result: AttendanceResult) -> list[str]:
    return ([entry.name for entry in result.present]
            + [entry.replaces for entry in result.present if entry.replaces]
            + [name for proxy in result.proxies for name in (proxy.giver, proxy.holder)]
            + result.excused + result.absent)


def _check_nothing_left(builder: _Builder, kind: str, section_lines: list[str],
                        read: list[str], removed: list[str]) -> None:
    """Never silently empty nor partial: a heading under which no name was read, or words in
    capitals (surnames) of the section that no name read contains, are reported with the
    line they stand in."""
    label = _SECTION_LABELS.get(kind, kind)
    text_lines = [line for line in section_lines if line.strip()]
    if not read:
        if not text_lines or all(_NOTHING.match(_fold(line)) or ROW_LABEL.match(_fold(line))
                                 for line in text_lines):
            if not text_lines:
                builder.anomaly("empty_section", label,
                                f"Rubrique « {label} » sans aucun nom : liste vide dans le "
                                "registre, ou noms perdus par l'extraction du texte ?")
            return
    # A name this section only refers to (a suppléant already among the présents) was read
    # all the same: every name read so far counts.
    words = {_fold(word) for name in _names_read(builder.result)
             for word in re.split(r"[\s\-.'’]+", name)}
    words |= {_fold(word) for heading in removed
              for word in re.split(r"[\s\-/.'’]+", heading)}
    for line in text_lines:
        # Names in notes are read as notes ("(remplace X)") or reported as notes not
        # understood; communes in notes ("(titulaire CHARMOIS)") are no one.
        outside_notes = re.sub(r"\([^()]*\)?", " ", line)
        left = [token for token in re.findall(r"[^\W\d_][^\s,;:()]*", outside_notes)
                if _token_kind(token) == "S" and sum(char.isalpha() for char in token) >= 3
                and not any(_fold(part) in words for part in re.split(r"[\-.'’]+", token)
                            if part)]
        if left:
            builder.anomaly("unread_text", line,
                            f"Noms non lus dans la liste des {label} : "
                            + ", ".join(f"« {word} »" for word in dict.fromkeys(left))
                            + f" (ligne « {line.strip()[:120]} »).")


def _read_section(builder: _Builder, kind: str, section_lines: list[str]) -> list[str]:
    """Reads one section into ``builder``; returns the group headings (communes, member
    EPCI) taken out of it."""
    removed_all: list[str] = []
    if kind == "ignore":
        return removed_all  # "Étaient également présents": staff and guests, not members.
    if isinstance(section_lines, SuppleantLines):
        # "Suppléants remplaçant … : X (pour Y)": under suppléants, X sits for Y.
        section_lines = [re.sub(r"\(\s*pour\s+", "(suppléant de ", line)
                         for line in section_lines]
    communes = commune_heading_lines(section_lines)
    if communes:
        builder.anomaly(
            "commune_heading", " / ".join(section_lines[index] for index in sorted(communes)),
            "Lignes lues comme des noms de communes et non comme des personnes : "
            + ", ".join(f"« {section_lines[index]} »" for index in sorted(communes)) + ".")
        removed_all += [section_lines[index] for index in communes]
        section_lines = [line for index, line in enumerate(section_lines)
                         if index not in communes]
    for logical in _logical_lines(section_lines):
        folded = _fold(logical)
        if _NOTHING.match(folded) or ROW_LABEL.match(folded.strip()):
            continue  # "Procurations : néant" is an empty list, not an entry.
        if kind == "present" and _arrival_of_a_present(builder, logical):
            continue
        logical = re.sub(r"^[-–•·]\s+", "", logical)
        # "… Joachim CLISSILLAC, Votants : 29 Raymond CLISSILLAC, …": a stated figure of a
        # header column flattened into the list (read with the stated counts), no name.
        if _INTERLEAVED_COUNT.search(logical):
            logical = _INTERLEAVED_COUNT.sub(" ", logical).strip(" ,")
        logical = without_margin_mentions(logical)
        # "Madame X - CD 16 Monsieur Y - CD 17": the member's council ("conseil
        # départemental" and its number) closes each entry, as a separator.
        if _MEMBER_COUNCIL.search(logical):
            builder.anomaly("commune_heading", logical,
                            "Rattachements des membres retirés de la liste : "
                            + ", ".join(f"« {found.strip(' -–')} »" for found in
                                        _MEMBER_COUNCIL.findall(logical)) + ".")
            logical = _MEMBER_COUNCIL.sub(",", logical).strip(" ,")
        # "… Mme Claire TAUSSESSAC-TAUTOLLE. 2": the page number after the list's last stop.
        logical = re.sub(r"(?<=[^\W\d_]{2}\.)\s+\d{1,3}$", "", logical)
        removed = []
        labels: list[str] = []
        if kind in {"present", "excused", "absent"}:
            logical, removed = strip_commune_runs(logical)
            logical, labels = strip_group_labels(logical)
            removed += labels
        logical, communes_removed = strip_communes(logical, capitals=kind != "proxies")
        removed += communes_removed
        logical, lost = strip_commune_words(logical)
        removed += lost
        if kind in {"present", "excused", "absent"}:
            logical, run_in = strip_run_in_headings(logical)
            removed += run_in
            if not run_in:
                logical, places = strip_place_runs(logical)
                if not places:
                    logical, places = strip_leading_places(logical)
                removed += places
        removed_all += removed
        if removed and not communes:
            # "Syndics : Messieurs A, B": a group of delegates named in words is no commune.
            what = ("Noms de communes" if not labels else "Intitulés de groupes de délégués"
                    if len(labels) == len(removed) else "Noms de communes et de groupes")
            builder.anomaly("commune_heading", logical,
                            f"{what} retirés de la liste : "
                            + ", ".join(f"« {name} »" for name in removed) + ".")
        if re.search(r"[,;]", logical) and re.search(r"\w - \w", logical):
            joined = re.sub(r"(?<=\w) - (?=\w)",
                            lambda match, line=logical: "-" if spaced_hyphen(line, match.start())
                            else " - ",
                            logical)
            if joined != logical:
                builder.anomaly("guessed_join", logical,
                                "Traits d'union entourés d'espaces lus comme des traits d'union "
                                "dans un nom (« X - Y » → « X-Y ») : vérifiez les noms composés.")
            logical = joined
        pieces = _split_top_level(logical)
        for position, (piece, inner) in enumerate(pieces):
            # A spaced dash left inside an entry joins a compound surname ("DEL RIO – MORVAN").
            joined = re.sub(r"(?<=\w)\s[-–—]\s(?=\w)", "-", piece)
            if joined != piece:
                builder.anomaly("guessed_join", piece,
                                f"Tiret entouré d'espaces lu comme un nom composé : « {piece} » → "
                                f"« {joined} ».")
                pieces[position] = (joined, inner)
        entries: list[str] = []
        for position, (piece, inner) in enumerate(pieces):
            if not piece:
                if inner:
                    before = pieces[position - 1][0]
                    after = pieces[position + 1][0]
                    where = (f"entre « {before} » et « {after} »" if after
                             else f"après « {before} »")
                    builder.anomaly("empty_entry", f"{before}, , {after}",
                                    f"Entrée vide {where} : un nom a-t-il été oublié ?")
                continue
            entries.append(piece)
        entries, suffixes = strip_place_suffixes(entries)
        if suffixes:
            removed_all += suffixes
            builder.anomaly("commune_heading", logical,
                            "Communes écrites après les noms retirées de la liste : "
                            + ", ".join(f"« {name} »" for name in suffixes) + ".")
        chained = []
        for piece in merge_continuations(entries):
            parts = (split_chained(piece, bare=kind == "proxies") if kind != "present"
                     else [piece])
            if len(parts) > 1:
                builder.anomaly("guessed_split", piece,
                                "Plusieurs procurations ou suppléances écrites à la suite sans "
                                "séparateur, lues comme : "
                                + ", ".join(f"« {part} »" for part in parts) + ".")
            chained += parts
        for piece in chained:
            piece, place = strip_member_place(piece)
            if place:
                builder.anomaly("commune_heading", place,
                                f"Commune ou EPCI du membre précédent retiré de la liste : "
                                f"« {place} ».")
            piece = drop_leading_civilities(_strip_end(piece))
            office = piece
            if kind != "proxies":
                piece = strip_capacities(piece)
            if not piece or only_civilities(piece):
                if kind == "present" and not piece:
                    # "M. Jacques X, / Maire, Mmes et MM. …" (wrapped after the name): the
                    # capacity alone is the office of the présent before it.
                    builder.note_office(office)
                continue  # "Mesdames et Messieurs", "Président": no person there
            piece, repairs = repair_words(piece)
            if repairs:
                builder.anomaly("guessed_join", piece,
                                "Mot coupé par l'extraction du PDF, recollé : "
                                + ", ".join(f"« {repair} »" for repair in repairs) + ".")
            if kind == "present" and _arrival_of_a_present(builder, piece):
                continue
            if kind == "present" and _is_note_only(piece) and builder.result.present:
                # "DUPONT Jean, arrivé à la question 3", "Valentine X, Maire (pouvoir de Y)"
                # (the capacity taken out): the note belongs to the previous name.
                last = builder.result.present[-1]
                note = piece.strip()
                if note.startswith("(") and note.endswith(")"):
                    note = note[1:-1]
                builder._apply_present_note([last], 0, note, piece)
                continue
            if kind == "present":
                builder.add_present(piece)
                builder.note_office(office)
            elif kind == "proxies":
                builder.add_proxy(piece)
            elif kind == "substitutes":
                builder.add_substitution(piece)
            else:
                builder.add_absent(piece, excused=kind == "excused")
    return removed_all


_MEMBER_COUNCIL = re.compile(r"\s[-–]\s(?:CD|CG|CR|CA|CC|CU)\s?\d{2,3}[AB]?(?=[\s,;.]|$)")
_INTERLEAVED_COUNT = re.compile(
    r"(?:(?<=[,;])|^)\s*(?:[Nn]ombre\s+de\s+\S+\s+)?(?:[Vv]otants|[Pp]r[ée]sents|[Aa]bsents|"
    r"[Pp]ouvoirs|[Pp]rocurations|[Ee]n\s+exercice)\s*:\s*\d+\s+")


def _arrival_of_a_present(builder: _Builder, logical: str) -> bool:
    """"Mr Lucas X est arrivé au cours de la séance (point n° 5).": a sentence under the
    présents about one of them, read as their note (an item, or said when it names none)."""
    sentence = _ARRIVAL_SENTENCE.match(_fold(logical))
    if not sentence:
        return False
    group = next(name for name in ("name", "arriving", "leaving", "departing") if sentence[name])
    arriving = group in {"name", "arriving"}
    end = sentence.end(group)
    read = _read_names(logical[sentence.start(group):end])
    if not (read.valid and len(read.names) == 1):
        return False
    listed = [entry for entry in builder.result.present if same_person(entry.name,
                                                                        read.names[0])]
    if len(listed) != 1:
        return False
    note = logical[end:].strip(" .")
    item = re.search(r"(?:point|question|dossier|affaire)s?\s*(?:n\s*[°o]\.?\s*)?(\d+)",
                     _fold(note))
    if item:
        # During the item named: present from it, or up to the one before it; after it
        # ("quitte la séance après le vote du point 7"): from the next, or up to it.
        number = int(item.group(1))
        after = re.search(r"\b(?:apres|a\s+l'issue)\b", _fold(note[:item.start()]))
        if arriving:
            note = f"arrivé lors de la question {number + 1 if after else number}"
        else:
            note = f"quitte la séance {'après' if after else 'lors de'} la question {number}"
    elif group in {"arriving", "departing"}:
        # "Départ de M. X à 21 h": the time, said as a presence limited in time.
        note = f"{'arrivé' if arriving else 'quitte la séance'} {note}"
    builder._apply_present_note(listed, 0, note, logical)
    return True


def _strip_end(piece: str) -> str:
    """Without the final full stop of a list ("… SOMON Nadine."), except an initial's
    ("LECLERC C.")."""
    piece = re.sub(r"\s+[-–]$", "", piece.strip(" :"))
    if piece.endswith(")."):
        piece = piece[:-1]  # "SAUSETIN Diane (S)."
    if piece.endswith(".") and not _is_initials(piece.split()[-1]):
        piece = piece[:-1].rstrip()
    return piece


def _is_note_only(piece: str) -> bool:
    stripped = piece.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        return True
    return bool(_NOTE_START.match(_fold(_GENDER_MARK.sub("", stripped))))

