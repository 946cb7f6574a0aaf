"""The clerk's day in headless Chromium: a clerk account (group +
organisation, as the README sets it up) creates a Conseil session, imports the 003
attendance block, saves the session again; creates a Bureau session and pastes another
body's text (29 unknown names): picks a member with the autocomplete search box, searches
with Enter, "tout créer" with a body, role and start date, and the suppléant read in the text
is refused at the Bureau (L5211-6), nothing saved; adds a deliberation (an item outside the
agenda refused), takes it from draft to published with the president as default signatory,
downloads the extract (pdftotext reads the president's name) from the admin and from the
public page and checks it on /verifier/; every link of the session and deliberation admin
pages answers 200; the convocation of a coming session is previewed, then sent to as many
addresses as the preview said (test mail outbox). The home's overdue count equals the
calendar's. axe-core (WCAG 2.1 AA) runs on each clerk screen, and no script meets a
Content-Security-Policy refusal; screenshots at 1280 px go to $CLERK_SCREENSHOTS (default:
pytest's tmp_path).

Needs Chromium, Playwright and axe-core as tests/e2e/test_accessibility.py (same fixtures).
"""

import datetime
import json
import os
import re
import shutil
import subprocess
from importlib import import_module
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from deliberations.minutes.seeding import seed_file
from deliberations.models import (
    AgendaItem,
    ConvocationAddress,
    Deliberation,
    IssuedExtract,
    Session,
)
from portal.models import Member, Organisation, StaffAssignment
from tests.e2e.test_accessibility import (  # noqa: F401 -- fixtures
    _axe_violations,
    allow_orm_beside_playwright,
    browser,
)

pytestmark = [pytest.mark.browser]
PASSWORD = "mot-de-passe-solide-42"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"
SUBSTITUTE_REFUSED = (
    "ROURNOLLE Mathieu ne peut siéger comme suppléant de GRORLIGNAC-GRIMELLEC Maud-Tiphaine : "
    "le délégué suppléant ne siège qu'à l'organe délibérant, pas au Bureau (L5211-6)")


def clerks_group() -> Group:
    """The group made by migration 0002_groups and given permissions by later migrations; a
    transactional test before this one may have flushed it (post_migrate recreates
    permissions, not groups), so it is rebuilt from those migrations' own lists."""
    groups = import_module("deliberations.migrations.0002_groups")
    group, created = Group.objects.get_or_create(name=groups.CLERKS)
    if created:
        actions = ("add", "change", "delete", "view")
        wanted = [(app, f"{action}_{model}") for app, models in groups.EDITABLE.items()
                  for model in models for action in actions]
        wanted += [(app, f"view_{model}") for app, models in groups.READ_ONLY.items()
                   for model in models]
        wanted.append(("deliberations", "export_extract"))
        legal_depth = import_module("deliberations.migrations.0010_clerk_permissions_legal_depth")
        wanted += [(app, f"{action}_{model}") for app, models in legal_depth.MODELS.items()
                   for model in models for action in actions]
        for name in ("0014_session_documents_permissions", "0016_convocation_permissions"):
            wanted += [("deliberations", f"{action}_{model}") for model in
                       import_module(f"deliberations.migrations.{name}").MODELS
                       for action in actions]
        wanted += [("pma_reports", f"{action}_{model}") for model in
                   import_module("pma_reports.migrations.0002_clerk_permissions").MODELS
                   for action in actions]
        project = import_module("territory_project.migrations.0002_clerk_permissions")
        wanted += [("territory_project", f"{action}_{model}")
                   for model, granted in project.CLERK_ACTIONS.items() for action in granted]
        group.permissions.set([Permission.objects.get(content_type__app_label=app,
                                                      codename=codename)
                               for app, codename in wanted])
    return group


@pytest.fixture
def clerk_site(browser, transactional_db, live_server, tmp_path, settings):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_seed_records", verbosity=0)
    user = User.objects.create_user("greffiere", password=PASSWORD, is_staff=True,
                                    first_name="Claire", last_name="GREFFE")
    user.groups.add(clerks_group())
    StaffAssignment.objects.create(user=user,
                                   organisation=Organisation.objects.get(slug="cabbalr"))
    text = seed_file(Path(settings.SEEDS_DIR), "003")
    block = text[: re.search(r"La séance est ouverte,?", text).end()]
    return {"user": user, "block": block}


