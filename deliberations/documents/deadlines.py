"""The deadlines the deliberations app derives from its records, for the clerk's calendar
(portal.kernel.deadlines): convocation to send (L2121-12), list of deliberations to publish
(L2121-25), procès-verbal to draft, adopt and publish (L2121-15), acts to transmit and acts
received but not published (L2131-1), communications to the member communes (L5211-40-2),
appeal periods running (R421-1 CJA). Each date comes from rules.py."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from deliberations import rules, selectors
from deliberations.models import Deliberation, Minutes, Session
from portal.kernel.deadlines import Deadline
from portal.models import Organisation

# The reform of 1 July 2022 (ordonnance 2021-1310) created the list of deliberations and the
# PV's publication duties: older sessions owe neither.
REFORM = datetime.date(2022, 7, 1)
# L5211-40-2 applies to EPCI and syndicats: their councillors of member communes.
GROUPINGS = {Organisation.Kind.AGGLOMERATION, Organisation.Kind.COMMUNITY_OF_COMMUNES,
             Organisation.Kind.METROPOLITAN_POLE, Organisation.Kind.SYNDICATE}


def _scope(queryset, path: str, organisation_ids):
    if organisation_ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": organisation_ids})


def _admin(model: str, pk: int) -> str:
    return reverse(f"admin:deliberations_{model}_change", args=[pk])


def _next_sessions(sessions) -> dict[int, Session]:
    """For each session, the next session of its body (where its PV is adopted), one query."""
    sessions = list(sessions)
    if not sessions:
        return {}
    later = list(Session.objects.filter(
        body_id__in={s.body_id for s in sessions},
        date__gt=min(s.date for s in sessions),
    ).exclude(status=Session.Status.CANCELLED).order_by("date", "starts_at"))
    found = {}
    for session in sessions:
        following = next((s for s in later if s.body_id == session.body_id
                          and s.date > session.date), None)
        if following is not None:
            found[session.pk] = following
    return found


def _acts_to_complete(sessions, acts) -> list[Deadline]:
    """What a clerk completes after the session (three queries): the attendance of a held
    session, on which the quorum of every item rests (L2121-17; the list of deliberations
    is due within a week, L2121-25); the receipt date of a transmitted act, without which
    it is not executory (L2131-1); the certified extract of a published act (issued on
    publication: a missing one means its issue failed)."""
    found = []
    week = datetime.timedelta(days=7)
    for session in sessions.filter(status=Session.Status.HELD, attendances__isnull=True,
                                   proxies__isnull=True).distinct():
        found.append(Deadline(
            "attendance", "Liste de présence à saisir",
            f"{session.body.name} du {session.date:%d/%m/%Y}", session.date + week,
            session.body.organisation.name, "CGCT L2121-17, L2121-25",
            _admin("session", session.pk), section="acts"))
    for act in acts.filter(subject_to_transmission=True, received_on__isnull=True,
                           status__in=[Deliberation.Status.TRANSMITTED,
                                       Deliberation.Status.PUBLISHED]):
        published = act.status == Deliberation.Status.PUBLISHED
        start = (act.published_on if published else act.transmitted_on) or act.session_date
        found.append(Deadline(
            "receipt_published" if published else "receipt",
            "Acte publié non exécutoire : réception en préfecture à enregistrer" if published
            else "Accusé de réception de la préfecture à enregistrer",
            act.title[:120],
            rules.transmission_target(start, days=settings.PUBLICATION_TARGET_DAYS),
            act.session.body.organisation.name, "CGCT L2131-1",
            _admin("deliberation", act.pk), section="acts"))
    for act in acts.published().filter(extracts__isnull=True).distinct():
        found.append(Deadline(
            "extract", "Extrait certifié à émettre", act.title[:120],
            act.published_on or act.session_date, act.session.body.organisation.name,
            "", _admin("deliberation", act.pk), section="acts"))
    return found


def deliberation_deadlines(organisation_ids, today: datetime.date):
    deadlines = []
    sessions = _scope(Session.objects.select_related("body__organisation"),
                      "body__organisation", organisation_ids)

    def name(session):
        return f"{session.body.name} du {session.date:%d/%m/%Y}"

    # Convocation to send (L2121-12): sessions being prepared, not yet convened.
    for session in sessions.filter(status=Session.Status.DRAFT, convocation__isnull=True,
                                   date__gte=today):
        deadlines.append(Deadline(
            "convocation", "Convocation à envoyer", name(session),
            rules.latest_convocation_date(session.date, urgent=session.urgent,
                                          clear_days=settings.CONVOCATION_CLEAR_DAYS,
                                          clear_days_urgent=settings.CONVOCATION_CLEAR_DAYS_URGENT),
            session.body.organisation.name, "CGCT L2121-12", _admin("session", session.pk),
            section="convene"))

    held = list(sessions.filter(status=Session.Status.HELD, date__gte=REFORM).select_related(
        "deliberation_list", "minutes__approved_at"))
    following = _next_sessions(held)
    for session in held:
        organisation = session.body.organisation
        # hasattr: a missing reverse one-to-one raises DoesNotExist (an AttributeError).
        document = session.deliberation_list if hasattr(session, "deliberation_list") else None
        minutes = session.minutes if hasattr(session, "minutes") else None
        if document is None:
            deadlines.append(Deadline(
                "deliberation_list", "Liste des délibérations à publier", name(session),
                rules.deliberation_list_deadline(session.date), organisation.name,
                "CGCT L2121-25", reverse("admin:deliberations_deliberationlist_add"),
                section="documents"))
        grouping = organisation.kind in GROUPINGS
        if grouping and (document is None or document.communicated_on is None):
            deadlines.append(Deadline(
                "communes_list", "Liste à communiquer aux communes membres", name(session),
                rules.member_communes_deadline(session.date), organisation.name,
                "CGCT L5211-40-2",
                _admin("deliberationlist", document.pk) if document else "",
                section="documents"))
        next_session = following.get(session.pk)
        if minutes is None or minutes.status == Minutes.Status.DRAFT:
            if next_session is not None:
                deadlines.append(Deadline(
                    "minutes_draft" if minutes is None else "minutes_approve",
                    "Procès-verbal à rédiger" if minutes is None
                    else "Procès-verbal à faire arrêter",
                    name(session), next_session.date, organisation.name, "CGCT L2121-15",
                    _admin("minutes", minutes.pk) if minutes
                    else reverse("admin:deliberations_minutes_add"), section="documents"))
        elif minutes.status == Minutes.Status.APPROVED:
            deadlines.append(Deadline(
                "minutes_publish", "Procès-verbal à signer et publier", name(session),
                rules.minutes_publication_deadline(minutes.approved_at.date),
                organisation.name, "CGCT L2121-15", _admin("minutes", minutes.pk),
                section="documents"))
        if (grouping and minutes is not None and minutes.approved_at_id
                and minutes.communicated_on is None):
            deadlines.append(Deadline(
                "communes_minutes", "Procès-verbal à communiquer aux communes membres",
                name(session), rules.member_communes_deadline(minutes.approved_at.date),
                organisation.name, "CGCT L5211-40-2", _admin("minutes", minutes.pk),
                section="documents"))

    acts = _scope(Deliberation.objects.select_related("session__body__organisation"),
                  "session__body__organisation", organisation_ids)
    # No general legal deadline to transmit or to publish (L2131-1, L2131-2): the act is
    # simply not executory until then. The portal sets the clerk's own targets (settings).
    for act in acts.filter(status=Deliberation.Status.ADOPTED, subject_to_transmission=True,
                           transmitted_on__isnull=True):
        deadlines.append(Deadline(
            "transmit", "Acte à transmettre en préfecture", act.title[:120],
            rules.transmission_target(act.session_date,
                                      days=settings.TRANSMISSION_TARGET_DAYS),
            act.session.body.organisation.name, "CGCT L2131-1, L2131-2",
            _admin("deliberation", act.pk), section="acts"))
    for act in acts.filter(received_on__isnull=False).exclude(
            status=Deliberation.Status.PUBLISHED):
        deadlines.append(Deadline(
            "publish", "Acte reçu en préfecture, à publier", act.title[:120],
            rules.transmission_target(act.received_on,
                                      days=settings.PUBLICATION_TARGET_DAYS),
            act.session.body.organisation.name, "CGCT L2131-1, R2131-1",
            _admin("deliberation", act.pk), section="acts"))
    deadlines.extend(_acts_to_complete(sessions, acts))
    # Appeal periods still running (R421-1 CJA): published less than three months ago.
    for act in acts.published().filter(
            Q(published_on__gte=today - datetime.timedelta(days=95))):
        deadline = selectors.appeal_deadline(act)
        if deadline is not None and deadline >= today:
            deadlines.append(Deadline(
                "appeal", "Délai de recours en cours", act.title[:120], deadline,
                act.session.body.organisation.name, "R421-1 CJA",
                _admin("deliberation", act.pk), informative=True))
    return deadlines
