"""Every row of the reviewed correction tables (pma_reports/data/corrections.json), on the real
seed text: it matches exactly as often as the table says at its turn, its damage is gone from
the repaired text, and what it repairs reaches the loaded report."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings

from pma_reports import parsing
from pma_reports.corrections import (
    LAYOUT_2020,
    LAYOUT_2021,
    OCR_2020,
    READING_2020,
    CorrectionMismatch,
    apply_corrections,
)
from pma_reports.models import ActivityReport

SEEDS = Path(settings.SEEDS_DIR)
TEXT_2020 = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
TEXT_2021 = parsing.report_part(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8"))


def _count(correction, text):
    if correction.regex:
        return len(re.findall(correction.original, text))
    return text.count(correction.original)


def _stages(text, table):
    """The text each correction of the table meets, in order."""
    for correction in table:
        yield correction, text
        text = apply_corrections(text, [correction])


CASES = [(c, t) for c, t in _stages(TEXT_2020, OCR_2020)] + [
    (c, t) for c, t in _stages(TEXT_2021, LAYOUT_2021)]


@pytest.mark.parametrize("correction, text", CASES,
                         ids=[f"{i:02d}-{c.reason[:30]}" for i, (c, _) in enumerate(CASES)])
def test_each_correction_matches_as_often_as_reviewed_and_its_damage_is_gone(correction,
                                                                             text):
    assert _count(correction, text) == correction.count
    final = (apply_corrections(TEXT_2020, OCR_2020) if correction in OCR_2020
             else apply_corrections(TEXT_2021, LAYOUT_2021))
    if not correction.regex and correction.original in correction.corrected:
        # An insertion (an objective heading put before its first action): it is there.
        assert final.count(correction.corrected) == 1
    else:
        assert _count(correction, final) == 0


@pytest.mark.parametrize("correction, text", CASES,
                         ids=[f"{i:02d}-ligne" for i in range(len(CASES))])
def test_each_row_names_the_line_it_corrects(correction, text):
    """The row's `ligne` is the first line the correction touches in the text it meets."""
    if correction.regex:
        position = re.search(correction.original, text).start()
    else:
        position = text.index(correction.original)
    while text[position] == "\n":
        position += 1
    assert text.count("\n", 0, position) + 1 == correction.line


def test_the_tables_are_the_reviewed_data_file():
    assert (len(LAYOUT_2020), len(READING_2020), len(LAYOUT_2021)) == (28, 47, 2)
    assert LAYOUT_2020[0].line == 3
    assert READING_2020[0].original == "[I'élaboration"


def test_a_changed_source_stops_the_load_instead_of_being_corrected_silently():
    changed = TEXT_2020.replace("Enréponse a la volonté", "En réponse à la volonté")
    with pytest.raises(CorrectionMismatch, match="0 occurrence"):
        apply_corrections(changed, OCR_2020)


