"""The legal checks of a mandate (L5211-6), registered on the site's Mandate model."""

from django.db.models import Q

from deliberations import rules
from portal.models import Body, Mandate


def mandate_problems(mandate: Mandate) -> dict:
    """{field: [French messages]} for Mandate.clean (portal.kernel.validation): a délégué
    suppléant only for a commune that has a single councillor in the body, on the seat's
    start date, for that commune's titular member, never in the Bureau (L5211-6)."""
    if mandate.role != Mandate.Role.SUBSTITUTE or mandate.body_id is None:
        return {}
    on = mandate.start_on
    if on is None:
        return {}
    body = Body.objects.only("kind").get(pk=mandate.body_id)
    titular = None
    if mandate.substitute_for_id is not None:
        titular = (Mandate.objects.filter(body_id=mandate.body_id,
                                          member_id=mandate.substitute_for_id, start_on__lte=on)
                   .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
                   .exclude(role=Mandate.Role.SUBSTITUTE).select_related("commune").first())
    commune = mandate.commune or (titular.commune if titular is not None else None)
    seats = None
    if commune is not None:
        spans = [
            rules.MandateSpan(member_id, start_on, end_on, substitute=False, commune=commune_id)
            for member_id, start_on, end_on, commune_id in
            Mandate.objects.filter(body_id=mandate.body_id, commune=commune)
            .exclude(role=Mandate.Role.SUBSTITUTE).exclude(pk=mandate.pk)
            .values_list("member_id", "start_on", "end_on", "commune_id")
        ]
        seats = rules.commune_seats(spans, on).get(commune.pk, 0)
    message = rules.substitute_designation_problem(
        seats_of_commune=seats,
        bureau=body.kind == Body.Kind.BUREAU,
        commune_name=commune.name if commune is not None else "",
        same_commune=titular is None or titular.commune_id in (None, commune.pk),
    )
    return {"substitute_for": [message]} if message else {}
