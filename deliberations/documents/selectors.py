"""Reads of the session documents for the public pages and the admin, with their legal
deadlines from rules.py."""

from django.utils import timezone

from deliberations import rules
from deliberations.models import Convocation, DeliberationList, Minutes, Session


def session_documents(session: Session, *, today=None) -> dict:
    """The published list of deliberations and procès-verbal of a session, with the dates
    the law sets for them (two queries).

    ``list_overdue``: the session was held, the week of L2121-25 has passed and the list is
    still not published, for a session the portal convened (it holds the session's documents).
    ``list_not_recorded``: the same for a session loaded from its registre, whose list may have
    been published elsewhere: the page says "non renseigné sur ce portail", never "late".
    ``list_late``: it was published after that week.
    """
    today = today or timezone.localdate()
    document = DeliberationList.objects.filter(session=session).first()
    minutes = (
        Minutes.objects.filter(session=session, status=Minutes.Status.PUBLISHED)
        .select_related("approved_at").first()
    )
    list_deadline = rules.deliberation_list_deadline(session.date)
    held = session.status == Session.Status.HELD
    convocation = Convocation.objects.filter(session=session).first()
    return {
        "convocation": convocation,
        "convocation_problem": convocation_problem(session, convocation),
        "deliberation_list": document,
        "list_deadline": list_deadline if held else None,
        "list_overdue": (held and document is None and today > list_deadline
                         and convocation is not None),
        "list_not_recorded": (held and document is None and today > list_deadline
                              and convocation is None),
        "list_late": document is not None and document.published_on > list_deadline,
        "published_minutes": minutes,
        "minutes_deadline": (
            rules.minutes_publication_deadline(minutes.approved_at.date) if minutes else None
        ),
    }


def convocation_problem(session: Session, convocation: Convocation | None) -> str:
    """L2121-12 checked against the recorded sending of the convocation (rules.py), ""
    when in time or when the session was recorded without a sending (imported records keep
    their registre's convocation date, which the portal did not send)."""
    if convocation is None:
        return ""
    return rules.convocation_delay_problem(
        sent_on=timezone.localdate(convocation.sent_at), session_on=session.date,
        urgent=convocation.urgent)


def convocation_recipients(session: Session) -> tuple[dict, list]:
    """Who receives a session's convocation (L2121-10): the members in office on the
    session date, by e-mail at the address the organisation's clerks keep ({member id:
    ConvocationAddress}), and the others, by post (members, by name). Two queries."""
    from deliberations import selectors
    from deliberations.models import ConvocationAddress
    from portal.models import Member

    member_ids = selectors.in_office_member_ids(session.body_id, session.date)
    addresses = {a.member_id: a for a in ConvocationAddress.objects.filter(
        member_id__in=member_ids, organisation_id=session.body.organisation_id)
        .select_related("member")}
    by_post = list(Member.objects.filter(pk__in=[m for m in member_ids if m not in addresses])
                   .order_by("last_name", "first_name"))
    return addresses, by_post
