"""Public pages, feeds, CSV, PDF, API and site search of the activity reports, on the real
seed records."""

import csv
import html as html_lib
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pma_reports.models import (
    Action,
    ActivityReport,
    Event,
    KeyFigure,
    Objective,
    Pillar,
    Publication,
    TakingNote,
)
from portal.models import Organisation


def _text(response) -> str:
    html = response.content.decode()
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _report_url(year):
    return reverse("pma_reports:report_detail", kwargs={"organisation": "pma", "year": year})


def test_2021_report_page_pillars_in_order_with_key_figures(client, pma):
    response = client.get(_report_url(2021))
    assert response.status_code == 200
    html = response.content.decode()
    pillars = re.findall(r'<h2 id="axe-\d">([^<]+)</h2>', html)
    assert pillars == ["Décider ensemble", "Agir ensemble", "Peser ensemble"]
    objectives = re.findall(r'<h3 id="objectif-\d+">([^<]+)</h3>', html)
    assert objectives == [
        "Gouverner et prendre des décisions",
        "Travailler sur les grands enjeux du territoire",
        "Coordonner l&#x27;action des collectivités et des outils d&#x27;ingénierie",
        "Agir sur l&#x27;Eco-transition et la transition énergétique",
        "Agir sur l&#x27;Emploi et le Développement économique et l&#x27;Innovation",
        "Agir pour l&#x27;accès du plus grand nombre à la culture",
        "Faire valoir les intérêts du territoire",
        "Intégrer les réseaux nationaux",
    ]
    # Key figures highlighted in their sentence.
    assert '<strong class="figure">5 Comités syndicaux</strong>, réunissant ' \
           '<strong class="figure">22 élus</strong>' in html


def test_2020_report_page_shows_the_president_and_the_four_vice_presidents(client, pma):
    text = _text(client.get(_report_url(2020)))
    assert "Alain BAVAY, élu président le 25 septembre 2020 ;" in text
    assert ("Olivier GACQUERRE, Christophe PILCH, Nathalie DELBART et Bernard BAUDE élus "
            "vice-présidents le 16 octobre 2020.") in text


def test_report_page_says_which_taking_notes_the_portal_holds(client, pma):
    response = client.get(_report_url(2021))
    text = _text(response)
    assert ("Prise d'acte publiée sur ce portail : 1 membre sur 4. Pour les 3 autres membres : "
            "non renseigné sur ce portail, qui ne détient pas leur délibération de prise "
            "d'acte.") in text
    bureau = response.context["notes"].rows[1].public_deliberation
    assert bureau.get_absolute_url() in response.content.decode()
    assert text.count("Non renseigné sur ce portail") == 3
    # Missing records are not read as members who did not take note.
    for wrong in ("Pas de délibération publiée", "Pris acte : 1 membre sur 4"):
        assert wrong not in text
    text_2020 = _text(client.get(_report_url(2020)))
    assert ("Prise d'acte publiée sur ce portail : 0 membre sur 4. Pour les 4 membres : "
            "non renseigné sur ce portail") in text_2020
    assert "Pris acte : 0 membre sur 4" not in text_2020


def test_a_draft_deliberation_is_not_shown_as_taking_note(client, pma):
    from deliberations.models import Deliberation
    from tests.factories import DeliberationFactory

    bureau = Deliberation.objects.get(slug="bureau-communautaire-2022-10-18-rapport-activites-pma")
    # The note rests on an act still in draft (the published one cannot go back to draft).
    draft = DeliberationFactory(session=bureau.session, item_number=None)
    TakingNote.objects.filter(deliberation=bureau).update(deliberation=draft)
    text = _text(client.get(_report_url(2021)))
    assert "Prise d'acte publiée sur ce portail : 0 membre sur 4." in text


