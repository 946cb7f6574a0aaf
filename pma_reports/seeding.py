"""Load the PMA's documents (seeds 000, 001, 002, 004) into pma_reports.

The text is read from the seeds by pma_reports.parsing; what the documents do not say in a
form a program can read (where the news items start, the headings of the letter, which
sentences carry a key figure) is given by the small reviewed tables below, each entry checked
against the text (a missing or duplicated anchor stops the load). Idempotent: every row is
written on a natural key (report + order...), extra rows of a previous run are removed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from deliberations.models import Deliberation
from pma_reports import parsing
from pma_reports.corrections import LAYOUT_2021, OCR_2020, apply_corrections
from pma_reports.models import (
    Action,
    ActivityReport,
    Event,
    KeyFigure,
    Objective,
    Pillar,
    Publication,
    Section,
    TakingNote,
)
from portal.kernel import seeds
from portal.kernel.seeds import SeedError
from portal.models import Body, Organisation


@dataclass(frozen=True)
class FigureRule:
    """A key figure: a regular expression with a `value` group (and an optional `qualifier`),
    which must match exactly one action of the report; `basis` and `period` say what it
    counts over, as the sentence states it (KeyFigure.Basis)."""

    pattern: str
    label: str
    unit: str = ""
    basis: str = KeyFigure.Basis.YEAR
    period: str = ""


CUMULATIVE, PERIOD, AVERAGE = (KeyFigure.Basis.CUMULATIVE, KeyFigure.Basis.PERIOD,
                               KeyFigure.Basis.AVERAGE)


# Labels are shared between years where the figure measures the same thing, so that the
# CSV of key figures by year lines them up.
# The PMA as load_seed_records creates it (the organisation the documents are about).
PMA_SLUG = "pma"

FIGURES = {
    2021: [
        FigureRule(r"(?P<value>5) Comités syndicaux", "Comités syndicaux réunis",
                   "comités syndicaux"),
        FigureRule(r"(?P<value>22) élus", "élus désignés par les 4 collectivités membres",
                   "élus"),
        FigureRule(r"(?P<value>8) « réunions des Présidents »", "réunions des Présidents",
                   "réunions"),
        # "un large cycle de concertation … a été mené à son terme : Un diagnostic
        # territorial : 50 entretiens": the whole diagnostic, begun in September 2020.
        FigureRule(r"(?P<value>50) entretiens", "entretiens du diagnostic territorial",
                   "entretiens", CUMULATIVE, "ensemble du diagnostic, mené à son terme"),
        FigureRule(r"(?P<value>38) ateliers thématiques",
                   "ateliers de la Turbine de l'éco-transition", "ateliers", CUMULATIVE,
                   "ensemble du cycle de concertation, mené à son terme"),
        FigureRule(r"(?P<qualifier>plus de) (?P<value>5\.000) connexions",
                   "connexions au cadastre solaire", "connexions", CUMULATIVE,
                   "depuis la mise en ligne en octobre 2020"),
        FigureRule(r"(?P<value>30) friches", "friches étudiées pour les énergies renouvelables",
                   "friches"),
        FigureRule(r"(?P<value>16) jeunes", "jeunes en service civique (Parcours culturels)",
                   "jeunes", PERIOD, "de novembre 2020 à juin 2021"),
        FigureRule(r"(?P<qualifier>plus de) (?P<value>1\.000) habitants",
                   "habitants touchés par les Parcours culturels", "habitants", PERIOD,
                   "de novembre 2020 à juin 2021"),
    ],
    2020: [
        FigureRule(r"(?P<value>5) Comités syndicaux", "Comités syndicaux réunis",
                   "comités syndicaux"),
        FigureRule(r"(?P<value>22) élus", "élus désignés par les 4 collectivités membres",
                   "élus"),
        # "Démarrage des travaux en septembre 2020 (3 ateliers, 30 entretiens …)": the
        # interviews of the report's year, not the finished diagnostic of 2021.
        FigureRule(r"(?P<value>30) entretiens", "entretiens du diagnostic territorial",
                   "entretiens", PERIOD, "depuis le démarrage des travaux en septembre 2020"),
        FigureRule(r"(?P<value>120) inscrits", "inscrits au Forum énergie", "inscrits"),
        FigureRule(r"(?P<value>6) comités techniques", "comités techniques « énergie »",
                   "comités techniques"),
        FigureRule(r"(?P<value>2\.300) connexions les 6 premières semaines",
                   "connexions au cadastre solaire", "connexions", PERIOD,
                   "les 6 premières semaines en ligne (mise en ligne le 12 octobre 2020)"),
        # "550 auditeurs/vidéo en moyenne": an average per video, not an audience total.
        FigureRule(r"(?P<value>550) auditeurs", "auditeurs par vidéo des Osons nos Talents "
                   "virtuels", "auditeurs par vidéo", AVERAGE,
                   "moyenne par vidéo (ayant visionné l'intégralité)"),
        FigureRule(r"\((?P<value>16) structures culturelles",
                   "structures culturelles partenaires (Parcours culturels)", "structures"),
        FigureRule(r"(?P<value>50) jeunes", "jeunes en service civique (Parcours culturels)",
                   "jeunes", CUMULATIVE, "depuis 2018"),
        # "35,9 M€ pour la période 2016-2021": programmed over six years, not in 2020.
        FigureRule(r"(?P<value>35,9) M€", "fonds territoriaux régionaux programmés (PRADET)",
                   "M€", PERIOD, "2016-2021"),
        FigureRule(r"(?P<value>37\.500) euros", "financement régional de la signalétique",
                   "euros"),
        FigureRule(r"(?P<value>8\.280) €", "financement de la Banque des Territoires", "€"),
    ],
}


@dataclass(frozen=True)
class ReportSource:
    prefix: str
    year: int
    layout: str  # "table" (2021) or "ocr" (2020)


REPORTS = [ReportSource("001", 2020, "ocr"), ReportSource("000", 2021, "table")]

# Where each news item of seed 002 starts: its title line (checked: one line of the text).
NEWS_TITLES = [
    "Signature du chapeau commun des Contrats de relance et de transition écologique (CRTE) "
    "pour notre territoire !",
    "“Agora de l’éco-transition” : cap sur un modèle de développement à la fois écologique, "
    "juste, solidaire et citoyen !",
    "Agora de l’éco-transition : les inscriptions sont ouvertes !",
    "Le Pôle Métropolitain de l’Artois recrute un(e) chargé(e) de mission animation "
    "économique",
    "Turbine de l’éco-transition : 5 nouvelles dates d’ateliers “sur site”",
    "Le procès-verbal du comité syndical du 23 avril 2021 est en ligne",
    "Turbine de l’éco-transition : 40 ateliers, un seul wiki !",
    "Rénovation urbaine dans les Cités minières : les élus du PMA en appellent au Premier "
    "ministre",
    "“Airbus de la batterie”, participez à la concertation sur le projet ACC",
]

# Events the news items announce. A date without its year ("les 30 juin et 1er juillet
# prochain") takes the year the weekday of the programme gives ("Jour 1, Mercredi 30 Juin").
NEWS_EVENTS = [
    r"Prochain (?P<title>Comité syndical du PMA)\s*:\s*le (?P<day>\d{1,2}) (?P<month>\w+) "
    r"(?P<year>\d{4}) à (?P<hour>\d{1,2})h",
    r"(?P<title>L’Agora de l’éco-transition) se tiendra les (?P<day>\d{1,2}) (?P<month>\w+) "
    r"et (?P<end_day>1er|\d{1,2}) (?P<end_month>\w+) prochain (?P<place>au [^.]+)",
]

# The section headings of the letter to mayors (seed 004), in order.
LETTER_HEADINGS = [
    "COOPÉRER",
    "Coopérer avec les territoires voisins",
    "Coopérer avec la société civile",
    "Coopérer entre élus",
    "Retour sur le déjeuner des maires",
    "LES CHANTIERS DU PÔLE POUR COOPÉRER EN 2024",
    "Un voyage d'étude dans le Haut-Adige",
    "Lancement de l'opération collective de solarisation",
    "Le Grand forum",
    "Les travaux du Cercle de qualité",
    "Le Label Euralens",
    "Appel à projets pour le Label Euralens",
    "ARTOIS ET MEL MAIN DANS LA MAIN",
    "Le salon international de la Tech",
    "Un Grand forum très spécial",
    "Chiffres-clés",
    "AGENDA",
    "Directeur de publication : Alain Bavay",
]
LETTER_COLOPHON = "Directeur de publication : Alain Bavay"


@dataclass
class PmaSummary:
    reports: int = 0
    pillars: int = 0
    objectives: int = 0
    actions: int = 0
    key_figures: int = 0
    publications: int = 0
    events: int = 0
    taking_notes: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_french(self) -> str:
        return (
            f"{self.reports} rapports d'activités : {self.pillars} axes, {self.objectives} "
            f"objectifs, {self.actions} actions (sous-éléments compris), {self.key_figures} "
            f"chiffres clés ; {self.publications} publications, {self.events} évènements "
            f"annoncés ; {self.taking_notes} prise(s) d'acte enregistrée(s)."
        )


def _seed(seeds_dir: Path, prefix: str) -> Path:
    matches = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        raise SeedError(f"Document {prefix}_*.txt introuvable dans {seeds_dir}.")
    return matches[0]


def read_report(seeds_dir: Path, source: ReportSource) -> tuple[str, list[parsing.ParsedPillar]]:
    """The source text of the report and its parsed structure."""
    text = _seed(seeds_dir, source.prefix).read_text(encoding="utf-8")
    if source.layout == "table":
        source_text = parsing.report_part(text)
        return source_text, parsing.parse_table_report(
            apply_corrections(source_text, LAYOUT_2021))
    return text, parsing.parse_ocr_report(apply_corrections(text, OCR_2020))


@transaction.atomic
def load_pma_reports(*, seeds_dir: Path) -> PmaSummary:
    """Create or update the PMA's reports and publications; running it twice changes
    nothing. Needs load_seed_records first (the PMA, its members, the Bureau deliberation)."""
    try:
        pma = Organisation.objects.get(slug=PMA_SLUG)
    except Organisation.DoesNotExist:
        raise SeedError("Le PMA n'existe pas : lancez d'abord load_seed_records.") from None
    summary = PmaSummary()
    # The documents name the PMA's assembly ("5 Comités syndicaux", "Comité syndical du PMA").
    Body.objects.update_or_create(
        organisation=pma, slug="comite-syndical",
        defaults={"kind": Body.Kind.SYNDICATE_COMMITTEE, "name": "Comité syndical"},
    )
    members = list(pma.member_organisations.all())
    for source in REPORTS:
        report = _load_report(pma, seeds_dir, source, summary)
        for member in members:
            TakingNote.objects.get_or_create(report=report, member_organisation=member)
    _link_bureau_deliberation(pma, summary)
    summary.taking_notes = TakingNote.objects.filter(
        report__organisation=pma, deliberation__isnull=False).count()
    _load_news(pma, seeds_dir, summary)
    _load_letter(pma, seeds_dir, summary)
    return summary


def _load_report(pma, seeds_dir, source: ReportSource, summary: PmaSummary) -> ActivityReport:
    source_text, pillars = read_report(seeds_dir, source)
    report, _ = ActivityReport.objects.update_or_create(
        organisation=pma, year=source.year,
        defaults={
            "title": f"Rapport d'activités {source.year} du {pma.name}",
            "source_document": _seed(seeds_dir, source.prefix).name,
            "source_text": source_text,
            # The documents are the PMA's published reports.
            "published": True,
        },
    )
    summary.reports += 1
    all_actions: list[Action] = []
    for p_order, parsed_pillar in enumerate(pillars, start=1):
        pillar, _ = Pillar.objects.update_or_create(
            report=report, order=p_order, defaults={"title": parsed_pillar.title})
        summary.pillars += 1
        for o_order, parsed in enumerate(parsed_pillar.objectives, start=1):
            objective, _ = Objective.objects.update_or_create(
                pillar=pillar, order=o_order,
                defaults={"title": parsed.title, "intro": parsed.intro,
                          "theme": theme_of(parsed.title)},
            )
            summary.objectives += 1
            order = 0
            kept = []
            for item in parsed.actions:
                order += 1
                action, _ = Action.objects.update_or_create(
                    objective=objective, order=order,
                    defaults={"text": item.text, "parent": None})
                kept.append(action.pk)
                all_actions.append(action)
                for child in item.children:
                    order += 1
                    sub, _ = Action.objects.update_or_create(
                        objective=objective, order=order,
                        defaults={"text": child.text, "parent": action})
                    kept.append(sub.pk)
                    all_actions.append(sub)
            objective.actions.exclude(pk__in=kept).delete()
            summary.actions += len(kept)
        pillar.objectives.filter(order__gt=len(parsed_pillar.objectives)).delete()
    report.pillars.filter(order__gt=len(pillars)).delete()
    summary.key_figures += _load_report_figures(report, all_actions, FIGURES[source.year])
    return report


# Objectives renamed from one year to the next keep one theme; the key is the title up to
# the first difference that a renaming introduced (reviewed: 2021 added "et l'Innovation").
THEME_ALIASES = {
    "agir-sur-lemploi-et-le-developpement-economique-et-linnovation":
        "agir-sur-lemploi-et-le-developpement-economique",
}


def theme_of(title: str) -> str:
    key = slugify(title.replace("’", "'"))
    # The 2020 "Faire valoir les intérêts du territoire dans les grands schémas régionaux"
    # became "Faire valoir les intérêts du territoire" in 2021.
    if key.startswith("faire-valoir-les-interets-du-territoire"):
        return "faire-valoir-les-interets-du-territoire"
    return THEME_ALIASES.get(key, key)


def _load_report_figures(report, actions: list[Action], rules: list[FigureRule]) -> int:
    for order, rule in enumerate(rules, start=1):
        found = [(action, match) for action in actions
                 for match in re.finditer(rule.pattern, action.text)]
        if len(found) != 1:
            raise SeedError(f"Chiffre clé « {rule.pattern} » trouvé {len(found)} fois dans le "
                            f"rapport {report.year} (1 attendu).")
        action, match = found[0]
        text = match.group(0).lstrip("(")
        KeyFigure.objects.update_or_create(
            report=report, order=order,
            defaults={
                "action": action, "publication": None,
                "value": parsing.french_number(match["value"]),
                "qualifier": match.groupdict().get("qualifier") or "",
                "unit": rule.unit, "label": rule.label, "text": text,
                "basis": rule.basis, "period": rule.period,
                "sentence": parsing.sentence_around(action.text, match.start(), match.end()),
            },
        )
    report.key_figures.filter(order__gt=len(rules)).delete()
    return len(rules)


def _link_bureau_deliberation(pma, summary: PmaSummary) -> None:
    """Seed 000 is the Bureau deliberation of 18 Oct 2022 that "PREND ACTE du rapport
    d'activités présenté par le Pôle Métropolitain de l'Artois, ci-annexé", followed by that
    annexed report (2021): CABBALR's taking-note of the 2021 report."""
    # Found by what it says, among the published acts: this app reads the deliberations'
    # public queryset, not their seed loader.
    deliberation = (
        Deliberation.objects.published().select_related("session__body__organisation")
        .filter(session__date=datetime.date(2022, 10, 18),
                decision__contains="PREND ACTE du rapport d'activités")
        .first()
    )
    if deliberation is None:
        summary.warnings.append("Délibération du Bureau du 18 octobre 2022 introuvable.")
        return
    if "PREND ACTE du rapport d'activités" not in deliberation.decision:
        raise SeedError("La délibération de 000 ne prend pas acte d'un rapport d'activités.")
    report = ActivityReport.objects.get(organisation=pma, year=2021)
    TakingNote.objects.update_or_create(
        report=report, member_organisation=deliberation.session.body.organisation,
        defaults={"deliberation": deliberation},
    )


