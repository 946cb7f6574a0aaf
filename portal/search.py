"""The members' provider for the site-wide search (portal.kernel.sitesearch): an élu is found by
surname or first name, accents and case folded ("Bossart", "bossart", "Steve Bossart")."""

from portal.kernel.names import strip_accents
from portal.kernel.search import WORD
from portal.kernel.sitesearch import Hit
from portal.models import Member


def _folded_words(text: str) -> list[str]:
    return [strip_accents(word).lower() for word in WORD.findall(text)]


def search_members(query: str, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
    """Members with a public page whose names hold every word of the query (a name is not
    stemmed: "Martin" does not find "Martine"); surname order (one query)."""
    wanted = _folded_words(query)
    if not wanted:
        return [], 0
    found = []
    members = Member.objects.with_public_record().order_by("last_name", "first_name", "pk")
    for member in members.only("pk", "slug", "last_name", "first_name"):
        names = _folded_words(f"{member.last_name} {member.first_name}")
        if all(word in names for word in wanted):
            found.append(member)
    hits = [Hit(title=f"{m.last_name} {m.first_name}", url=m.get_absolute_url())
            for m in found[offset:offset + limit]]
    return hits, len(found)


def member_vocabulary():
    """The members' names (for suggestions)."""
    for last_name, first_name in Member.objects.with_public_record().values_list(
            "last_name", "first_name"):
        yield f"{last_name} {first_name}"
