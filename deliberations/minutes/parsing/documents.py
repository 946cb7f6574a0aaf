"""The rest of a registre extract: session preamble, deliberation, member communes,
vice-presidents."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .names import _clean_name, _read_names, _token_kind, split_full_name
from .results import DeliberationText, ParseError, SessionHeader
from .text import _clean_lines, _fold, _normalise_space, parse_date

# --------------------------------------------------------------------------------------------
# Session preamble
# --------------------------------------------------------------------------------------------

_PREAMBLE = re.compile(r"s'est\s+reunie?")
_HOUR = re.compile(r"\b(\d{1,2})\s*(?:h|heures?)\s*(\d{2})?\b")
_PLACE_PREFIX = re.compile(
    r"^(?:a\s+la|a\s+l'|au|aux|en\s+l'|en\s+la|en|dans\s+la|dans\s+l'|dans\s+le|a)\s*"
)


def parse_session_header(text: str) -> SessionHeader:
    """Read the preamble: date, hour, body, place, president, convocation date and where the
    convocation was posted. Raises ParseError when there is no "s'est réuni" sentence."""
    paragraph = _preamble_paragraph(text)
    folded = _fold(paragraph)
    meeting = _PREAMBLE.search(folded)
    assert meeting is not None  # _preamble_paragraph guarantees it
    date = parse_date(paragraph[: meeting.start()])
    if date is None:
        raise ParseError("Date de la séance introuvable dans le préambule.")
    hour = _HOUR.search(folded[: meeting.start()])
    starts_at = (datetime.time(int(hour.group(1)), int(hour.group(2) or 0))
                 if hour and int(hour.group(1)) < 24 and int(hour.group(2) or 0) < 60 else None)

    body_match = re.search(r"(?:^|,)\s*(?:le|la|les)\s+([^,]+?)\s*$", folded[: meeting.start()])
    body_name = (paragraph[body_match.start(1):body_match.end(1)]
                 if body_match else "")

    after = meeting.end()
    presidency = re.search(r"sous\s+la\s+presidence\s+de\s+", folded)
    place = ""
    if presidency and presidency.start() > after:
        place = paragraph[after:presidency.start()].strip(" ,")
        prefix = _PLACE_PREFIX.match(_fold(place))
        place = place[prefix.end():].strip() if prefix else place

    president, capacity = None, ""
    convocation = re.search(r"(?:en\s+suite\s+d'une\s+|sur\s+|apres\s+)?convo(?:cation|que)",
                            folded)
    if presidency:
        end = convocation.start() if convocation and convocation.start() > presidency.end() \
            else len(paragraph)
        segment = paragraph[presidency.end():end].strip(" ,.")
        name_part, _, capacity = segment.partition(",")
        president = _clean_name(name_part)
        capacity = capacity.strip(" ,")

    convened_on = None
    if convocation:
        convened_on = parse_date(paragraph[convocation.start():])
    posted = re.search(r"affichee?\s+(?:a\s+l'|a\s+la|au|a|en)\s*(.+?)\s*[.,;]?\s*$", folded)
    posted_at = paragraph[posted.start(1):posted.end(1)].strip() if posted else ""
    return SessionHeader(
        date=date, starts_at=starts_at, body_name=body_name.strip(), place=place,
        president=president, president_capacity=capacity, convened_on=convened_on,
        convocation_posted_at=posted_at,
    )


def _preamble_paragraph(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    for paragraph in paragraphs:
        flat = _normalise_space(paragraph.replace("\n", " "))
        if _PREAMBLE.search(_fold(flat)):
            return flat
    raise ParseError("Préambule de séance introuvable (« … s'est réuni … »).")


# --------------------------------------------------------------------------------------------
# Deliberation
# --------------------------------------------------------------------------------------------

_DECISION_VERBS = (
    "ADOPTE", "PREND ACTE", "PRECISE", "AUTORISE", "INFORME", "DECIDE", "APPROUVE", "DESIGNE",
    "DIT", "CHARGE", "ACCEPTE", "EMET", "ABROGE", "CONFIRME", "SOLLICITE", "FIXE", "ATTRIBUE",
    "ACTE", "RAPPELLE", "DONNE", "RETIENT", "VALIDE", "MANDATE", "S'ENGAGE", "ELIT", "PROCEDE",
    "REJETTE", "CREE", "SUPPRIME", "MODIFIE", "DELEGUE", "OCTROIE", "ACCORDE", "AFFECTE",
    "ARRETE", "AUTORISENT", "INSCRIT", "PREND NOTE",
)
_ARTICLE = re.compile(
    r"^(?:article\s+\d+\s*[:\-–.]?\s*)?(?:" + "|".join(
        re.escape(_fold(verb)) for verb in sorted(_DECISION_VERBS, key=len, reverse=True)
    ) + r")\b"
)
_VOTE = re.compile(
    r"^(?:a|a\s+l'|par)\s*(?:la\s+majorite|l'unanimite|unanimite|\d+\s+voix|majorite)"
)


def _paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each flattened to one line."""
    lines = _clean_lines(text)
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return [" ".join(lines_) for lines_ in paragraphs]