def test_the_bureau_deliberation_links_to_the_2021_report(client, pma):
    from deliberations.models import Deliberation

    bureau = Deliberation.objects.get(slug="bureau-communautaire-2022-10-18-rapport-activites-pma")
    html = client.get(bureau.get_absolute_url()).content.decode()
    assert "Rapport dont l'assemblée prend acte" in html
    assert f'href="{_report_url(2021)}"' in html


def test_source_text_and_corrections_are_on_the_page(client, pma):
    text = _text(client.get(_report_url(2020)))
    assert "Texte source" in text and "Corrections appliquées (75)" in text
    assert "Agir sur ’Emploi et le * Enréponse a la volonté" in text


def _theme_page(client, theme):
    return client.get(reverse("pma_reports:theme_detail",
                              kwargs={"organisation": "pma", "theme": theme}))


ECO_TRANSITION = "agir-sur-leco-transition-et-la-transition-energetique"


def test_year_over_year_solar_plan_side_by_side(client, pma):
    response = _theme_page(client, ECO_TRANSITION)
    assert response.status_code == 200
    [solar] = [row for row in response.context["rows"] if row.lead == "Plan solaire"]
    assert list(solar.cells) == [2020, 2021]
    [node_2020], [node_2021] = solar.cells[2020], solar.cells[2021]
    assert "le 12 octobre 2020, 2.300 connexions" in node_2020.children[0].text
    assert "plus de 5.000 connexions" in node_2021.children[0].text
    html = response.content.decode()
    section = html[html.index(">Plan solaire</h3>"):]
    section = section[:section.index("</section>")]
    assert "2.300 connexions" in section and "plus de 5.000 connexions" in section


@pytest.mark.parametrize(("theme", "heading", "start_2020", "start_2021"), [
    (ECO_TRANSITION, "Énergies renouvelables sur les friches",
     "Energies renouvelables sur friches : Valorisation des résultats",
     "Développement des ENR sur les friches du territoire : pilotage d'une étude"),
    (ECO_TRANSITION, "Énergies fatales", "Energies fatales : Suivi de l'étude",
     "Valorisation des énergies fatales : pilotage d'une étude"),
    ("faire-valoir-les-interets-du-territoire",
     "Engagement pour le Renouveau du Bassin minier (ERBM)",
     "ERBM : le PMA a animé l'élaboration d’une position commune",
     "Engagement pour le Renouveau du Bassin minier (ERBM) :"),
])
def test_retitled_actions_are_matched_by_the_reviewed_table(client, pma, theme, heading,
                                                            start_2020, start_2021):
    response = _theme_page(client, theme)
    [row] = [row for row in response.context["rows"] if row.lead == heading]
    [node_2020], [node_2021] = row.cells[2020], row.cells[2021]
    assert node_2020.action.text.startswith(start_2020)
    assert node_2021.action.text.startswith(start_2021)
    assert row.reason
    text = _text(response)
    assert f"{heading} Rapprochement : {row.reason}." in text
    assert "Rien de comparable cette année-là" not in text


def test_every_reviewed_pair_names_one_action_per_year(pma):
    from pma_reports.matching import reviewed_pairs, starts_with

    assert len(reviewed_pairs()) == 13
    for pair in reviewed_pairs():
        for year, starts in pair.starts.items():
            for start in starts:
                found = [a for a in Action.objects.filter(
                    parent=None, objective__theme=pair.theme,
                    objective__pillar__report__year=year) if starts_with(a.text, start)]
                assert len(found) == 1, (pair.heading, year, start)


def test_an_action_no_pair_names_stays_alone_without_conclusion(client, pma):
    response = _theme_page(client, ECO_TRANSITION)
    [food] = [row for row in response.context["rows"] if row.lead == "Alimentation"]
    assert food.cells[2020] == [] and len(food.cells[2021]) == 1 and food.reason == ""
    assert "Aucune action du rapport 2020 rapprochée de celle-ci." in _text(response)