# --- Publications --------------------------------------------------------------------------


def _years_in(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"\b(20[0-3]\d)\b", text)]


def _news_events(text: str) -> list[parsing.ParsedEvent]:
    events = []
    for pattern in NEWS_EVENTS:
        match = re.search(pattern, text)
        if not match:
            continue
        parts = match.groupdict()
        month = parsing.MONTHS[parts["month"].lower()]
        day = int(parts["day"])
        if parts.get("year"):
            year = int(parts["year"])
        else:
            weekday = re.search(rf"Jour 1, (\w+) {day} {parts['month']}", text, re.IGNORECASE)
            if not weekday:
                raise SeedError(f"Année introuvable pour « {match.group(0)} ».")
            year = parsing.year_of_weekday(day, month, weekday[1], after=max(_years_in(text)))
        ends_on = None
        if parts.get("end_day"):
            ends_on = datetime.date(year, parsing.MONTHS[parts["end_month"].lower()],
                                    1 if parts["end_day"] == "1er" else int(parts["end_day"]))
        starts_at = datetime.time(int(parts["hour"])) if parts.get("hour") else None
        title = parts["title"]
        if parts.get("place"):
            title = f"{title} {parts['place'].strip()}"
        events.append(parsing.ParsedEvent(title, datetime.date(year, month, day), ends_on,
                                          starts_at, source_line=match.group(0)))
    return events