def _is_article_start(line: str) -> bool:
    # Upper-case verb as written: "ADOPTE le projet", not "Adopte" inside a sentence.
    stripped = line.strip()
    match = _ARTICLE.match(_fold(stripped))
    if not match:
        return False
    verb = stripped[match.start():match.end()]
    letters = [char for char in verb if char.isalpha()]
    return all(char.isupper() for char in letters[-4:])


def parse_deliberation(text: str) -> DeliberationText:
    """Read the deliberation that follows the attendance block of an extract.

    Raises ParseError when the text holds no "DELIBERATION DU ..." heading nor a report.
    """
    lines = _clean_lines(text)
    start = _deliberation_start(lines)
    body = lines[start:]
    # Line-level walk: headings and the report are paragraph based, the tail line based.
    flat = "\n".join(body)
    paragraphs = _paragraphs(flat)
    if not paragraphs:
        raise ParseError("Texte de délibération vide.")

    heading, date, index = "", None, 0
    if re.match(r"^deliberation\s+d", _fold(paragraphs[0])):
        heading = paragraphs[0]
        date = parse_date(heading)
        heading = re.sub(r"\s+(?:\d{1,2}|1er)\s+\S+\s+\d{4}\s*$", "", heading).strip()
        index = 1
        if date is None and len(paragraphs) > 1:
            date = parse_date(paragraphs[1]) if len(paragraphs[1]) < 40 else None
            index += 1 if date else 0

    expose = next((position for position in range(index, len(paragraphs))
                   if re.search(r"\bexpose\b|\brapporteur\b", _fold(paragraphs[position]))),
                  None)
    if expose is None:
        expose = next((position for position in range(index, len(paragraphs))
                       if paragraphs[position].lstrip().startswith("«")), None)
    if expose is None:
        raise ParseError("Exposé de la délibération introuvable.")
    titles = paragraphs[index:expose]
    theme, title = ("", titles[0]) if len(titles) == 1 else (
        (titles[0], " ".join(titles[1:])) if titles else ("", ""))
    title = _normalise_space(re.sub(r"\s*[–-]\s*$", "", title))

    report, after_report = _read_report(paragraphs, expose)
    request, vote, articles, tail = _read_decision(paragraphs[after_report:])
    appeal = next((article for article in articles
                   if re.match(r"^informe\b", _fold(article)) and "recours" in _fold(article)),
                  "")
    decision_articles = [article for article in articles if article != appeal]
    capacity, signatory, received, published = _read_certificate(tail)
    return DeliberationText(
        body_heading=heading, date=date, theme=theme, title=title, report=report,
        president_request=request, vote_wording=vote,
        decision="\n\n".join(decision_articles), appeal_clause=appeal,
        signatory=signatory, signatory_capacity=capacity, received_on=received,
        published_on=published, articles=articles,
    )