def _figure_row(response, label, basis):
    [row] = [row for row in response.context["figure_rows"]
             if row.label == label and row.basis == basis]
    return {year: [f.text for f in figures] for year, figures in row.cells.items()}


def test_only_comparable_key_figures_share_a_row(client, pma):
    response = _theme_page(client, ECO_TRANSITION)
    # 2 300 in the first six weeks online against "plus de 5 000" since the launch: two rows.
    assert _figure_row(response, "connexions au cadastre solaire", "period") == {
        2020: ["2.300 connexions les 6 premières semaines"], 2021: []}
    assert _figure_row(response, "connexions au cadastre solaire", "cumulative") == {
        2020: [], 2021: ["plus de 5.000 connexions"]}
    # 30 interviews since September 2020 against 50 for the whole diagnostic: two rows.
    assert _figure_row(response, "entretiens du diagnostic territorial", "period") == {
        2020: ["30 entretiens"], 2021: []}
    assert _figure_row(response, "entretiens du diagnostic territorial", "cumulative") == {
        2020: [], 2021: ["50 entretiens"]}
    text = _text(response)
    assert ("Sur une période indiquée : les 6 premières semaines en ligne (mise en ligne le "
            "12 octobre 2020)") in text
    assert "Cumul depuis un début indiqué : depuis la mise en ligne en octobre 2020" in text
    # Figures of the same kind over the report's year do share a row.
    governance = _theme_page(client, "gouverner-et-prendre-des-decisions")
    assert _figure_row(governance, "Comités syndicaux réunis", "year") == {
        2020: ["5 Comités syndicaux"], 2021: ["5 Comités syndicaux"]}


def test_key_figures_state_what_they_count_as_the_document_does(pma):
    stated = {(f.report.year, f.text): (f.basis, f.period, f.unit)
              for f in KeyFigure.objects.filter(report__isnull=False).select_related("report")}
    assert stated[(2020, "550 auditeurs")] == (
        "average", "moyenne par vidéo (ayant visionné l'intégralité)", "auditeurs par vidéo")
    assert stated[(2020, "35,9 M€")] == ("period", "2016-2021", "M€")
    assert stated[(2020, "50 jeunes")] == ("cumulative", "depuis 2018", "jeunes")
    assert stated[(2021, "16 jeunes")] == ("period", "de novembre 2020 à juin 2021", "jeunes")
    assert stated[(2021, "5 Comités syndicaux")] == ("year", "", "comités syndicaux")


def test_the_renamed_employment_objective_compares_across_years(client, pma):
    themes = set(Objective.objects.filter(title__contains="Emploi").values_list(
        "theme", flat=True))
    assert themes == {"agir-sur-lemploi-et-le-developpement-economique"}


def test_pma_on_collectivites_with_its_members(client, pma):
    text = _text(client.get(reverse("portal:organisation_list")))
    assert "Pôle Métropolitain de l'Artois" in text
    assert "Membres : CAHC , CABBALR , CALL , Département du Pas-de-Calais" in text
    detail = _text(client.get(reverse("portal:organisation_detail", kwargs={"slug": "pma"})))
    assert "Rapport d'activités 2021 du Pôle Métropolitain de l'Artois" in detail


def test_site_search_cadastre_solaire_finds_both_reports_and_nothing_else(client, pma):
    response = client.get(reverse("portal:site_search"), {"q": "cadastre solaire"})
    groups = response.context["groups"]
    assert [g.kind.key for g in groups] == ["rapports"]
    # Every matching action: one in the 2021 report, three in the 2020 one.
    assert groups[0].total == 4
    urls = sorted(hit.url.split("#")[0] for hit in groups[0].hits)
    assert urls == [_report_url(2020)] * 3 + [_report_url(2021)]
    # Each hit names the objective of its action: the solar plan first, then its mentions
    # under funding and coordination (2020).
    assert sorted(hit.title.split(" — ")[1] for hit in groups[0].hits) == sorted([
        "Agir sur l’Eco-transition et la transition énergétique",
        "Agir sur l'Eco-transition et la transition énergétique",
        "Faire converger les financements",
        "Coordonner l’action des collectivités et des outils d’ingénierie"])
    assert groups[0].hits[0].title.split(" — ")[1] == (
        "Agir sur l'Eco-transition et la transition énergétique")


