"""The clerk's day in headless Chromium: a clerk account (group +
organisation, as the README sets it up) creates a Conseil session, imports the 003
attendance block, saves the session again, adds a deliberation, takes it from draft to
published with the buttons, downloads the extract from the admin and from the public page
and checks it on /verifier/. axe-core (WCAG 2.1 AA) runs on each clerk screen; screenshots
at 1280 px go to $CLERK_SCREENSHOTS (default: pytest's tmp_path).

Needs Chromium, Playwright and axe-core as tests/e2e/test_accessibility.py (same fixtures).
"""

import json
import os
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from deliberations.minutes.seeding import seed_file
from deliberations.models import Deliberation, IssuedExtract, Session
from portal.models import Organisation, StaffAssignment
from tests.e2e.test_accessibility import (  # noqa: F401 -- fixtures
    _axe_violations,
    allow_orm_beside_playwright,
    browser,
)

pytestmark = [pytest.mark.browser]
PASSWORD = "mot-de-passe-solide-42"


def clerks_group() -> Group:
    """The group made by migration 0002_groups; a transactional test before this one may
    have flushed it (post_migrate recreates permissions, not groups)."""
    groups = import_module("deliberations.migrations.0002_groups")
    group, created = Group.objects.get_or_create(name=groups.CLERKS)
    if created:
        wanted = [(app, f"{action}_{model}") for app, models in groups.EDITABLE.items()
                  for model in models for action in ("add", "change", "delete", "view")]
        wanted += [(app, f"view_{model}") for app, models in groups.READ_ONLY.items()
                   for model in models]
        wanted.append(("deliberations", "export_extract"))
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


def test_clerk_takes_a_session_from_creation_to_a_verified_extract(
        browser, live_server, clerk_site, tmp_path):  # noqa: F811
    shots = Path(os.environ.get("CLERK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR",
                                  accept_downloads=True)
    page = context.new_page()
    failures = {}

    def check(name):
        """Screenshot and axe-core on the current clerk screen."""
        page.screenshot(path=str(shots / f"clerk-{name}.png"), full_page=False)
        violations = _axe_violations(page)
        if violations:
            failures[name] = violations

    def success_message():
        return page.locator(".messagelist .success").inner_text()

    try:
        url = live_server.url
        page.goto(url + "/admin/login/")
        page.fill("#id_username", "greffiere")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        assert page.locator("#clerk-todo-title").inner_text() == "À faire"
        # The home's overdue count is the calendar's (one source of deadlines).
        overdue = re.search(r"En retard \((\d+)\)", page.inner_text(".clerk-todo"))[1]
        check("index")
        page.goto(url + "/admin/calendrier/")
        assert f"{overdue} échéance" in page.inner_text("#content-main p")
        assert page.locator("td >> text=En retard").count() == int(overdue)
        check("calendar")

        # 1. A new Conseil session.
        page.goto(url + "/admin/deliberations/session/add/")
        page.select_option("#id_body", label="Conseil communautaire (CABBALR)")
        page.select_option("#id_status", "held")
        page.fill("#id_date", "13/12/2022")
        page.fill("#id_starts_at", "18:00")
        page.fill("#id_place", "Hôtel Communautaire de Béthune")
        page.fill("#id_convened_on", "07/12/2022")
        # Items are checked against the agenda: its count comes first.
        page.fill("#id_agenda_item_count", "10")
        page.click("input[name=_continue]")
        assert "a été ajouté avec succès" in success_message()
        session = Session.objects.get(date="2022-12-13")
        check("session-new")

        # 2. The 003 attendance block, pasted and confirmed.
        page.click("text=Importer la liste de présence")
        page.fill("#id_text", clerk_site["block"])
        page.click("input[value=Analyser]")
        assert "Le texte collé est daté du 06/12/2022 et la séance du 13/12/2022" in (
            page.inner_text("#content-main"))
        confirm = page.locator("button[value=confirm]").first
        assert confirm.is_enabled()
        assert confirm.inner_text() == ("Confirmer l'import : 104 présents, 24 procurations, "
                                        "24 excusés, 0 absents")
        check("import-preview")
        confirm.click()
        assert "Liste de présence importée" in success_message()
        assert session.attendances.count() == 128 and session.proxies.count() == 24

        # 3. Saved again unchanged, in one click (once TooManyFieldsSent).
        page.click("input[name=_continue]")
        assert "a été modifié avec succès" in success_message()
        assert "104 présents, 24 procurations, 24 absents excusés" in page.inner_text(
            ".attendance-summary")
        check("session-saved")
        page.click("text=Saisir ou corriger les présences et procurations")
        assert page.locator("table.grid tbody tr").count() == 152
        check("attendance-grid")

        # 4. A deliberation of that session.
        page.goto(url + f"/admin/deliberations/deliberation/add/?session={session.pk}")
        # An item outside the ten-item agenda is refused, nothing saved.
        page.fill("#id_item_number", "12")
        page.fill("#id_title", "Convention de partenariat avec la commune de Béthune")
        page.click("input[name=_continue]")
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
        page.click("input[name=_continue]")
        assert page.locator(".errornote, .errorlist").count() == 0, page.inner_text(
            "#content-main")[:2000]
        assert "a été ajouté avec succès" in success_message()
        deliberation = Deliberation.objects.get(session=session)
        check("deliberation-draft")

        # 5. Draft → published with the buttons.
        page.click(".lifecycle >> text=Adopter")
        check("step-adopt")
        page.click("input[value=Adopter]")
        page.click(".lifecycle >> text=Transmettre en préfecture")
        page.fill("#id_transmitted_on", "2022-12-14")
        page.fill("#id_prefecture_act_id", "062-200035442-20221213-001-DE")
        check("step-transmit")
        page.click("input[value='Transmettre en préfecture']")
        page.click(".lifecycle >> text=Enregistrer la réception en préfecture")
        page.fill("#id_received_on", "2022-12-14")
        page.click("input[value='Enregistrer la réception en préfecture']")
        page.click(".lifecycle >> text=Publier")
        page.fill("#id_published_on", "2022-12-14")
        # The president in office on the session date signs by default, among the officers.
        assert page.locator("#id_signatory option:checked").inner_text() == (
            "GACQUERRE Olivier — Président")
        assert page.input_value("#id_signatory_capacity") == "Le Président"
        check("step-publish")
        page.click("input[value='Aperçu avant publication']")
        preview = page.inner_text(".publish-preview")
        assert "Pour extrait conforme,\nLe Président," in preview
        assert "GACQUERRE Olivier" in preview
        check("step-publish-preview")
        page.click("input[value='Confirmer la publication']")
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

        # 7. Checked on /verifier/.
        page.goto(url + "/verifier/")
        page.set_input_files("input[type=file]", str(public_file))
        page.click("text=Vérifier le fichier")
        assert f"l'extrait {extract.code}" in page.inner_text("main").replace("\n", " ")
        assert "est authentique" in page.inner_text("main")
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)
