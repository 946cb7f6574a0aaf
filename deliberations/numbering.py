"""Act numbers (DELIB_ID of the SCDL exports): given at adoption, per body and year, in the
order acts are adopted, the way a clerk numbers the registre; editable until publication."""

import re

from deliberations.models import Deliberation
from portal.models import Body

# One letter code per kind of body, so that the numbers of a Bureau and of the Conseil of the
# same organisation read apart ("2022-B-014", "2022-C-105").
BODY_CODES = {
    Body.Kind.COUNCIL: "C",
    Body.Kind.BUREAU: "B",
    Body.Kind.SYNDICATE_COMMITTEE: "CS",
    Body.Kind.OTHER: "A",
}


def act_number_prefix(*, body_kind: str, year: int) -> str:
    return f"{year}-{BODY_CODES.get(body_kind, 'A')}-"


def next_act_number(*, body: Body, year: int) -> str:
    """The number after the highest one of this body and year written in the portal's form
    (``2022-B-001``); numbers a clerk typed in another form are left alone. The caller runs
    inside the adoption's transaction: the body row is locked so that two adoptions at once
    do not draw the same number (on SQLite, writes are serialised anyway)."""
    Body.objects.select_for_update().filter(pk=body.pk).first()
    prefix = act_number_prefix(body_kind=body.kind, year=year)
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    taken = (Deliberation.objects.filter(body=body, year=year, act_number__startswith=prefix)
             .values_list("act_number", flat=True))
    sequence = max((int(m.group(1)) for n in taken if (m := pattern.match(n))), default=0)
    return f"{prefix}{sequence + 1:03d}"
