"""Reads of the session documents for the public pages and the admin, with their legal
deadlines from rules.py."""

from django.utils import timezone

from deliberations import rules
from deliberations.models import DeliberationList, Minutes, Session


def session_documents(session: Session, *, today=None) -> dict:
    """The published list of deliberations and procès-verbal of a session, with the dates
    the law sets for them (two queries).

    ``list_overdue``: the session was held, the week of L2121-25 has passed and the list is
    still not published. ``list_late``: it was published after that week.
    """
    today = today or timezone.localdate()
    document = DeliberationList.objects.filter(session=session).first()
    minutes = (
        Minutes.objects.filter(session=session, status=Minutes.Status.PUBLISHED)
        .select_related("approved_at").first()
    )
    list_deadline = rules.deliberation_list_deadline(session.date)
    held = session.status == Session.Status.HELD
    return {
        "deliberation_list": document,
        "list_deadline": list_deadline if held else None,
        "list_overdue": held and document is None and today > list_deadline,
        "list_late": document is not None and document.published_on > list_deadline,
        "published_minutes": minutes,
        "minutes_deadline": (
            rules.minutes_publication_deadline(minutes.approved_at.date) if minutes else None
        ),
    }
