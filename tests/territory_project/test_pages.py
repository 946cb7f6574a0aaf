"""Public pages of the territorial project on the real seeds."""

import datetime
import html
import re
from decimal import Decimal
from xml.etree import ElementTree

from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliberations.models import Deliberation
from territory_project import selectors, views
from territory_project.models import Action, ActionDeliberation, Evaluation, Measurement
from tests.factories import DeliberationFactory, SessionFactory

from .test_parsing import PRIORITY_TITLES

SVG = "{http://www.w3.org/2000/svg}"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _plain(response) -> str:
    """The page's text without tags, spaces collapsed (what a reader reads)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", _text(response)))


def test_dashboard_shows_the_four_priorities_in_order(client, project):
    page = _text(client.get(project.get_absolute_url()))
    positions = [page.index(title) for title in PRIORITY_TITLES]
    assert positions == sorted(positions)
    assert "4 priorités, 30 enjeux, 83 objectifs, 220 actions" in page
    assert project.adopted_by.get_absolute_url() in page


def test_deliberation_page_links_back_to_the_project_and_its_actions(client, project):
    deliberation = project.adopted_by
    action = Action.objects.get(title="Lutter contre les fuites")
    ActionDeliberation.objects.create(action=action, deliberation=deliberation)
    page = _text(client.get(deliberation.get_absolute_url()))
    assert f'href="{project.get_absolute_url()}"' in page
    assert "Elle met en œuvre 1 action du projet de territoire" in page
    assert f'href="{action.get_absolute_url()}">Lutter contre les fuites</a>' in page
    assert "objectif 2 : Assurer une distribution efficace et à moindre coût" in page
    # And the action's page lists the deliberation.
    assert deliberation.get_absolute_url() in _text(client.get(action.get_absolute_url()))


def test_dashboard_counts_linked_actions_with_what_the_portal_holds(client, project):
    url = project.get_absolute_url()
    page = _plain(client.get(url))
    assert ("0 action du projet reliée à une délibération publiée sur ce portail, sur 220."
            in page)
    # The seeds hold the two acts of CABBALR: the Bureau of 18 Oct 2022, the Conseil of 6 Dec.
    assert ("Ce portail publie 2 délibérations de Communauté d'agglomération de "
            "Béthune-Bruay, Artois Lys Romane (séances du 18 octobre 2022 au 6 décembre 2022)"
            in page)
    assert "ce nombre ne mesure pas l'avancement du projet" in page
    for wrong in ("Avancement", "0 %", "0,0\xa0%", "déjà mises en œuvre"):
        assert wrong not in page

    action = Action.objects.filter(objective__stake__priority__number=2).first()
    draft = DeliberationFactory(session=SessionFactory(body=project.adopted_by.session.body))
    ActionDeliberation.objects.create(action=action, deliberation=draft)
    assert "0 action du projet reliée" in _plain(client.get(url)), \
        "a draft carries out nothing in public"

    ActionDeliberation.objects.create(action=action, deliberation=project.adopted_by)
    other = Action.objects.filter(objective__stake__priority__number=3).first()
    ActionDeliberation.objects.create(action=other, deliberation=project.adopted_by)
    assert ("2 actions du projet reliées à une délibération publiée sur ce portail, sur 220."
            in _plain(client.get(url)))
    assert re.search(r"<td class=\"num\">76</td>\s*<td class=\"num\">1</td>",
                     _text(client.get(url)))
    progress = selectors.project_progress(project)
    assert (progress.carried, progress.actions) == (2, 220)
    assert [p.carried for p in progress.priorities] == [0, 1, 1, 0]


def test_indicator_with_two_measurements_has_a_chart_and_a_table_with_the_same_numbers(
        client, project):
    indicator = project.indicators.get(code="dechets-par-habitant")
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2024, 6, 30),
                               value=Decimal("742.5"), source="Rapport annuel déchets 2023")
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2025, 6, 30),
                               value=Decimal("701"), source="Rapport annuel déchets 2024")
    page = client.get(indicator.get_absolute_url()).content.decode()
    svg = ElementTree.fromstring(re.search(r"<svg class=\"chart\".*?</svg>", page, re.S)[0])
    chart_values = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart__value"]
    # The document does not date its 770 kg: only the dated measurements are plotted.
    assert chart_values == ["742,5", "701"]
    [unit] = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart__unit"]
    assert unit == "en kg par habitant et par an"
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
    assert "(moyenne nationale) : 500 kg" in svg.find(f"{SVG}desc").text
    table = re.search(r"<table class=\"indicator-values\">.*?</table>", page, re.S)[0]
    table_values = re.findall(r"<td class=\"num\">([^<]+)</td>", table)
    assert table_values == ["770", *chart_values, "-15 %"]
    summary = html.unescape(re.search(r'id="resume-indicateur">([^<]+)<', page)[1])
    assert ("Valeur citée par le projet : 770 kg par habitant et par an (non datée par le "
            "document).") in summary
    assert "2 mesures enregistrées ; la dernière, le 30/06/2025, vaut 701" in summary
    assert "en baisse, dans le sens de l'objectif" in summary
    assert "Cible du projet : −15\xa0% (évolution) d'ici 2030." in summary


def _words(response) -> str:
    """The page's text with each tag read as a space (term and definition stay apart)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _text(response)))