def _load_news(pma, seeds_dir: Path, summary: PmaSummary) -> None:
    path = _seed(seeds_dir, "002")
    text = path.read_text(encoding="utf-8")
    sections = parsing.split_on_headings(text, NEWS_TITLES)
    for order, parsed in enumerate(sections, start=1):
        events = _news_events(parsed.text)
        # The year a news item speaks of: the one its title gives, else that of the events
        # it announces, else the latest it mentions; none if it mentions none.
        years = (_years_in(parsed.title) or [event.starts_on.year for event in events]
                 or _years_in(parsed.text))
        publication = _publication(
            pma, kind=Publication.Kind.NEWS, slug=slugify(parsed.title)[:100],
            title=parsed.title, year=max(years, default=None), order=order, source=path.name)
        _sections(publication, [parsing.ParsedSection("", parsed.text)])
        summary.events += _events(publication, events)
        summary.publications += 1
    Publication.objects.filter(organisation=pma, kind=Publication.Kind.NEWS).exclude(
        slug__in=[slugify(s.title)[:100] for s in sections]).delete()


def _load_letter(pma, seeds_dir: Path, summary: PmaSummary) -> None:
    path = _seed(seeds_dir, "004")
    text = path.read_text(encoding="utf-8")
    years = _years_in(text)
    # The letter prints no date: its year is the one it speaks of ("En 2024, le Pôle…").
    year = max(set(years), key=years.count)
    sections = parsing.split_on_headings(text, LETTER_HEADINGS)
    by_title = {section.title: section for section in sections}
    subtitle = by_title["COOPÉRER"].text.split("\n\n")[0].strip()
    publication = _publication(
        pma, kind=Publication.Kind.LETTER, slug=f"lettre-aux-maires-{year}",
        title=f"La lettre aux maires {year} — Coopérer : {subtitle.lower()}",
        year=year, order=0, source=path.name)
    kept = [s for s in sections if s.title not in ("AGENDA", "Chiffres-clés", LETTER_COLOPHON)]
    _sections(publication, kept)
    agenda = [line for line in by_title["AGENDA"].text.splitlines() if line.startswith("- ")]
    events = [parsing.parse_agenda_line(line, year=year) for line in agenda]
    summary.events += _events(publication, events)
    summary.key_figures += _letter_figures(publication, by_title["Chiffres-clés"].text)
    summary.publications += 1