def test_site_search_finds_news_and_letter(client, pma):
    groups = client.get(reverse("portal:site_search"), {"q": "Viva Technology"}).context[
        "groups"]
    assert [(g.kind.key, g.total) for g in groups] == [("publications", 1)]
    assert groups[0].hits[0].url.endswith("/publications/lettre-aux-maires-2024/")


def test_publication_page_and_agenda(client, pma):
    letter = Publication.objects.get(slug="lettre-aux-maires-2024")
    text = _text(client.get(letter.get_absolute_url()))
    assert "vendredi 14 juin 2024 à 8h00" in text
    assert "du 22 mai au 25 mai 2024" in text
    assert "(ou le 6 juin — dates sous réserve)" in text
    assert "+ de 110" in text
    agenda = _text(client.get(reverse("pma_reports:publication_list",
                                      kwargs={"organisation": "pma"})))
    assert agenda.count("Comité syndical du PMA") >= 1


def test_icalendar_agenda(client, pma):
    response = client.get(reverse("pma_reports:agenda_ics"))
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert body.count("BEGIN:VEVENT") == Event.objects.count() == 8
    # 14 June 2024 at 8:00 in Paris = 06:00 UTC; a span is whole days, DTEND exclusive.
    assert "DTSTART:20240614T060000Z" in body
    assert "DTSTART;VALUE=DATE:20240522\r\nDTEND;VALUE=DATE:20240526" in body
    assert "STATUS:TENTATIVE" in body


def test_atom_feed_lists_no_report_without_a_known_date(client, pma):
    # The seed reports state no transmission date (tests/pma_reports/test_feeds.py).
    body = client.get(reverse("pma_reports:report_feed")).content.decode()
    assert body.count("<entry>") == 0


def test_key_figures_csv_says_what_each_figure_counts(client, pma):
    response = client.get(reverse("pma_reports:key_figures_csv"))
    lines = response.content.decode().splitlines()
    assert lines[0] == ("collectivite,annee_du_rapport,axe,objectif,libelle,valeur,"
                        "qualificatif,unite,base,periode,forme_citee,phrase")
    assert len(lines) == 1 + 21
    rows = list(csv.reader(lines[1:]))
    solar = [(r[1], r[5], r[6], r[8], r[9]) for r in rows
             if r[4] == "connexions au cadastre solaire"]
    assert solar == [
        ("2020", "2300", "", "period",
         "les 6 premières semaines en ligne (mise en ligne le 12 octobre 2020)"),
        ("2021", "5000", "plus de", "cumulative", "depuis la mise en ligne en octobre 2020")]
    # 35,9 M€ is quoted by the 2020 report and covers 2016-2021.
    [pradet] = [r for r in rows if r[4] == "fonds territoriaux régionaux programmés (PRADET)"]
    assert (pradet[1], pradet[5], pradet[8], pradet[9]) == ("2020", "35.9", "period",
                                                            "2016-2021")


def test_report_pdf_is_pdf_a(client, pma):
    response = client.get(reverse("pma_reports:report_pdf",
                                  kwargs={"organisation": "pma", "year": 2021}))
    assert response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()
    first_page = reader.pages[0].extract_text()
    assert "Rapport d'activités 2021 du Pôle Métropolitain de l'Artois" in first_page
    assert "Prise d'acte publiée sur le portail : 1 membre sur 4" in first_page
    assert "pour les autres, non renseigné sur le portail" in first_page
    assert "5 Comités syndicaux" in first_page


