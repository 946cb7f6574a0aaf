"""load_pma_reports on the real seeds: rows per pillar as counted by hand (see
test_parsing.py for how), key figures, taking-notes, publications and their agenda;
a second run leaves the same rows."""

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.db.models import Count, Q

from deliberations.models import Deliberation
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


def _counts(report):
    return list(
        Pillar.objects.filter(report=report).order_by("order").annotate(
            objectives_n=Count("objectives", distinct=True),
            actions_n=Count("objectives__actions", filter=Q(
                objectives__actions__parent__isnull=True), distinct=True),
            items_n=Count("objectives__actions", filter=Q(
                objectives__actions__parent__isnull=False), distinct=True),
        ).values_list("title", "objectives_n", "actions_n", "items_n")
    )


def test_2021_report_rows_per_pillar(pma):
    report = ActivityReport.objects.get(organisation=pma, year=2021)
    assert _counts(report) == [
        ("Décider ensemble", 3, 9, 8),
        ("Agir ensemble", 3, 18, 17),
        ("Peser ensemble", 2, 5, 13),
    ]
    assert report.source_document.startswith("000_")
    # The report part only: the Bureau deliberation before it is not in its source text.
    assert report.source_text.startswith("Décider ensemble")


def test_2020_report_rows_per_pillar(pma):
    report = ActivityReport.objects.get(organisation=pma, year=2020)
    assert _counts(report) == [
        ("Décider ensemble", 3, 6, 7),
        ("Agir ensemble", 4, 17, 18),
        ("Peser ensemble", 3, 7, 0),
    ]


def test_key_figures_with_their_sentence(pma):
    figures = {(f.report.year, f.text): f for f in KeyFigure.objects.filter(
        report__organisation=pma).select_related("report", "action")}
    assert len(figures) == 9 + 12
    comites = figures[(2021, "5 Comités syndicaux")]
    assert comites.value == Decimal("5") and comites.label == "Comités syndicaux réunis"
    assert figures[(2021, "22 élus")].value == Decimal("22")
    solar_2021 = figures[(2021, "plus de 5.000 connexions")]
    assert (solar_2021.value, solar_2021.qualifier) == (Decimal("5000"), "plus de")
    assert "Cadastre solaire du PMA" in solar_2021.sentence
    solar_2020 = figures[(2020, "2.300 connexions les 6 premières semaines")]
    assert solar_2020.value == Decimal("2300")
    assert solar_2020.label == solar_2021.label == "connexions au cadastre solaire"
    assert solar_2020.sentence.startswith(
        "Mise en ligne d’un cadastre solaire à l'échelle du territoire le 12 octobre 2020")
    assert figures[(2021, "50 entretiens")].value == 50
    assert figures[(2021, "38 ateliers thématiques")].value == 38
    assert figures[(2020, "35,9 M€")].value == Decimal("35.9")


def test_the_bureau_deliberation_is_cabbalr_taking_note_of_the_2021_report(pma):
    report = ActivityReport.objects.get(organisation=pma, year=2021)
    notes = {n.member_organisation.slug: n for n in TakingNote.objects.filter(
        report=report).select_related("member_organisation", "deliberation__session")}
    assert set(notes) == {"cabbalr", "call", "cahc", "pas-de-calais"}
    bureau = notes["cabbalr"].deliberation
    assert bureau.session.date == datetime.date(2022, 10, 18)
    assert "PREND ACTE du rapport d'activités" in bureau.decision
    assert all(notes[slug].deliberation is None for slug in ("call", "cahc", "pas-de-calais"))
    # 2020: no member's taking-note is in the documents.
    assert not TakingNote.objects.filter(report__year=2020, deliberation__isnull=False).exists()
    assert TakingNote.objects.filter(report__year=2020).count() == 4


def test_the_pma_has_its_comite_syndical(pma):
    assert list(pma.bodies.values_list("name", flat=True)) == ["Comité syndical"]


def test_news_and_letter(pma):
    news = Publication.objects.filter(organisation=pma, kind=Publication.Kind.NEWS)
    assert news.count() == 9
    assert news.order_by("order").first().title.startswith(
        "Signature du chapeau commun des Contrats de relance")
    pv = news.get(slug="le-proces-verbal-du-comite-syndical-du-23-avril-2021-est-en-ligne")
    assert pv.year == 2021
    # Two news items name no year at all: none is guessed.
    assert news.filter(year__isnull=True).count() == 3
    letter = Publication.objects.get(organisation=pma, kind=Publication.Kind.LETTER)
    assert letter.year == 2024
    assert letter.sections.count() == 15
    assert letter.sections.first().title == "COOPÉRER"
    assert [f.text for f in letter.key_figures.order_by("order")] == [
        "7 à 9 milliards d'euros", "+ de 110", "11 millions de km", "2,3 millions de m3"]
    assert "(source : AULA)" in letter.key_figures.get(order=3).sentence


def test_agenda_of_the_announced_events(pma):
    events = list(Event.objects.filter(publication__organisation=pma).order_by(
        "starts_on", "starts_at").values_list("starts_on", "ends_on", "starts_at", "tentative",
                                              "title"))
    assert [e[:4] for e in events] == [
        (datetime.date(2021, 6, 30), datetime.date(2021, 7, 1), None, False),
        (datetime.date(2021, 7, 9), None, datetime.time(15), False),
        (datetime.date(2024, 4, 5), None, None, False),
        (datetime.date(2024, 5, 2), datetime.date(2024, 5, 7), None, False),
        (datetime.date(2024, 5, 22), datetime.date(2024, 5, 25), None, False),
        (datetime.date(2024, 5, 30), None, None, True),
        (datetime.date(2024, 6, 14), None, datetime.time(8), False),
        (datetime.date(2024, 6, 14), None, datetime.time(9), False),
    ]
    assert events[1][4] == "Comité syndical du PMA"
    assert events[0][4] == "L’Agora de l’éco-transition au Parc départemental d’Olhain"


MODELS = [ActivityReport, Pillar, Objective, Action, KeyFigure, TakingNote, Publication,
          Section, Event]


def test_a_second_run_leaves_the_same_rows(pma):
    before = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}
    texts = sorted(Action.objects.values_list("pk", "text"))
    call_command("load_pma_reports", verbosity=0)
    after = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}
    assert after == before
    assert sorted(Action.objects.values_list("pk", "text")) == texts
    assert sum(len(v) for v in before.values()) == 2 + 6 + 18 + 125 + 25 + 8 + 10 + 24 + 8


def test_a_clerk_recorded_taking_note_survives_a_reload(pma):
    call = TakingNote.objects.get(report__year=2021, member_organisation__slug="call")
    bureau = Deliberation.objects.get(slug="bureau-communautaire-2022-10-18-rapport-activites-pma")
    call.deliberation = bureau  # any deliberation: the loader must not erase it
    call.save()
    call_command("load_pma_reports", verbosity=0)
    call.refresh_from_db()
    assert call.deliberation_id == bureau.pk

