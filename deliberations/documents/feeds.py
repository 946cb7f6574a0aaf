"""Atom feed of the session documents put online: lists of deliberations examined
(L2121-25) and published procès-verbaux (L2121-15), most recent first (three queries)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from deliberations.models import DeliberationList, Minutes, Session

FEED_SIZE = 50


@dataclass(frozen=True)
class DocumentItem:
    kind: str
    session: Session
    published_on: datetime.date
    url: str


class SessionDocumentFeed(Feed):
    feed_type = Atom1Feed
    title = f"Documents des séances — {settings.PORTAL_NAME}"
    subtitle = ("Listes des délibérations examinées (L2121-25 CGCT) et procès-verbaux "
                "(L2121-15 CGCT) mis en ligne, les plus récents d'abord.")

    def link(self):
        return reverse("deliberations:session_list")

    def items(self):
        public = Session.objects.public()
        lists = DeliberationList.objects.filter(session__in=public).select_related(
            "session__body__organisation").order_by("-published_on", "-pk")[:FEED_SIZE]
        minutes = Minutes.objects.filter(
            session__in=public, status=Minutes.Status.PUBLISHED,
        ).select_related("session__body__organisation").order_by(
            "-published_on", "-pk")[:FEED_SIZE]
        items = [
            DocumentItem("Liste des délibérations examinées", d.session, d.published_on,
                         reverse("deliberations:deliberation_list_pdf", args=[d.session_id]))
            for d in lists
        ] + [
            DocumentItem("Procès-verbal", m.session, m.published_on,
                         reverse("deliberations:minutes_pdf", args=[m.session_id]))
            for m in minutes
        ]
        return sorted(items, key=lambda i: i.published_on, reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.kind} — {item.session.body.name} du {item.session.date:%d/%m/%Y}"

    def item_description(self, item):
        return (f"{item.session.body.organisation.name} · séance du "
                f"{item.session.date:%d/%m/%Y} · publié le {item.published_on:%d/%m/%Y}")

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time()))
