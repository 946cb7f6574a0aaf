"""The clerk's to-do list on the admin index (templates/admin/index.html)."""

from django import template
from django.urls import reverse

from deliberations import selectors
from portal.admin import user_organisation_ids

register = template.Library()

LABELS = {
    "held_without_attendance": "séances tenues sans liste de présence",
    "adopted": "délibérations adoptées, non transmises en préfecture",
    "transmitted": "délibérations transmises, sans date de réception",
    "received": "délibérations reçues en préfecture, non publiées",
    "no_receipt": "délibérations publiées sans date de réception (non exécutoires, à "
    "compléter)",
    "no_extract": "délibérations publiées sans extrait certifié émis",
}


@register.inclusion_tag("admin/_clerk_todo.html", takes_context=True)
def clerk_todo(context):
    request = context["request"]
    user = request.user
    if not (user.has_perm("deliberations.view_deliberation")
            and user.has_perm("deliberations.view_session")):
        return {"items": None}
    items = [
        {"count": count, "label": LABELS[key],
         "url": f"{reverse(f'admin:deliberations_{model}_changelist')}?{query}"}
        for key, count, model, query in selectors.clerk_todo(user_organisation_ids(request))
    ]
    return {"items": items, "total": sum(item["count"] for item in items)}