def test_api_report_detail_and_lists(client, pma):
    report = ActivityReport.objects.get(year=2021)
    data = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert [p["title"] for p in data["pillars"]] == [
        "Décider ensemble", "Agir ensemble", "Peser ensemble"]
    assert [len(p["objectives"]) for p in data["pillars"]] == [3, 3, 2]
    noted = [n for n in data["taking_notes"] if n["deliberation"]]
    assert [n["member"] for n in noted] == [
        "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"]
    figures = client.get("/api/v1/report-key-figures/", {"report__year": 2020}).json()
    assert figures["count"] == 12
    schema = client.get("/api/v1/schema/").content.decode()
    for path in ("/api/v1/reports/", "/api/v1/report-objectives/", "/api/v1/report-actions/",
                 "/api/v1/report-key-figures/"):
        assert path in schema


# --- Constant queries ----------------------------------------------------------------------


def _big_report(organisation, year, objectives=50, actions=4):
    report = ActivityReport.objects.create(organisation=organisation, year=year,
                                           title=f"Rapport {year}", published=True)
    pillar = Pillar.objects.create(report=report, order=1, title="Agir ensemble")
    for o in range(objectives):
        objective = Objective.objects.create(pillar=pillar, order=o + 1, title=f"Objectif {o}",
                                             theme=f"theme-{o}")
        order = 0
        for a in range(actions):
            order += 1
            parent = Action.objects.create(objective=objective, order=order, text=f"Action {a}")
            order += 1
            Action.objects.create(objective=objective, order=order, parent=parent,
                                  text=f"Détail {a} : 3 ateliers")
            KeyFigure.objects.create(report=report, action=parent, order=o * actions + a + 1,
                                     value=Decimal(3), label="ateliers", text="3 ateliers",
                                     sentence="3 ateliers")
    return report


def _queries(client, url, show=False):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    if show:
        print("\n".join(q["sql"][:150] for q in queries.captured_queries))
    return len(queries)


def test_report_page_runs_a_constant_number_of_queries(client, pma):
    small = _queries(client, _report_url(2020))
    _big_report(pma, 2030)
    big = _queries(client, _report_url(2030))
    assert big == small


@pytest.mark.parametrize("url_name, kwargs", [
    ("pma_reports:report_list", {}),
    ("pma_reports:publication_list", {"organisation": "pma"}),
    ("pma_reports:key_figures_csv", {}),
    ("pma_reports:report_feed", {}),
    ("pma_reports:agenda_ics", {}),
])
def test_lists_run_a_constant_number_of_queries(client, pma, url_name, kwargs):
    url = reverse(url_name, kwargs=kwargs)
    few = _queries(client, url)
    other = Organisation.objects.create(name="Syndicat de test", slug="syndicat-test",
                                        kind=Organisation.Kind.SYNDICATE)
    for year in range(2000, 2050):
        _big_report(other, year, objectives=1, actions=1)
    letter = Publication.objects.get(slug="lettre-aux-maires-2024")
    for number in range(50):
        publication = Publication.objects.create(
            organisation=pma, kind=Publication.Kind.NEWS, slug=f"actualite-{number}",
            title=f"Actualité {number}", year=2024, order=100 + number)
        Event.objects.create(publication=publication, order=1, title="Réunion",
                             starts_on=letter.events.first().starts_on)
    assert _queries(client, url) == few


@pytest.mark.parametrize("path", ["/api/v1/reports/", "/api/v1/report-objectives/",
                                  "/api/v1/report-key-figures/"])
def test_api_lists_run_a_constant_number_of_queries(client, pma, path):
    few = _queries(client, path)
    other = Organisation.objects.create(name="Syndicat de test", slug="syndicat-test",
                                        kind=Organisation.Kind.SYNDICATE)
    for year in range(2000, 2050):
        _big_report(other, year, objectives=1, actions=1)
    assert _queries(client, path) == few