def _publication(pma, *, kind, slug, title, year, order, source) -> Publication:
    publication, _ = Publication.objects.update_or_create(
        organisation=pma, slug=slug,
        defaults={"kind": kind, "title": title, "year": year, "order": order,
                  "source_document": source},
    )
    return publication


def _sections(publication, sections: list[parsing.ParsedSection]) -> None:
    for order, parsed in enumerate(sections, start=1):
        Section.objects.update_or_create(publication=publication, order=order,
                                         # Bold and italic marks of the exported text.
                                         defaults={"title": parsed.title,
                                                   "text": parsed.text.replace("*", "")})
    publication.sections.filter(order__gt=len(sections)).delete()


def _events(publication, events: list[parsing.ParsedEvent]) -> int:
    for order, event in enumerate(events, start=1):
        Event.objects.update_or_create(
            publication=publication, order=order,
            defaults={"title": event.title, "starts_on": event.starts_on,
                      "ends_on": event.ends_on, "starts_at": event.starts_at,
                      "tentative": event.tentative, "date_note": event.date_note,
                      "source_line": event.source_line},
        )
    publication.events.filter(order__gt=len(events)).delete()
    return len(events)


_LETTER_FIGURE = re.compile(
    r"^(?P<qualifier>\+ de |plus de )?(?P<value>\d+(?:,\d+)?)(?: à \d+)? ?(?P<unit>[^!]*?)\s*!?$")


