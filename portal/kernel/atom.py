"""Atom feeds valid per RFC 4287 for every app: plain-text summaries, dates that are the
records' own (never the time the feed is read), an author on the feed and on each entry."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

# RFC 4287 4.2.15 requires a feed's atom:updated even when it has no entry. Without an entry
# and without any dated record, the feed says "never changed" rather than the load time.
NEVER_CHANGED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def day_start(day: datetime.date | None) -> datetime.datetime | None:
    """A date held by a record, as the instant Atom needs: its first moment, local time."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are `type="text"`: Django writes `type="html"`, which tells
    feed readers to render the summary as HTML, so a theme typed as `<img onerror=…>` would
    run there. The summaries are plain text anyway (names, dates, theme).

    The feed's atom:updated is the latest date of its entries; an empty feed takes the
    `updated_when_empty` it is given (the records' last change), never the load time that
    Django's generator falls back to."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})

    def latest_post_date(self):
        dates = [item[key] for item in self.items for key in ("updateddate", "pubdate")
                 if item.get(key)]
        if dates:
            return max(dates)
        # Asked for only now: it reads every record (their latest date), which a feed with
        # entries never needs.
        when_empty = self.feed.get("updated_when_empty")
        return (when_empty() if callable(when_empty) else when_empty) or NEVER_CHANGED


class RecordFeed(Feed):
    """A feed of dated public records: entries carry their own publication date as both
    atom:published and atom:updated (`item_date`), the organisation as author, and the feed
    the portal as author. Subclasses give `item_date(item)` and `updated_when_empty(obj)`;
    an item without a date must not be listed (items() filters them out)."""

    feed_type = PlainTextAtomFeed

    def author_name(self):
        return settings.PORTAL_NAME

    def item_pubdate(self, item):
        return day_start(self.item_date(item))

    def item_updateddate(self, item):
        return day_start(self.item_date(item))

    def feed_extra_kwargs(self, obj):
        return {"updated_when_empty": lambda: day_start(self.updated_when_empty(obj))}

    def item_date(self, item) -> datetime.date:
        raise NotImplementedError

    def updated_when_empty(self, obj) -> datetime.date | None:
        raise NotImplementedError
