"""django.urls.reverse for the addresses a page writes by the dozen (each act of a list links
to its page, its session, its body, its signatory): each view's address is reversed once,
then formatted.

Django's reverse tries each pattern of the view, checks the candidate against the pattern's
regular expression and quotes it: some 30 µs a call, 300 calls for an API page of 50 acts
(measured: docs/capacity.md). Here the address is learnt per view, keyword names, URL conf
and script prefix, by reversing it once with marker values; then any value made of slug
characters (which neither a converter nor quoting changes) is put in place of its marker.
Every other value, and a view whose address cannot be learnt so, goes through Django's
reverse: the result is always the same string.
"""

import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# The slug converter's characters: quote() leaves them as they are.
SAFE = re.compile(r"[-a-zA-Z0-9_]+\Z")
DIGITS = re.compile(r"[0-9]+\Z")
# Markers accepted by the int, slug and str converters; long enough to occur nowhere else.
MARKER = 7301948265000
LETTERS = "zqmarqz"

_UNKNOWN = object()
_learnt: dict = {}


class _Address:
    """An address cut at its values: pieces[0] value pieces[1] value … pieces[-1]."""

    def __init__(self, pieces, names, digits_only):
        self.pieces, self.names, self.digits_only = pieces, names, digits_only

    def format(self, values: dict[str, str]) -> str | None:
        parts = [self.pieces[0]]
        for name, piece in zip(self.names, self.pieces[1:], strict=True):
            value = values[name]
            if not SAFE.match(value) or (name in self.digits_only and not DIGITS.match(value)):
                return None
            parts.append(value)
            parts.append(piece)
        return "".join(parts)


def _learn(viewname: str, names: tuple[str, ...]) -> _Address | None:
    markers = {name: str(MARKER + index) for index, name in enumerate(names)}
    try:
        address = django_reverse(viewname, kwargs=markers)
    except NoReverseMatch:
        return None
    order = sorted(names, key=lambda name: address.find(markers[name]))
    if any(address.count(marker) != 1 for marker in markers.values()):
        return None  # a converter changed a marker, or the address holds it elsewhere
    pieces, rest = [], address
    for name in order:
        before, rest = rest.split(markers[name], 1)
        pieces.append(before)
    pieces.append(rest)
    digits_only = set()
    for name in names:
        # A keyword whose converter refuses letters (int) takes digits only, as in Django.
        probe = {**markers, name: LETTERS}
        try:
            if LETTERS not in django_reverse(viewname, kwargs=probe):
                return None
        except NoReverseMatch:
            digits_only.add(name)
    return _Address(pieces, order, digits_only)


def reverse(viewname: str, **kwargs) -> str:
    """django.urls.reverse(viewname, kwargs=kwargs), the same string."""
    key = (viewname, tuple(kwargs), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    address = _learnt.get(key, _UNKNOWN)
    if address is _UNKNOWN:
        address = _learnt[key] = _learn(viewname, tuple(kwargs))
    if address is not None:
        url = address.format({name: str(value) for name, value in kwargs.items()})
        if url is not None:
            return url
    return django_reverse(viewname, kwargs=kwargs)