def _letter_figures(publication, text: str) -> int:
    """ "Chiffres-clés": a figure paragraph, then its description and "(source : …)"."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) % 2:
        raise SeedError("Chiffres-clés de la lettre : un chiffre sans sa description.")
    pairs = list(zip(paragraphs[::2], paragraphs[1::2], strict=True))
    for order, (figure, description) in enumerate(pairs, start=1):
        match = _LETTER_FIGURE.match(figure)
        if not match:
            raise SeedError(f"Chiffre clé illisible : « {figure} ».")
        label = description.split("\n")[0].strip()
        KeyFigure.objects.update_or_create(
            publication=publication, order=order,
            defaults={
                "report": None, "action": None,
                "value": parsing.french_number(match["value"]),
                "qualifier": "plus de" if match["qualifier"] else "",
                "unit": match["unit"].strip(), "label": label[:255],
                "text": figure.rstrip(" !"), "sentence": description,
            },
        )
    publication.key_figures.filter(order__gt=len(pairs)).delete()
    return len(pairs)


def load_from_seeds(seeds_dir: Path) -> seeds.SeedReport:
    """load_seeds' loader of the PMA's reports, news and letter (seeds 000, 001, 002, 004),
    after the PMA, its members and the Bureau deliberation that takes note of a report."""
    from pma_reports.corrections import CorrectionMismatch
    from pma_reports.parsing import ParseError

    try:
        summary = load_pma_reports(seeds_dir=seeds_dir)
    except (ParseError, CorrectionMismatch) as error:
        raise SeedError(str(error)) from error
    return seeds.SeedReport(summary.as_french(), list(summary.warnings))