@pytest.fixture
def coming_session(clerk_site):
    """A Conseil session in twelve days with its agenda, and three members whose
    convocation address the CABBALR clerks keep."""
    council = Session.objects.get(body__organisation__slug="cabbalr",
                                  date=datetime.date(2022, 12, 6)).body
    session = Session.objects.create(
        body=council, date=timezone.localdate() + datetime.timedelta(days=12),
        starts_at=datetime.time(18, 0), place="Hôtel communautaire de Béthune",
        status=Session.Status.DRAFT, agenda_item_count=2)
    AgendaItem.objects.create(session=session, position=1, title="Budget primitif 2027")
    AgendaItem.objects.create(session=session, position=2, title="Tarifs de l'eau 2027")
    members = Member.objects.filter(mandates__body=council).distinct().order_by("last_name")
    for member in members[:3]:
        ConvocationAddress.objects.create(
            member=member, organisation=council.organisation,
            email=f"{member.slug}@example.org")
    return session


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) n'est pas installé")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


def links_not_answering(context, page) -> dict:
    """Every link of the current page on this site, fetched with the clerk's cookies:
    those that do not answer 200, after redirects ("Voir sur le site"), or that end on the
    login page (a fragment or the logout form's target left aside)."""
    origin = urlsplit(page.url).netloc
    hrefs = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))
    answers = {}
    for href in sorted(hrefs):
        url = urljoin(page.url, href).split("#")[0]
        if urlsplit(url).netloc != origin or not url or "/logout/" in url:
            continue
        if url not in answers:
            response = context.request.get(url)
            answers[url] = ("login" if "/admin/login/" in response.url
                            else response.status)
    assert len(answers) >= 10, answers
    return {url: status for url, status in answers.items() if status != 200}