def _indicator_page(client, project, code) -> str:
    return _words(client.get(project.indicators.get(code=code).get_absolute_url()))


def test_waste_page_states_the_documents_target(client, project):
    page = _indicator_page(client, project, "dechets-par-habitant")
    assert "Cible −15 % (évolution) d'ici 2030" in page
    assert "non chiffrée par le document" not in page
    assert ("réglementations récentes qui imposent une réduction de 15% de déchets ménagés et "
            "assimilés d'ici 2030") in page
    assert "(2022)" not in page


def test_housing_is_a_yearly_target_not_a_2022_baseline(client, project):
    page = _indicator_page(client, project, "logements-supplementaires")
    assert ("Valeur citée par le projet non donnée par le document Cible 1 000 logements "
            "par an (sans horizon indiqué)") in page
    facts = page[page.index(" Unité "):page.index("Source dans le projet")]
    assert "2022" not in facts and "référence" not in facts


def test_qualifiers_and_periods_are_kept(client, project):
    water = _indicator_page(client, project, "pertes-reseau-eau")
    assert ("plus de 3,7 millions de m³ par an (non datée par le document)") in water
    short = _indicator_page(client, project, "exploitations-circuits-courts")
    assert "près de 28 % (non datée par le document)" in short
    land = _indicator_page(client, project, "artificialisation")
    assert "900 ha (entre 2010 et 2020)" in land
    listing = _words(client.get(f"{project.get_absolute_url()}indicateurs/"))
    assert "23 indicateurs : valeur citée, cibles et mesures" in listing
    assert "(2022)" not in listing
    for target in ("65 % d'ici 2025 ; 67 % d'ici 2031", "5 % d'ici 2030",
                   "−36 % (évolution) d'ici 2050", "+25 % (évolution) d'ici 2050",
                   "100 % (sans horizon indiqué)", "+20 % (évolution) (sans horizon "
                   "indiqué)", "Construire un nouveau Centre de Valorisation Energétique "
                   "d'ici 2026", "100 bornes d'ici 2024"):
        assert target in listing, target


def test_charging_points_show_an_honest_empty_state_instead_of_an_empty_chart(client,
                                                                             project):
    response = client.get(project.indicators.get(code="bornes-irve").get_absolute_url())
    page = response.content.decode()
    assert '<svg class="chart"' not in page
    assert ("Pas de graphique : ni le projet ni ce portail ne donnent encore de valeur datée "
            "de cet indicateur à placer dans le temps ; le projet en fixe la cible ci-dessus."
            ) in _plain(response)
    Measurement.objects.create(indicator=project.indicators.get(code="bornes-irve"),
                               measured_on=datetime.date(2024, 12, 31), value=Decimal("64"),
                               source="Schéma IRVE, bilan 2024")
    page = client.get(project.indicators.get(code="bornes-irve").get_absolute_url()
                      ).content.decode()
    svg = ElementTree.fromstring(re.search(r"<svg class=\"chart\".*?</svg>", page, re.S)[0])
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart__guide-label"
            ] == ["Cible 2024 : 100"]


def test_past_evaluation_without_a_record_is_not_called_late(client, project, monkeypatch):
    entries = selectors.evaluation_calendar(project, today=datetime.date(2025, 2, 1))
    assert [(e.due_on.year, e.status) for e in entries] == [
        (2024, "not_recorded"), (2026, "due"), (2028, "due"), (2030, "due"), (2032, "due")]
    monkeypatch.setattr(views, "today", lambda: datetime.date(2025, 2, 1))
    page = _text(client.get(f"{project.get_absolute_url()}evaluations/"))
    assert re.search(r"6 décembre 2024</th>\s*<td><span class=\"badge badge--not_recorded\">"
                     r"non renseigné sur ce portail</span>", page)
    assert "en retard" not in page
    # The dashboard's next evaluation is the one to come, not the unrecorded past one.
    dashboard = _plain(client.get(project.get_absolute_url()))
    assert "6 décembre 2026 — à présenter" in dashboard
    assert "en retard" not in dashboard


