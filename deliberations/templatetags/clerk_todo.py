"""The clerk's to-do list on the admin index (templates/admin/index.html): the deadlines of
the calendar (portal.kernel.deadlines), counted, overdue ones first."""

from django import template

from portal.deadline_views import clerk_todo as todo_of

register = template.Library()


@register.inclusion_tag("admin/_clerk_todo.html", takes_context=True)
def clerk_todo(context):
    request = context["request"]
    user = request.user
    if not (user.has_perm("deliberations.view_deliberation")
            and user.has_perm("deliberations.view_session")):
        return {"sections": None}
    sections = todo_of(request)
    return {"sections": sections, "total": sum(section.count for section in sections)}
