"""Sessions: their page, the attendance and proxies grid, the first convocation's search by date."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from deliberations import rules, selectors, services
from deliberations.admin.locking import LockedRecordAdminMixin
from deliberations.admin.mixins import ImmutableRecordAdminMixin
from deliberations.documents.admin import session_document_links
from deliberations.extracts.admin import (
    ExportExtractPermissionMixin,
    export_session_extracts,
)
from deliberations.forms import (
    GRID_STATUS_CHOICES,
    REPRESENTED,
    AttendanceGrid,
    SessionAdminForm,
    SessionOfBodyAutocomplete,
    first_convocation_candidates,
    grid_page_size,
)
from deliberations.minutes.admin import import_attendance_view
from deliberations.models import (
    ATTENDANCE_LOCKED,
    Attendance,
    Proxy,
    Session,
)
from portal.admin import AuditedAdmin
from portal.kernel.scope import OrganisationScopedAdmin
from portal.kernel.wording import items_wording

SESSION_LOCKED_NOTE = (
    "Cette séance a des délibérations publiées : ce qu'elles certifient (la séance, sa liste "
    "de présence et ses procurations) ne peut plus être modifié ici. Pour corriger une "
    "erreur, rectifiez par une délibération rectificative."
)


@admin.register(Session)
class SessionAdmin(LockedRecordAdminMixin, ImmutableRecordAdminMixin,
                   ExportExtractPermissionMixin, AuditedAdmin, OrganisationScopedAdmin):
    # Attendance and proxies are edited on the session's grid: their history is read here.
    related_history = [(Attendance, "session", "Présences", ["member"]),
                       (Proxy, "session", "Procurations", ["giver", "holder"])]
    form = SessionAdminForm
    list_display = ["date", "starts_at", "body", "place", "status", "convocation_check"]
    list_filter = ["body__organisation", "body", "status"]
    date_hierarchy = "date"
    search_fields = ["place", "body__name"]
    list_select_related = ["body", "body__organisation", "body__settings"]
    autocomplete_fields = ["president", "secretary", "other_secretaries"]
    readonly_fields = ["quorum_table", "convocation_check", "attendance_summary",
                       "session_acts", "session_documents"]
    # Attendance and proxies have a screen of their own (attendance_view): as inlines, a
    # 152-member session posted some 1 400 fields, over Django's limit, and could no longer
    # be saved. The deliberations are listed, each edited on its own page.
    inlines = []
    actions = [export_session_extracts]
    fieldsets = [
        (None, {"fields": ["body", "status", ("date", "starts_at"), "place"]}),
        ("Convocation", {"fields": [("convened_on", "urgent"), "urgency_ruling", "videoconference",
                                    "convocation_posted_at",
                                    "convocation_check", "first_convocation"]}),
        ("Bureau de séance", {"fields": ["president", "president_capacity", "secretary",
                                         "other_secretaries", "agenda_item_count"]}),
        ("Présences et procurations", {"fields": ["attendance_summary"]}),
        ("Quorum et votes par question", {"fields": ["quorum_table"]}),
        ("Délibérations de la séance", {"fields": ["session_acts"]}),
        ("Documents de la séance", {"fields": ["session_documents"]}),
    ]

    @admin.display(description="Documents")
    def session_documents(self, session):
        """The session's documents, each served by its admin download view (rights checked),
        never a /media/ link."""
        if session is None or session.pk is None:
            return "—"
        links = session_document_links(session)
        if not links:
            return ("Aucun document publié : convocation, liste des délibérations, "
                    "procès-verbal et registre s'établissent depuis le menu « Documents ».")
        return format_html("<ul>{}</ul>", format_html_join(
            "", '<li><a href="{}">{}</a></li>', ((url, label) for label, url in links)))

    @admin.display(description="Délai de convocation")
    def convocation_check(self, session):
        if session is None or session.convened_on is None or session.date is None:
            return "—"
        # The body's statutes may set another delay than L2121-12 (BodySettings).
        clear_days, source = selectors.convocation_clear_days(session.body)
        timely = rules.convocation_is_timely(
            convened_on=session.convened_on, session_on=session.date, urgent=session.urgent,
            clear_days=clear_days, clear_days_urgent=settings.CONVOCATION_CLEAR_DAYS_URGENT,
        )
        urgency = rules.urgency_problems(
            convened_on=session.convened_on, session_on=session.date, urgent=session.urgent,
            ruling=session.urgency_ruling, clear_days=clear_days,
            clear_days_urgent=settings.CONVOCATION_CLEAR_DAYS_URGENT,
        )
        if timely and urgency:
            return " ".join(urgency)
        if timely:
            return f"Respecté ({source})"
        latest = rules.latest_convocation_date(
            session.date, urgent=session.urgent, clear_days=clear_days,
            clear_days_urgent=settings.CONVOCATION_CLEAR_DAYS_URGENT,
        )
        return (f"Non respecté : convocation à envoyer au plus tard le {latest:%d/%m/%Y} "
                f"({source})")

    @admin.display(description="Présents, représentés et quorum par question")
    def quorum_table(self, session, inputs=None):
        if session is None or session.pk is None:
            return "Enregistrez la séance et sa liste de présence pour voir le quorum."
        inputs = inputs or _cached_inputs(session)
        if inputs.in_office == 0:
            return "Aucun membre en exercice n'est enregistré pour cette assemblée à cette date."
        return render_to_string(
            "admin/deliberations/session/_quorum_table.html",
            {"ranges": selectors.session_quorum_table(session, inputs),
             "in_office": inputs.in_office},
        )

    @admin.display(description="Liste de présence")
    def attendance_summary(self, session):
        if session is None or session.pk is None:
            return "Enregistrez la séance, puis saisissez ou importez sa liste de présence."
        inputs = _cached_inputs(session)
        counts = {status: inputs.status_counts.get(status, 0)
                  for status in Attendance.Status.values}
        counts["proxies"] = len(inputs.proxies)
        return render_to_string(
            "admin/deliberations/session/_attendance_summary.html",
            {**counts,
             "grid_url": reverse("admin:deliberations_session_attendance", args=[session.pk]),
             "import_url": reverse("admin:deliberations_session_import_attendance",
                                   args=[session.pk])},
        )

    # Not named "deliberation_list": that is the session's list of deliberations (the
    # document of L2121-25, documents.DeliberationList), which the admin would show instead.
    @admin.display(description="Délibérations")
    def session_acts(self, session):
        if session is None or session.pk is None:
            return "—"
        _cached_inputs(session)
        deliberations = session._session_acts
        return render_to_string(
            "admin/deliberations/session/_deliberation_list.html",
            {"deliberations": deliberations,
             "add_url": reverse("admin:deliberations_deliberation_add")
             + f"?session={session.pk}"},
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "first_convocation":
            # A search box among the body's earlier sessions (SessionAdminForm), not an id.
            kwargs["widget"] = SessionOfBodyAutocomplete(db_field, self.admin_site,
                                                         using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        if (request.GET.get("model_name") == "session"
                and request.GET.get("field_name") == "first_convocation"):
            # The first convocation's search box (SessionOfBodyAutocomplete): the earlier
            # sessions of the body of the session being edited, found by date or body name.
            edited = request.GET.get("seance", "")
            session = (queryset.filter(pk=edited).first()
                       if edited.isdigit() else None)
            queryset = first_convocation_candidates(queryset, session)
            dated = sessions_on(queryset, search_term)
            if dated is not None:
                return dated, False
        return super().get_search_results(request, queryset, search_term)

    def get_queryset(self, request):
        # The body's statutes (BodySettings) serve the convocation check and the quorum
        # table: read with the session, not once each.
        return super().get_queryset(request).select_related(
            "body__organisation", "body__settings")

    def get_readonly_fields(self, request, obj=None):
        # Attendance (members in office), act numbers and extracts hang on the body: a
        # session recorded for one body is not moved to another.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "body"] if obj is not None else fields

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/importer-presence/",
                self.admin_site.admin_view(
                    lambda request, object_id: import_attendance_view(request, object_id, self)
                ),
                name="deliberations_session_import_attendance",
            ),
            path(
                "<path:object_id>/presences/",
                self.admin_site.admin_view(self.attendance_view),
                name="deliberations_session_attendance",
            ),
        ]
        return custom + super().get_urls()

    def locked_reason(self, session) -> str:
        return SESSION_LOCKED_NOTE if session.has_published_acts() else ""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._locked(request, obj):
            # Said before the clerk types anything; the form refuses the change anyway.
            (name, options), *rest = fieldsets
            fieldsets = [(name, {**options, "description": SESSION_LOCKED_NOTE}), *rest]
        return fieldsets

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and obj.pk and context["adminform"].form.errors:
            # The refused values were copied onto `obj` by the form: title and breadcrumbs
            # show the session as stored (its real date), not the refused one.
            stored = Session.objects.select_related("body").get(pk=obj.pk)
            context.update(subtitle=str(stored), original=stored)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse(
                "admin:deliberations_session_import_attendance", args=[object_id]
            ),
            "attendance_url": reverse(
                "admin:deliberations_session_attendance", args=[object_id]
            ),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def attendance_view(self, request, object_id):
        """The attendance and proxies of a session as one grid, one row per member."""
        session = self.get_object(request, unquote(object_id))
        if session is None:
            raise Http404("Séance introuvable.")
        if not self.has_view_permission(request, session):
            raise PermissionDenied
        can_change = self.has_change_permission(request, session)
        if request.method == "POST" and not can_change:
            raise PermissionDenied
        locked = session.has_published_acts()
        members, attendances, proxies, inputs = selectors.attendance_workspace(session)
        in_office = inputs.in_office_members
        paginator = Paginator(members, grid_page_size())
        page = paginator.get_page(request.POST.get("page") or request.GET.get("page"))
        page_members = [member.pk for member in page.object_list]
        grid = AttendanceGrid(
            session=session, members=members, attendances=attendances, proxies=proxies,
            in_office=in_office, page_members=page_members,
            data=request.POST if request.method == "POST" else None,
        )
        def stored_grid():
            return AttendanceGrid(
                session=session, members=members, attendances=attendances, proxies=proxies,
                in_office=in_office, page_members=page_members)

        if grid.bound and locked and not (grid.is_valid() and not grid.changed_rows):
            # A forged change of a locked session: refused with its reason, and the page shows
            # what is stored, never what was posted (the grid posted unchanged is answered
            # "Aucune modification" below).
            grid = stored_grid()
            grid.errors.append(f"Rien n'a été enregistré. {ATTENDANCE_LOCKED}")
        elif grid.bound and grid.is_valid():
            changed = grid.changed_rows
            try:
                services.session_attendance_replace(
                    session=session, members=[row.member.pk for row in changed],
                    attendances=[_attendance_of(row) for row in changed
                                 if row.status not in ("", REPRESENTED)],
                    proxies=[Proxy(giver=row.member, holder=row.holder_member,
                                   from_item=row.proxy_from, until_item=row.proxy_until,
                                   written_proxy=row.written_proxy)
                             for row in changed if row.holder_member is not None],
                    by=request.user,
                )
            except ValidationError as error:
                grid.errors.extend(error.messages)
            else:
                counts = grid.counts()
                self.message_user(
                    request,
                    (f"Liste de présence enregistrée ({len(changed)} ligne(s) modifiée(s)). "
                     f"Présents : {counts[Attendance.Status.PRESENT]} ; représentés : "
                     f"{counts[REPRESENTED]} ; absents excusés : "
                     f"{counts[Attendance.Status.EXCUSED]} ; absents : "
                     f"{counts[Attendance.Status.ABSENT]}.")
                    if changed else "Aucune modification : rien n'a été enregistré.",
                    messages.SUCCESS,
                )
                if "_return" in request.POST:
                    return redirect("admin:deliberations_session_change", session.pk)
                url = reverse("admin:deliberations_session_attendance", args=[session.pk])
                return redirect(f"{url}?page={page.number}" if page.number > 1 else url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Présences et procurations",
            "subtitle": str(session),
            "opts": self.model._meta,
            "original": session,
            "session": session,
            "grid": grid,
            "rows": [grid.rows[pk] for pk in page_members],
            "page": page,
            "status_choices": GRID_STATUS_CHOICES,
            # A session with a published act is read-only: said before the clerk types
            # anything, with no active field nor save button (the grid refuses a forged
            # change anyway).
            "can_change": can_change and not locked,
            "locked_note": ATTENDANCE_LOCKED if locked else "",
            "in_office": len(in_office),
            "quorum_required": len(in_office) // 2 + 1 if in_office else None,
            # What is recorded, not what a refused form holds.
            "counts": (stored_grid() if grid.bound else grid).counts(),
            "quorum_table": self.quorum_table(session, inputs),
            "import_url": reverse("admin:deliberations_session_import_attendance",
                                  args=[session.pk]),
            "has_view_permission": True,
        }
        return TemplateResponse(
            request, "admin/deliberations/session/attendance_grid.html", context
        )


FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"]


def sessions_on(queryset, term: str):
    """The sessions of ``queryset`` on a date typed as a clerk writes it ("06/12/2022",
    "12/2022", "2022", "décembre 2022", "6 décembre 2022"); None when the term is no date."""
    words = term.strip().lower().replace("/", " ").replace("-", " ").replace(".", " ").split()
    words = [str(FRENCH_MONTHS.index(w) + 1) if w in FRENCH_MONTHS else w for w in words]
    if not words or len(words) > 3 or not all(w.isdigit() for w in words):
        return None
    numbers = [int(w) for w in words]
    year = numbers[-1]
    if not 1900 <= year <= 2200:
        return None
    lookups = {"date__year": year}
    if len(numbers) >= 2:
        lookups["date__month"] = numbers[-2]
    if len(numbers) == 3:
        lookups["date__day"] = numbers[0]
    if not 1 <= lookups.get("date__month", 1) <= 12 or not 1 <= lookups.get("date__day", 1) <= 31:
        return queryset.none()
    return queryset.filter(**lookups)


def _cached_inputs(session):
    """The session's rules inputs, read once for the readonly fields of one page (the quorum
    table and the attendance summary receive the same instance)."""
    inputs = getattr(session, "_rules_inputs", None)
    if inputs is None:
        inputs, session._session_acts = selectors.session_workspace(session)
        session._rules_inputs = inputs
    return inputs


def _attendance_of(row) -> Attendance:
    return Attendance(
        member=row.member, status=row.status, from_item=row.from_item,
        until_item=row.until_item, replaces=row.replaces_member,
        remote=row.remote and row.status == Attendance.Status.PRESENT,
        # The registre's mention follows the items (as the import writes it).
        note=items_wording(row.from_item, row.until_item)
        if row.status == Attendance.Status.PRESENT else "",
    )