# What each reading correction repairs, keyed by its original, as it reads on the loaded
# report (action texts and objective titles).
REPAIRED = {
    "[I'élaboration": "SRADDET: le PMA a animé l'élaboration",
    "['éditorialisation": "cahier des charges de l'éditorialisation",
    "|l dispose": "Il dispose pour ce faire",
    "|la convention": "poursuite de la convention 2019-2022",
    "|’association": "avec l’association Euralens",
    "|'éco-transition": "« métiers de l'éco-transition »",
    "|'élaboration": "8.280 € pour l'élaboration",
    r"\bI(['’])'?(?=[\w«])": "appui technique sur l'économie",
    "d’'une": "la préfiguration d’une agence",
    "avec 'appui": "avec l'appui de son AMO",
    "par 'AULA": "Suivi de l'étude pilotée par l'AULA",
    "de ’AULA": "de la CABBALR, du SIZIAF, du Département, de l’AULA",
    "PMA a la suite": "PMA à la suite des élections",
    r"(?<!PMA )(?<!dernier )(?<!qui )(?<![Ii]l )(?<!outil )(?<!\) )\ba(?=\s)":
        "les initiatives à prendre, les priorités à partager",
    "Chaine": "Chaîne des Parcs",
    "Pdles": "Réseau national des Pôles Métropolitains",
    "P6le": "du territoire du Pôle Métropolitain",
    "hé6tellerie": "restauration et de l’hôtellerie",
    "lUT": "l'IUT de Béthune",
    "EPCl": "les 3 EPCI et le CD62",
    "ceuvre": "à la mise en œuvre",
    "étre": "vont être confortées",
    "Fétes": "Fêtes de la Chaîne des Parcs 2020",
    "intéréts": "Faire valoir les intérêts du territoire",
    "accés": "Agir pour l’accès du plus grand nombre",
    "modeéle": "« Quel modèle de développement",
    "modele": "réflexion sur le modèle de développement",
    "régulierement": "animés régulièrement",
    "filieres": "cartographie des filières",
    "premieres": "les 6 premières semaines",
    "maitrise": "assistance à maîtrise d’ouvrage",
    "maitres": "les maîtres d’ouvrage",
    "grace": "grâce à un soutien financier",
    "trés concretement": "très concrètement",
    "tres positif": "Le bilan très positif",
    "aupres": "auprès de la population",
    "auprées": "Obtention en 2020 auprès de la Banque des Territoires",
    "évenement": "« Osons nos Talents », événement permettant",
    '"batiment"': 'journée spéciale "bâtiment"',
    "déja": "les moyens déjà disponibles",
    "pilotageétudes": "(pilotage études friches",
    "3°™ année": "pour la 3e année",
    "4™ édition": "une 4e édition",
    "PMA 3 initier": "a conduit le PMA à initier",
    "de 'ERBM": "la rénovation thermique dans le cadre de l'ERBM, animée par le CD2E",
    "I'’événement": "l'éditorialisation « éco-transition » de l’événement Osons nos Talents",
    "modéle": "via le Forum Euralens « Quel modèle de développement",
}


def test_every_reading_correction_has_its_check():
    assert set(REPAIRED) == {c.original for c in READING_2020}
    assert len(READING_2020) == 47 and len(LAYOUT_2020) == 28


@pytest.fixture
def report_2020_text(pma):
    report = ActivityReport.objects.get(organisation=pma, year=2020)
    texts = []
    for pillar in report.pillars.all():
        for objective in pillar.objectives.all():
            texts.append(objective.title)
            texts += [action.text for action in objective.actions.all()]
    return "\n".join(texts)


@pytest.mark.parametrize("original, repaired", REPAIRED.items(), ids=list(REPAIRED))
def test_the_repair_reaches_the_loaded_report(report_2020_text, original, repaired):
    assert repaired in report_2020_text


def test_reported_misreadings_are_repaired(report_2020_text, pma):
    # "I'économie", "Chaine", "pdles", "Enréponse a la volonté", split headings.
    assert "appui technique sur l'économie (étude filières" in report_2020_text
    assert "I'économie" not in report_2020_text and "Chaine" not in report_2020_text
    assert "Réseau national des Pôles Métropolitains" in report_2020_text
    assert "En réponse à la volonté des 3 EPCI membres du PMA" in report_2020_text
    report = ActivityReport.objects.get(organisation=pma, year=2020)
    act = report.pillars.get(order=2)
    assert act.objectives.get(order=1).title == (
        "Agir sur le Cadre de vie : réaliser la Chaîne des Parcs")
    # The heading pieces left no trace in the actions.
    assert "vie : réaliser la Chaîne" not in "\n".join(
        a.text for a in act.objectives.get(order=1).actions.all())
    # The original text stays reachable.
    assert "Enréponse a la volonté" in report.source_text
    assert "Agir sur le Cadre de * Le PMA coordonne" in report.source_text


def test_no_ocr_residue_left_on_the_2020_page(client, pma):
    page = client.get(ActivityReport.objects.get(organisation=pma, year=2020)
                      .get_absolute_url()).content.decode()
    # The page quotes the source text as read, in its own <details>: the report's body is
    # what comes before it.
    body = html.unescape(page[:page.index('id="titre-source"')])
    for residue in ("de 'ERBM", "de I'’événement", "modéle", "I'’"):
        assert residue not in body
    assert "dans le cadre de l'ERBM" in body and "« Quel modèle de développement" in body
