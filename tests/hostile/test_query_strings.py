"""Absurd query strings on every public URL: a page number of 10⁹, impossible dates, a 10 kB
search, SQL and HTML injection strings, NUL bytes (PostgreSQL refuses them in text) and
invalid UTF-8 answer below 500, and an HTML or XML answer never echoes the markup unescaped.

Every named URL outside /admin/ must have a real address below (resolved with the seed
records): a new public URL without one fails the first test."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from deliberations.models import Deliberation, Session
from pma_reports.models import ActivityReport, Objective, Publication
from portal.models import Body, Member, Organisation
from territory_project.models import Action, Indicator, Priority, Project

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = {
    "page 10⁹": "1000000000",
    "page négative": "-1",
    "nombre énorme": "9" * 40,
    "flottant infini": "1e309",
    "date impossible": "2022-02-30",
    "date absurde": "99999-99-99",
    "année zéro": "0000-00-00",
    "recherche de 10 ko": "délibération " * 800,
    "injection SQL": "' OR 1=1 --",
    "injection SQL 2": "1); DROP TABLE deliberations_deliberation; --",
    "balise script": SCRIPT,
    "attribut html": IMG,
    "octet nul": "a\x00b",
    "pourcent seul": "%",
    "emoji": "🏛️",
}
# Raw query strings (already encoded): invalid UTF-8 and a lone NUL.
RAW = {
    "UTF-8 invalide": "q=%FF%FE%FD&page=%C3%28&date_from=%E2%28%A1",
    "NUL encodé": "q=%00&page=%00&code=%00&lettre=%00&date_from=%00&organisation=%00",
}
# The parameters the public views and the API read.
PARAMETERS = [
    "page", "q", "lettre", "code", "organisation", "body", "date_from", "date_to", "theme",
    "matter", "executory", "sort", "year", "date__gte", "date__lte",
    "body__organisation__slug", "last_name__istartswith", "organisation__slug", "year__gte",
    "year__lte", "pillar__report__year", "objective", "objective__pillar__report__year",
    "report__year", "label", "project__slug", "format", "ordering", "search", "page_size",
]


def _public_patterns():
    names = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin" or str(pattern.pattern).startswith("admin/"):
                    continue
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and not str(pattern.pattern).startswith(
                    "admin/"):
                if "format" in pattern.pattern.regex.groupindex:
                    continue  # DRF's ".json" suffix variants: the same views
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return sorted(set(names))


def _real_urls():
    deliberation = Deliberation.objects.published().select_related("session").first()
    session = Session.objects.public().first()
    organisation = Organisation.objects.get(slug=deliberation.session.body.organisation.slug)
    body = Body.objects.filter(organisation=organisation).first()
    member = Member.objects.with_public_record().first()
    project = Project.objects.first()
    report = ActivityReport.objects.public().select_related("organisation").first()
    objective = Objective.objects.filter(pillar__report=report).first()
    publication = Publication.objects.first()
    return {
        "extracts:download": reverse("extracts:download", args=["extrait-inexistant"]),
        "extracts:verify_index": reverse("extracts:verify_index"),
        "extracts:verify": reverse("extracts:verify", args=["code-inexistant"]),
        "portal:home": "/",
        "portal:organisation_list": reverse("portal:organisation_list"),
        "portal:organisation_detail": organisation.get_absolute_url(),
        "portal:body_detail": body.get_absolute_url(),
        "portal:member_list": reverse("portal:member_list"),
        "portal:member_detail": member.get_absolute_url(),
        "portal:site_search": reverse("portal:site_search"),
        "portal:accessibility": reverse("portal:accessibility"),
        "portal:legal_notice": reverse("portal:legal_notice"),
        "deliberations:deliberation_list": reverse("deliberations:deliberation_list"),
        "deliberations:deliberation_csv": reverse("deliberations:deliberation_csv"),
        "deliberations:deliberation_csv_extended": reverse(
            "deliberations:deliberation_csv_extended"),
        "deliberations:deliberation_feed": reverse("deliberations:deliberation_feed"),
        "deliberations:deliberation_detail": deliberation.get_absolute_url(),
        "deliberations:annex_download": reverse("deliberations:annex_download", args=[1]),
        "deliberations:session_list": reverse("deliberations:session_list"),
        "deliberations:session_document_feed": reverse("deliberations:session_document_feed"),
        "deliberations:session_calendar": reverse("deliberations:session_calendar"),
        "deliberations:session_detail": session.get_absolute_url(),
        "deliberations:deliberation_list_pdf": reverse(
            "deliberations:deliberation_list_pdf", args=[session.pk]),
        "deliberations:convocation_acknowledge": reverse(
            "deliberations:convocation_acknowledge", args=["jeton-inexistant"]),
        "deliberations:minutes_pdf": reverse("deliberations:minutes_pdf", args=[session.pk]),
        "deliberations:alert_subscribe": reverse("deliberations:alert_subscribe")
        + "?scope=search&criteria=q%3Dlogement&frequency=weekly",
        "deliberations:alert_requested": reverse("deliberations:alert_requested"),
        "deliberations:alert_confirm": reverse("deliberations:alert_confirm",
                                               args=["jeton-inexistant"]),
        "deliberations:alert_unsubscribe": reverse("deliberations:alert_unsubscribe",
                                                   args=["jeton-inexistant"]),
        "deliberations:alert_manage_request": reverse("deliberations:alert_manage_request"),
        "deliberations:alert_manage": reverse("deliberations:alert_manage",
                                              args=["jeton-inexistant"]),
        "territory_project:project_list": reverse("territory_project:project_list"),
        "territory_project:dashboard": project.get_absolute_url(),
        "territory_project:priority": Priority.objects.filter(project=project).first()
        .get_absolute_url(),
        "territory_project:action": Action.objects.first().get_absolute_url(),
        "territory_project:indicator_list": reverse(
            "territory_project:indicator_list", args=[project.slug]),
        "territory_project:indicator": Indicator.objects.first().get_absolute_url(),
        "territory_project:evaluations": reverse(
            "territory_project:evaluations", args=[project.slug]),
        "territory_project:social_functions": reverse(
            "territory_project:social_functions", args=[project.slug]),
        "territory_project:project_csv": reverse(
            "territory_project:project_csv", args=[project.slug]),
        "territory_project:indicators_csv": reverse(
            "territory_project:indicators_csv", args=[project.slug]),
        "territory_api:project-list": "/api/v1/projects/",
        "territory_api:project-detail": f"/api/v1/projects/{project.slug}/",
        "territory_api:indicator-list": "/api/v1/indicators/",
        "territory_api:indicator-detail": f"/api/v1/indicators/{Indicator.objects.first().pk}/",
        "pma_reports:report_list": reverse("pma_reports:report_list"),
        "pma_reports:report_feed": reverse("pma_reports:report_feed"),
        "pma_reports:key_figures_csv": reverse("pma_reports:key_figures_csv"),
        "pma_reports:agenda_ics": reverse("pma_reports:agenda_ics"),
        "pma_reports:report_detail": report.get_absolute_url(),
        "pma_reports:report_pdf": reverse("pma_reports:report_pdf", kwargs={
            "organisation": report.organisation.slug, "year": report.year}),
        "pma_reports:theme_detail": objective.get_absolute_url(),
        "pma_reports:publication_list": reverse(
            "pma_reports:publication_list", args=[publication.organisation.slug]),
        "pma_reports:publication_detail": publication.get_absolute_url(),
        "api:deliberation-list": "/api/v1/deliberations/",
        "api:deliberation-detail": f"/api/v1/deliberations/{deliberation.slug}/",
        "api:session-list": "/api/v1/sessions/",
        "api:session-detail": f"/api/v1/sessions/{session.pk}/",
        "api:member-list": "/api/v1/members/",
        "api:member-detail": f"/api/v1/members/{member.slug}/",
        "api:api-root": "/api/v1/",
        "api:schema": "/api/v1/schema/",
        "pma_api:report-list": "/api/v1/reports/",
        "pma_api:report-detail": f"/api/v1/reports/{report.pk}/",
        "pma_api:report-objective-list": "/api/v1/report-objectives/",
        "pma_api:report-objective-detail": f"/api/v1/report-objectives/{objective.pk}/",
        "pma_api:report-action-list": "/api/v1/report-actions/",
        "pma_api:report-action-detail":
            f"/api/v1/report-actions/{objective.actions.first().pk}/",
        "pma_api:report-key-figure-list": "/api/v1/report-key-figures/",
        "pma_api:report-key-figure-detail":
            f"/api/v1/report-key-figures/{report.key_figures.first().pk}/",
        "django.contrib.sitemaps.views.sitemap": "/sitemap.xml",
        "robots_txt": "/robots.txt",
    }


# The views that read the query string (filters, search, pagination) and what they read:
# each hostile value goes in all the parameters at once, then in each of theirs alone, so
# that one refused parameter does not hide another. The other URLs ignore the query string:
# they get all the parameters at once, for a few of the values (their cost is the page's).
FILTERS = ["page", "organisation", "body", "date_from", "date_to", "theme", "matter",
           "executory", "sort", "q"]
READERS = {
    "portal:member_list": ["page", "lettre"],
    "portal:site_search": ["q"],
    "extracts:verify_index": ["code"],
    "deliberations:deliberation_list": FILTERS,
    "deliberations:deliberation_csv": FILTERS,
    "deliberations:deliberation_csv_extended": FILTERS,
    "deliberations:deliberation_feed": FILTERS,
    "deliberations:session_list": ["page"],
    "api:deliberation-list": FILTERS,
    "api:session-list": ["page", "body__organisation__slug", "date__gte", "date__lte"],
    "api:member-list": ["page", "last_name__istartswith"],
    "territory_api:indicator-list": ["page", "project__slug"],
    "pma_api:report-list": ["page", "organisation__slug", "year", "year__gte", "year__lte"],
    "pma_api:report-objective-list": ["page", "theme", "pillar__report__year"],
    "pma_api:report-action-list": ["page", "objective", "objective__pillar__report__year"],
    "pma_api:report-key-figure-list": ["page", "report__year", "label"],
}
EVERY_URL = {"octet nul", "balise script", "page 10⁹", "date impossible", "injection SQL"}
# Served only once the clerk has generated them (none in the seed records).
GENERATED = {"deliberations:deliberation_list_pdf", "deliberations:minutes_pdf"}


@pytest.fixture
def urls(records):
    return _real_urls()


def test_every_public_url_pattern_has_a_real_address(urls, client):
    assert sorted(urls) == _public_patterns()
    for name, url in urls.items():
        expected = {404} if "inexistant" in url or name == "deliberations:annex_download" \
            else {200, 404} if name in GENERATED else {200}
        assert client.get(url).status_code in expected, name


def _check(client, url, query, hostile=None):
    response = client.get(f"{url}?{query}")
    assert response.status_code < 500, (url, query[:200], response.status_code)
    content_type = response.get("Content-Type", "")
    if response.status_code == 200 and ("html" in content_type or "xml" in content_type):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        assert SCRIPT not in text and IMG not in text, (url, query[:80])
    return response


def _encoded(value):
    from urllib.parse import quote

    return quote(value, safe="")


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_hostile_values_in_every_parameter_never_give_a_server_error(label, urls, client):
    value = _encoded(HOSTILE[label])
    everything = "&".join(f"{name}={value}" for name in PARAMETERS)
    for name, url in urls.items():
        if name in READERS or label in EVERY_URL:
            _check(client, url, everything)
        for parameter in READERS.get(name, []):
            _check(client, url, f"{parameter}={value}")


@pytest.mark.parametrize("label", sorted(RAW))
def test_raw_query_strings_never_give_a_server_error(label, urls, client):
    for url in urls.values():
        _check(client, url, RAW[label])


def test_every_reader_parameter_is_a_known_one():
    assert {p for parameters in READERS.values() for p in parameters} <= set(PARAMETERS)


@pytest.mark.parametrize("segment", ["99999999999999999999999", "a%00b", "%FF%FE",
                                     "%27%20OR%201%3D1%20--"])
def test_hostile_path_segments_answer_404(segment, urls, client):
    for url in ("/seances/{}/", "/verifier/{}", "/convocation/accuse/{}/",
                "/deliberations/annexe/{}/", "/api/v1/sessions/{}/", "/api/v1/reports/{}/",
                "/api/v1/indicators/{}/", "/api/v1/deliberations/{}/",
                "/deliberations/extrait/{}.pdf"):
        response = client.get(url.format(segment))
        assert response.status_code in (400, 404), (url, segment, response.status_code)


def test_precise_answers(urls, client):
    """What the absurd values give where it matters: the last page, an error in the form."""
    listing = client.get("/deliberations/?page=1000000000")
    assert listing.status_code == 200
    assert listing.context["page"].number == listing.context["page"].paginator.num_pages
    assert client.get("/api/v1/deliberations/?page=1000000000").status_code == 404
    invalid_date = client.get("/api/v1/sessions/?date__gte=2022-02-30")
    assert invalid_date.status_code == 400
    html = client.get("/deliberations/?date_from=2022-02-30")
    assert html.status_code == 200
