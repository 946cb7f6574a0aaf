"""``manage.py load_seed_records``: the seed documents become rows, once."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from deliberations.documents.convocation import signature_block
from deliberations.models import Attendance, Deliberation, DeliberationStatusChange, Proxy, Session
from portal.models import Body, Commune, Mandate, Member, Organisation

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    call_command("load_seed_records", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded():
    return load()


def session_of(body_slug: str) -> Session:
    return Session.objects.get(body__slug=body_slug, body__organisation__slug="cabbalr")


def statuses(session: Session, status: str) -> int:
    return session.attendances.filter(status=status).count()


def test_organisations(loaded):
    cabbalr = Organisation.objects.get(slug="cabbalr")
    assert (cabbalr.short_name, cabbalr.kind, cabbalr.arrondissement, cabbalr.sub_prefecture,
            cabbalr.administrative_court) == ("CABBALR", "ca", "Béthune", "Béthune",
                                              "tribunal administratif de Lille")
    pma = Organisation.objects.get(slug="pma")
    assert pma.kind == "pm"
    assert sorted(pma.member_organisations.values_list("name", flat=True)) == sorted([
        cabbalr.name, "Communauté d'agglomération de Lens-Liévin",
        "Communauté d'agglomération d'Hénin-Carvin", "Département du Pas-de-Calais",
    ])


def test_the_seat_is_where_extract_003_says_the_convocation_was_posted(loaded):
    cabbalr = Organisation.objects.get(slug="cabbalr")
    # "réuni, en l'Hôtel Communautaire de Béthune … dont un exemplaire a été affiché à l'Hôtel
    # Communautaire": the seat, no street (the seeds give none).
    assert cabbalr.seat_address == "Hôtel Communautaire, Béthune"
    assert signature_block(session_of("conseil-communautaire"))["signed_at"] == "Béthune"
    assert Organisation.objects.get(slug="pma").seat_address == ""


def test_communes(loaded):
    communes = Commune.objects.filter(organisation__slug="cabbalr")
    assert communes.count() == 100
    assert set(communes.values_list("insee_code", flat=True)) == {""}
    assert {"Allouagne", "Béthune", "Nœux-les-Mines", "Witternesse"} <= set(
        communes.values_list("name", flat=True))


def test_bodies_and_mandates(loaded):
    council = Body.objects.get(slug="conseil-communautaire")
    bureau = Body.objects.get(slug="bureau-communautaire")
    assert bureau.delegated_by == council
    assert Mandate.objects.filter(body=council).count() == 152
    assert Mandate.objects.filter(body=bureau).count() == 103
    assert set(Mandate.objects.values_list("start_on", flat=True)) == {
        datetime.date(2020, 7, 15)}


def test_roles_only_where_the_seeds_state_them(loaded):
    council = Mandate.objects.filter(body__slug="conseil-communautaire")
    assert council.get(role="president").member.full_name == "GACQUERRE Olivier"
    vice_presidents = {m.member.full_name: m for m in council.filter(role="vice_president")}
    assert {name: m.vice_president_rank for name, m in vice_presidents.items()} == {
        "LECONTE Maurice": 1, "IDZIAK Ludovic": 14}
    assert vice_presidents["LECONTE Maurice"].commune.name == "Houchin"
    assert council.get(member__last_name="BOSSART").role == "councillor"
    bureau = Mandate.objects.filter(body__slug="bureau-communautaire")
    assert bureau.get(member__last_name="GACQUERRE").role == "president"
    assert bureau.get(member__last_name="IDZIAK").vice_president_rank == 14
    assert bureau.get(member__last_name="BOSSART").role == "bureau_member"
    assert not Mandate.objects.filter(role="vice_president", vice_president_rank__isnull=True)


def test_members_matched_by_name_key(loaded):
    sylvie = Member.objects.get(match_key="meyfroidtsylvie")
    assert sylvie.full_name == "MEYFROIDT Sylvie"
    assert Member.objects.filter(last_name__in=["LECONTE", "LECOMTE"]).count() == 2
    assert Member.objects.get(last_name="OPIGEZ").first_name == "Dorothée"


def test_sessions_read_from_the_text(loaded):
    bureau = session_of("bureau-communautaire")
    assert (bureau.date, bureau.starts_at, bureau.place, bureau.convened_on,
            bureau.convocation_posted_at, bureau.status) == (
        datetime.date(2022, 10, 18), datetime.time(17, 30), "salle Olof Palme de Béthune",
        datetime.date(2022, 10, 12), "Hôtel Communautaire", "held")
    assert bureau.president.full_name == "GACQUERRE Olivier"
    assert bureau.secretary.full_name == "DEMULIER Jérôme"
    council = session_of("conseil-communautaire")
    assert (council.date, council.starts_at, council.place, council.convened_on,
            council.status) == (datetime.date(2022, 12, 6), datetime.time(19, 0),
                                "Hôtel Communautaire de Béthune",
                                datetime.date(2022, 11, 30), "held")
    assert council.secretary.full_name == "COCQ Bertrand"


def test_attendance_and_proxies(loaded):
    bureau = session_of("bureau-communautaire")
    assert (statuses(bureau, "present"), bureau.proxies.count(),
            statuses(bureau, "excused")) == (62, 14, 29)
    ogiez = bureau.attendances.get(member__last_name="OGIEZ")
    assert (ogiez.from_item, ogiez.until_item) == (5, None)
    proxy = bureau.proxies.get(giver__last_name="OGIEZ")
    assert (proxy.holder.full_name, proxy.until_item) == ("MEYFROIDT Sylvie", 4)
    jurczyk = bureau.proxies.get(giver__last_name="JURCZYK")
    assert (jurczyk.holder.full_name, jurczyk.until_item) == ("LECONTE Maurice", 13)
    council = session_of("conseil-communautaire")
    assert (statuses(council, "present"), council.proxies.count(),
            statuses(council, "excused")) == (104, 24, 24)
    assert council.proxies.get(giver__last_name="DESQUIRET").holder.full_name == (
        "MEYFROIDT Sylvie")


def test_deliberations(loaded):
    bureau = Deliberation.objects.get(slug="bureau-communautaire-2022-10-18-rapport-activites-pma")
    assert (bureau.theme, bureau.title, bureau.vote_wording, bureau.result, bureau.nature,
            bureau.matter_code, bureau.item_number, bureau.act_number, bureau.status) == (
        "DEVELOPPEMENT ÉCONOMIQUE, EMPLOI ET TRANSITION NUMERIQUE",
        "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS", "A la majorité absolue",
        "noted", "1", "5.7", None, "", "published")
    assert bureau.decision.startswith("PREND ACTE")
    assert bureau.appeal_clause.startswith("INFORME")
    assert (bureau.signatory.full_name, bureau.signatory_capacity) == (
        "BOSSART Steve", "Par délégation du Président, le Vice-président délégué")
    assert bureau.received_on == bureau.published_on == datetime.date(2022, 10, 20)
    council = Deliberation.objects.get(slug="conseil-communautaire-2022-12-06-projet-de-territoire")
    assert (council.result, council.matter_code, council.status, council.signatory.full_name,
            council.signatory_capacity) == ("adopted", "8.4", "published", "GACQUERRE Olivier",
                                            "Le Président")
    assert council.received_on == council.published_on == datetime.date(2022, 12, 14)
    # Through the lifecycle service: one history row per step.
    assert list(council.status_changes.values_list("to_status", flat=True)) == [
        "adopted", "transmitted", "published"]


def test_summary_in_french(loaded):
    assert "2 séances, 219 présences (166 présents, 53 excusés, 0 absents), 38 procurations" \
        in loaded
    assert "100 communes" in loaded and "255 mandats" in loaded
    assert "MAESELE Fabrice" in loaded and "MAESEELE Fabrice" in loaded
    # Listed side by side in 000: two people, no warning.
    assert "LECONTE Maurice" not in loaded


def test_running_twice_keeps_rows_and_keys(loaded):
    models = [Organisation, Commune, Body, Member, Mandate, Session, Attendance, Proxy,
              Deliberation, DeliberationStatusChange]
    before = {model: sorted(model.objects.values_list("pk", flat=True)) for model in models}
    load()
    after = {model: sorted(model.objects.values_list("pk", flat=True)) for model in models}
    assert before == after


def test_missing_seeds_dir(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        call_command("load_seed_records", seeds_dir=tmp_path, stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_quorum_table(loaded):
    from deliberations.selectors import session_quorum_table

    bureau = session_quorum_table(session_of("bureau-communautaire"))
    assert [(r.first_item, r.last_item, r.figures.present, r.figures.represented)
            for r in bureau] == [(1, 4, 60, 14), (5, 13, 61, 13), (14, None, 62, 12)]
    assert {r.figures.votes_available for r in bureau} == {74}
    assert all(r.figures.in_office == 103 and r.figures.quorum_met for r in bureau)
    (council,) = session_quorum_table(session_of("conseil-communautaire"))
    assert (council.figures.in_office, council.figures.quorum_required, council.figures.present,
            council.figures.votes_available) == (152, 77, 104, 128)


def test_pma_committee_has_its_own_settings_record(loaded):
    """The PMA's committee follows its statutes (L5711-1); the seeds cite none of
    their clauses, so the record keeps the CGCT values and names the text to check."""
    committee = Body.objects.get(organisation__slug="pma", slug="comite-syndical")
    settings = committee.settings
    assert (committee.kind, settings.quorum_counts_represented, settings.proxies_per_holder,
            settings.convocation_clear_days) == ("comite", False, 1, 5)
    assert settings.quorum_source == (
        "Statuts du PMA (arrêté préfectoral du 21 octobre 2021), article à vérifier ; à défaut "
        "CGCT L2121-17 (via L5711-1)"
    )
    load()  # idempotent
    assert Body.objects.filter(organisation__slug="pma").count() == 1