def test_clerk_takes_a_session_from_creation_to_a_verified_extract(
        browser, live_server, clerk_site, coming_session, tmp_path):  # noqa: F811
    shots = Path(os.environ.get("CLERK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR",
                                  accept_downloads=True)
    page = context.new_page()
    failures, csp_errors = {}, []
    # axe-core, evaluated through the DevTools protocol, has no script URL: only the page's
    # own scripts count.
    page.on("console", lambda message: csp_errors.append((page.url, message.text[:200]))
            if "Content Security Policy" in message.text and message.location["url"]
            else None)

    def check(name):
        """Screenshot and axe-core on the current clerk screen."""
        page.screenshot(path=str(shots / f"clerk-{name}.png"), full_page=False)
        violations = _axe_violations(page)
        if violations:
            failures[name] = violations

    def success_message():
        return page.locator(".messagelist .success").inner_text()

    def submit(selector):
        """Click a button that posts its form, and wait for the answer's page to have loaded
        (a click returns once the navigation is committed, before the page is parsed)."""
        with page.expect_navigation(wait_until="load"):
            page.click(selector)

    def add_session(body, date, starts_at, *, convened_on=None):
        """A held session of ten agenda items, added in the admin; the session saved."""
        page.goto(live_server.url + "/admin/deliberations/session/add/")
        page.select_option("#id_body", label=body)
        page.select_option("#id_status", "held")
        page.fill("#id_date", date)
        page.fill("#id_starts_at", starts_at)
        page.fill("#id_place", "Hôtel Communautaire de Béthune")
        if convened_on:
            page.fill("#id_convened_on", convened_on)
        # Items are checked against the agenda: its count comes first.
        page.fill("#id_agenda_item_count", "10")
        submit("input[name=_continue]")
        assert "a été ajouté avec succès" in success_message()
        day, month, year = date.split("/")
        return Session.objects.get(date=f"{year}-{month}-{day}")

    try:
        url = live_server.url
        page.goto(url + "/admin/login/")
        page.fill("#id_username", "greffiere")
        page.fill("#id_password", PASSWORD)
        submit("input[type=submit]")
        assert page.locator("#clerk-todo-title").inner_text() == "À faire"
        # The home's overdue count is the calendar's (one source of deadlines).
        overdue = re.search(r"En retard \((\d+)\)", page.inner_text(".clerk-todo"))[1]
        check("index")
        page.goto(url + "/admin/calendrier/")
        assert f"{overdue} échéance" in page.inner_text("#content-main p")
        assert page.locator("td >> text=En retard").count() == int(overdue)
        check("calendar")

        # 1. A new Conseil session.
        session = add_session("Conseil communautaire (CABBALR)", "13/12/2022", "18:00",
                              convened_on="07/12/2022")
        check("session-new")

        # 2. The 003 attendance block, pasted and confirmed.
        page.click("text=Importer la liste de présence")
        page.fill("#id_text", clerk_site["block"])
        submit("input[value=Analyser]")
        page.wait_for_selector("#import-preview")
        assert "Le texte collé est daté du 06/12/2022 et la séance du 13/12/2022" in (
            page.inner_text("#content-main"))
        confirm = page.locator("button[value=confirm]").first
        assert confirm.is_enabled()
        assert confirm.inner_text() == ("Confirmer l'import : 104 présents, 24 procurations, "
                                        "24 excusés, 0 absents")
        check("import-preview")
        with page.expect_navigation(wait_until="load"):
            confirm.click()
        assert "Liste de présence importée" in success_message()
        assert session.attendances.count() == 128 and session.proxies.count() == 24

        # 3. Saved again unchanged, in one click (once TooManyFieldsSent).
        submit("input[name=_continue]")
        assert "a été modifié avec succès" in success_message()
        assert "104 présents, 24 procurations, 24 absents excusés" in page.inner_text(
            ".attendance-summary")
        check("session-saved")
        page.click("text=Saisir ou corriger les présences et procurations")
        assert page.locator("table.grid tbody tr").count() == 152
        check("attendance-grid")

        # 3b. A Bureau session, and another body's text pasted by mistake: 30 unknown names
        # (the president named in the preamble among them).
        bureau_session = add_session("Bureau communautaire (CABBALR)", "22/11/2022", "17:30")
        members_before = Member.objects.count()
        page.click("text=Importer la liste de présence")
        page.fill("#id_text", (FIXTURES / "condom-caussens-2021-01-21.txt").read_text())
        submit("input[value=Analyser]")
        page.wait_for_selector("#import-preview")
        assert page.inner_text(".import-unknown > legend") == (
            "Noms sans élu correspondant (30)")
        confirm = page.locator("button[value=confirm]").first
        assert confirm.is_disabled()
        check("import-unknown-names")
        # The search box of the first name (select2 fed by the admin's autocomplete view,
        # under the Content-Security-Policy): typing lists the organisation's members.
        first = page.locator(".import-unknown fieldset.form-row").first
        first.locator(".select2-selection").click()
        page.fill(".select2-search__field", "GACQ")
        option = page.locator(".select2-results__option", has_text="GACQUERRE Olivier")
        option.click()
        assert first.locator(".select2-selection__rendered").inner_text().endswith(
            "GACQUERRE Olivier")
        # Enter in a name's own search box searches, and the page comes back at that name.
        second = page.locator(".import-unknown fieldset.form-row").nth(1)
        second_key = second.get_attribute("id")
        second.locator("input.import-search").fill("LEFEBVRE")
        second.locator("input.import-search").press("Enter")
        page.wait_for_load_state("load")
        assert page.url.endswith(f"#{second_key}")
        assert re.search(r"\d+ élus? trouvés? :",
                         page.inner_text(f"#{second_key}")), page.inner_text(f"#{second_key}")
        # The member picked with the autocomplete was kept, and checked against the rules.
        assert "GACQUERRE Olivier (choix à confirmer)" in page.inner_text("#import-preview")
        # "Tout créer", with the body, role and start date of the mandates.
        page.select_option("select[name=mandate-body-all]", label="Bureau communautaire")
        page.select_option("select[name=mandate-role-all]", "councillor")
        page.fill("input[name=mandate-start-all]", "2022-11-01")
        submit("button[value=create_all]")
        assert page.url.endswith("#tout-creer")
        assert page.locator("text=nouvel élu (choix à confirmer)").count() >= 28
        assert SUBSTITUTE_REFUSED in page.inner_text("#import-legal-problems")
        assert page.locator("button[value=confirm]").first.is_disabled()
        check("import-create-all-refused")
        assert Member.objects.count() == members_before
        assert not bureau_session.attendances.exists()

        # 4. A deliberation of that session.
        page.goto(url + f"/admin/deliberations/deliberation/add/?session={session.pk}")
        # An item outside the ten-item agenda is refused, nothing saved.
        page.fill("#id_item_number", "12")
        page.fill("#id_title", "Convention de partenariat avec la commune de Béthune")
        submit("input[name=_continue]")
        assert ("Questions « 12 » : la séance ne compte que 10 questions à l'ordre du jour."
                in page.inner_text("#content-main"))
        assert not Deliberation.objects.filter(session=session).exists()
        page.fill("#id_item_number", "1")
        page.fill("#id_title", "Convention de partenariat avec la commune de Béthune")
        page.fill("#id_decision", "Article 1er : APPROUVE la convention.")
        page.fill("#id_votes_for", "120")
        page.fill("#id_votes_against", "3")
        page.fill("#id_abstentions", "5")
        page.select_option("#id_result", "adopted")
        submit("input[name=_continue]")
        assert page.locator(".errornote, .errorlist").count() == 0, page.inner_text(
            "#content-main")[:2000]
        assert "a été ajouté avec succès" in success_message()
        deliberation = Deliberation.objects.get(session=session)
        check("deliberation-draft")

        # 5. Draft → published with the buttons.
        page.click(".lifecycle >> text=Adopter")
        check("step-adopt")
        submit("input[value=Adopter]")
        page.click(".lifecycle >> text=Transmettre en préfecture")
        page.fill("#id_transmitted_on", "2022-12-14")
        page.fill("#id_prefecture_act_id", "062-200035442-20221213-001-DE")
        check("step-transmit")
        submit("input[value='Transmettre en préfecture']")
        page.click(".lifecycle >> text=Enregistrer la réception en préfecture")
        page.fill("#id_received_on", "2022-12-14")
        submit("input[value='Enregistrer la réception en préfecture']")
        page.click(".lifecycle >> text=Publier")
        page.fill("#id_published_on", "2022-12-14")
        # The president in office on the session date signs by default, among the officers.
        assert page.locator("#id_signatory option:checked").inner_text() == (
            "GACQUERRE Olivier — Président")
        assert page.input_value("#id_signatory_capacity") == "Le Président"
        check("step-publish")
        submit("input[value='Aperçu avant publication']")
        preview = page.inner_text(".publish-preview")
        assert "Pour extrait conforme,\nLe Président," in preview
        assert "GACQUERRE Olivier" in preview
        check("step-publish-preview")
        submit("input[value='Confirmer la publication']")
        assert "La délibération est maintenant « Publiée »" in success_message()
        deliberation.refresh_from_db()
        assert deliberation.status == "published"
        history = page.inner_text("#status_changes-group")
        for row in ("Brouillon → Adoptée", "Adoptée → Transmise en préfecture",
                    "Transmise en préfecture → Publiée", "Claire GREFFE"):
            assert row in history, row

        # 6. The extract, issued on publication, from the admin and from the public page.
        extract = IssuedExtract.objects.get(deliberation=deliberation)
        assert extract.issued_by == clerk_site["user"]
        page.reload()
        check("deliberation-published")
        with page.expect_download() as admin_download:
            page.click(f"text=extrait {extract.code}, version 1 (PDF)")
        admin_file = tmp_path / "admin.pdf"
        admin_download.value.save_as(admin_file)
        page.goto(url + deliberation.get_absolute_url())
        with page.expect_download() as public_download:
            page.click("text=Télécharger l'extrait certifié (PDF)")
        public_file = tmp_path / "public.pdf"
        public_download.value.save_as(public_file)
        assert admin_file.read_bytes() == public_file.read_bytes()
        assert admin_file.read_bytes().startswith(b"%PDF")
        assert "Pour extrait conforme, Le Président, GACQUERRE Olivier" in pdf_text(
            admin_file)

        # Every link of the deliberation's and of the session's admin page answers.
        page.goto(url + f"/admin/deliberations/deliberation/{deliberation.pk}/change/")
        assert links_not_answering(context, page) == {}
        page.goto(url + f"/admin/deliberations/session/{session.pk}/change/")
        assert links_not_answering(context, page) == {}

        # 7. Checked on /verifier/.
        page.goto(url + "/verifier/")
        page.set_input_files("input[type=file]", str(public_file))
        page.click("text=Vérifier le fichier")
        assert f"l'extrait {extract.code}" in page.inner_text("main").replace("\n", " ")
        assert "est authentique" in page.inner_text("main")

        # 8. The convocation of the coming session: a preview first, then the sending.
        page.goto(url + "/admin/deliberations/convocation/add/")
        page.select_option("#id_session", str(coming_session.pk))
        submit("input[name=_save]")
        said = page.inner_text("#convocation-recipients li:first-child")
        assert said == "3 élus recevront la convocation par courriel."
        assert not mail.outbox
        check("convocation-preview")
        submit("input[value='Envoyer la convocation']")
        assert len(mail.outbox) == 3
        assert sorted(address for message in mail.outbox for address in message.to) == sorted(
            ConvocationAddress.objects.filter(member__mandates__body=coming_session.body)
            .distinct().values_list("email", flat=True))
        coming_session.refresh_from_db()
        assert coming_session.status == Session.Status.CONVENED
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)
    assert not csp_errors, csp_errors