def test_recorded_evaluation_not_presented_after_its_date_is_late(client, project,
                                                                  monkeypatch):
    monkeypatch.setattr(views, "today", lambda: datetime.date(2025, 2, 1))
    Evaluation.objects.create(project=project, due_on=datetime.date(2024, 12, 6))
    page = _text(client.get(f"{project.get_absolute_url()}evaluations/"))
    assert re.search(r"6 décembre 2024</th>\s*<td><span class=\"badge badge--overdue\">"
                     r"en retard</span>", page)
    assert "6 décembre 2024 — en retard" in _plain(client.get(project.get_absolute_url()))

    Evaluation.objects.filter(project=project).update(
        presented_on=datetime.date(2025, 1, 28), summary="Bilan")
    entries = selectors.evaluation_calendar(project, today=datetime.date(2025, 2, 1))
    assert entries[0].status == "done"
    page = _text(client.get(f"{project.get_absolute_url()}evaluations/"))
    assert "le 28 janvier 2025" in page
    assert "en retard" not in page


def test_social_functions_page(client, project):
    page = _text(client.get(f"{project.get_absolute_url()}fonctions-sociales/"))
    assert "Les 7 fonctions sociales" in page
    assert "Lutter contre l'illettrisme et l'illectronisme." in page
    # The stake links are the portal's reading, not the project's text: said so.
    assert "Enjeux rapprochés par la rédaction du portail" in page
    assert "ces rapprochements sont une lecture éditoriale, non le texte du projet" in page
    assert "Enjeux du projet</h3>" not in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_pages_api_and_csv_run_a_constant_number_of_queries(client, project):
    base = project.get_absolute_url()
    urls = [base, f"{base}priorites/2/", f"{base}indicateurs/",
            f"{base}indicateurs/dechets-par-habitant/", f"{base}evaluations/",
            f"{base}fonctions-sociales/", f"{base}actions.csv", f"{base}indicateurs.csv",
            f"/api/v1/projects/{project.slug}/", "/api/v1/indicators/",
            project.adopted_by.get_absolute_url()]
    action = Action.objects.filter(objective__stake__priority__number=2).first()
    ActionDeliberation.objects.create(action=action, deliberation=project.adopted_by)
    indicator = project.indicators.get(code="dechets-par-habitant")
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2024, 1, 1),
                               value=700, source="s")
    first = {url: _queries(client, url) for url in urls}

    session = SessionFactory(body=project.adopted_by.session.body,
                             date=datetime.date(2023, 1, 10))
    for index, action in enumerate(Action.objects.filter(
            objective__stake__priority__number=2)[:50]):
        deliberation = DeliberationFactory(published=True, session=session)
        ActionDeliberation.objects.create(action=action, deliberation=deliberation)
        ActionDeliberation.objects.get_or_create(action=action, deliberation=project.adopted_by)
        Measurement.objects.create(indicator=indicator, value=600 + index, source="s",
                                   measured_on=datetime.date(2024, 2, 1)
                                   + datetime.timedelta(days=index))
    assert Deliberation.objects.published().count() >= 50
    assert {url: _queries(client, url) for url in urls} == first


def test_site_search_finds_the_project_actions(client, project):
    response = client.get("/recherche/", {"q": "fuites"})
    [group] = [g for g in response.context["groups"] if g.kind.key == "territory_project"]
    assert group.kind.label == "Projet de territoire"
    assert group.total == 1
    [hit] = group.hits
    action = Action.objects.get(title="Lutter contre les fuites")
    assert (hit.title, hit.url) == ("Action : Lutter contre les fuites",
                                    action.get_absolute_url())
    response = client.get("/recherche/", {"q": "logements indignes"})
    [group] = [g for g in response.context["groups"] if g.kind.key == "territory_project"]
    # The indicator of that name first, then the stake.
    assert [hit.title for hit in group.hits[:2]] == [
        "Indicateur : Logements indignes",
        "Enjeu : Assurer un logement digne aux habitants de l'Agglomération"]