def _deliberation_start(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if re.match(r"^deliberation\s+d[ue]", _fold(line)):
            return index
    for index, line in enumerate(lines):
        if re.match(r"^la\s+seance\s+est\s+ouverte", _fold(line)):
            return index + 1
    return 0


_REPORT_END = re.compile(
    r"demande\s+a\s+l'assemblee|^sur\s+(?:la\s+)?proposition|^vu\b|^(?:a|par)\s+(?:la\s+)?"
    r"(?:majorite|l'unanimite|unanimite)"
)


def _read_report(paragraphs: list[str], expose: int) -> tuple[str, int]:
    """The exposé between « and its matching » (nested guillemets included), or, in a
    registre without guillemets, the paragraphs up to the president's request or the vote.
    Returns the report and the index of the paragraph that follows it."""
    depth, opened = 0, False
    for current in range(expose, len(paragraphs)):
        for char in paragraphs[current]:
            if char == "«":
                depth, opened = depth + 1, True
            elif char == "»":
                depth -= 1
        if opened and depth <= 0:
            text = "\n\n".join(paragraphs[expose:current + 1])
            return text[text.index("«") + 1:text.rindex("»")].strip(), current + 1
        if not opened and current > expose and _REPORT_END.search(_fold(paragraphs[current])):
            break
    # No guillemets: everything after the "expose" sentence until the request or the vote.
    end = next((index for index in range(expose + 1, len(paragraphs))
                if _REPORT_END.search(_fold(paragraphs[index]))
                or _is_article_start(paragraphs[index])), len(paragraphs))
    return "\n\n".join(paragraphs[expose + 1:end]).strip(), end


def _read_decision(paragraphs: list[str]) -> tuple[str, str, list[str], list[str]]:
    """(president request and visas, vote wording, articles, remaining paragraphs)."""
    request: list[str] = []
    vote = ""
    articles: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if _is_article_start(paragraph):
            break
        vote_line = _vote_in(paragraph)
        if vote_line is not None:
            before, vote = vote_line
            if before:
                request.append(before)
            index += 1
            break
        request.append(paragraph)
        index += 1
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if re.match(r"^(?:ainsi\s+fait|fait\s+et\s+delibere|pour\s+extrait|certifie)",
                    _fold(paragraph)):
            break
        if _is_article_start(paragraph) or not articles:
            articles.append(paragraph)
        else:
            articles[-1] += "\n\n" + paragraph
        index += 1
    return "\n\n".join(request), vote, articles, paragraphs[index:]


def _vote_in(paragraph: str) -> tuple[str, str] | None:
    """Split "Sur proposition..., Le Bureau communautaire, A la majorité absolue," into the
    request part and the vote wording."""
    parts = [part.strip() for part in re.split(r",\s+(?=[A-ZÀ-Ý])|,$", paragraph)]
    parts = [part for part in parts if part]
    for position, part in enumerate(parts):
        if _VOTE.match(_fold(part)):
            before = ",\n".join(parts[:position])
            return (before + "," if before else ""), part.rstrip(" ,.")
    return None


_CERT_DATE = r"\s*(?:le)?\s*:?\s*(.{0,40})"


def _read_certificate(paragraphs: list[str]) -> tuple[str, str | None, datetime.date | None,
                                                      datetime.date | None]:
    """(signatory capacity, signatory name, received on, published on) from the closing."""
    text = "\n".join(paragraphs)
    folded = _fold(text)
    received = published = None
    if match := re.search(r"reception\s+(?:en|a\s+la)\s+(?:sous-?\s*)?prefecture" + _CERT_DATE,
                          folded):
        received = parse_date(text[match.start(1):match.end(1)])
    if match := re.search(r"publication\s+(?:au\s+recueil[^:]*|en\s+ligne)?" + _CERT_DATE,
                          folded):
        published = parse_date(text[match.start(1):match.end(1)])

    capacity = ""
    if match := re.search(r"pour\s+extrait\s+conforme\s*,?", folded):
        segment = text[match.end():]
        segment = re.split(r"certifie", _fold(segment), maxsplit=1)[0]
        segment = text[match.end():match.end() + len(segment)]
        parts = [part.strip(" ,") for part in re.split(r",|\n", segment) if part.strip(" ,")]
        capacity = ", ".join(
            part if position == 0 else re.sub(r"^(Le|La|Les) ", lambda m: m.group(1).lower()
                                              + " ", part)
            for position, part in enumerate(parts)
        )
    # The signatory's name follows the certificate; the annexes come after it.
    start = next((position for position, paragraph in enumerate(paragraphs)
                  if "publication" in _fold(paragraph)), 0)
    signatory = None
    for paragraph in paragraphs[start:start + 8]:
        read = _read_names(paragraph.strip(" ,"))
        if (read.valid and len(read.names) == 1 and len(paragraph.split()) <= 5
                and {"S", "G"} <= {_token_kind(token) for token in paragraph.split()}):
            signatory = read.names[0]
            break
    return capacity, signatory, received, published


# --------------------------------------------------------------------------------------------
# Facts stated elsewhere in the documents: member communes, vice-presidents
# --------------------------------------------------------------------------------------------


def parse_commune_list(text: str) -> list[str]:
    """Commune names of a "100 communes engagées ... ! Allouagne • Ames • ..." line.

    The longest bullet-separated line that mentions communes is taken; the words before the
    first name ("... durable !") are dropped. Returns [] when there is no such line.
    """
    best: list[str] = []
    for line in _clean_lines(text):
        if line.count("•") < 10 or "commune" not in _fold(line):
            continue
        pieces = [piece.strip(" .,;") for piece in line.split("•")]
        pieces[0] = re.split(r"[!:]", pieces[0])[-1].strip()
        names = [piece for piece in pieces if piece]
        if len(names) > len(best):
            best = names
    return best


@dataclass
class OfficeHolder:
    """A vice-president as a document presents them: "14e Vice-Président en charge de ..."."""

    name: str  # NOM Prénom
    rank: int
    delegation: str
    mayor_of: str


_VICE_PRESIDENT = re.compile(
    r"^(\d{1,2})\s*(?:er|ere|e|eme)\s+vice-presidente?\s*(?:en\s+charge\s+(?:de\s+|du\s+|"
    r"des\s+|d'\s*)?(?P<delegation>[^•]*))?(?:•\s*maire\s+(?:de\s+|du\s+|d'\s*)(?P<mayor>.+))?$"
)


def parse_vice_presidents(text: str) -> list[OfficeHolder]:
    """Vice-presidents stated with their rank, the name taken from the line just above
    ("→ Ludovic IDZIAK" then "14e Vice-Président en charge de ... • Maire de ...")."""
    lines = [line for line in _clean_lines(text) if line]
    holders: list[OfficeHolder] = []
    for index, line in enumerate(lines):
        match = _VICE_PRESIDENT.match(_fold(line))
        if not match or index == 0:
            continue
        name_line = lines[index - 1].lstrip("→>- ").strip()
        read = _read_names(name_line)
        if not (read.valid and len(read.names) == 1):
            continue
        surname, given = split_full_name(read.names[0])
        delegation = line[match.start("delegation"):match.end("delegation")].strip(" ,") \
            if match.group("delegation") else ""
        mayor = line[match.start("mayor"):match.end("mayor")].strip(" .") \
            if match.group("mayor") else ""
        holder = OfficeHolder(f"{surname} {given}".strip(), int(match.group(1)), delegation,
                              mayor)
        if holder not in holders:
            holders.append(holder)
    return holders
