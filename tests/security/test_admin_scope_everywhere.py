"""Every admin screen keeps a clerk to their organisations. For every registered ModelAdmin,
as the clerk of the CABBALR and as the clerk of the PMA (the seed records): the list shows
no row of the other organisation; the add and change forms, their inlines and the
autocomplete offer no choice of the other organisation; posting the other organisation's
ids to every relation field is refused (a form error, or no permission). New models and
new admin screens are covered without writing a test."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.forms.models import InlineForeignKeyField, ModelMultipleChoiceField
from django.urls import NoReverseMatch, reverse

from deliberations.models import (
    AgendaItem,
    Appointment,
    ConvocationAddress,
    MemberVote,
    Session,
    WrittenProxy,
)
from pma_reports.models import TakingNote
from portal.kernel.scope import declares_scope, scoped
from portal.models import Body, Mandate, Organisation, StaffAssignment
from tests.factories import DeliberationFactory, MandateFactory, SessionFactory
from tests.security.conftest import PASSWORD, admin_form_data

CLERKS = "Secrétariat des assemblées"


@pytest.fixture(scope="module")
def seed_records(django_db_setup, django_db_blocker):
    """Every seed record (load_seeds), loaded once for the module in a transaction rolled
    back at its end; plus, for each of the two organisations, one row of the records the
    seed documents do not hold (an agenda item, a written proxy, an appointment, a roll-call
    vote, a convocation address), so that every change form has a row to open."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_seeds", verbosity=0)
            for slug in ("cabbalr", "pma"):
                _plant_rows(Organisation.objects.get(slug=slug))
            yield
            transaction.set_rollback(True)


def _plant_rows(organisation):
    session = (Session.objects.filter(body__organisation=organisation)
               .order_by("date").first())
    if session is None:  # the PMA: no session in the seed documents
        body = Body.objects.filter(organisation=organisation).order_by("pk").first()
        session = SessionFactory(body=body, date=datetime.date(2022, 6, 28),
                                 convened_on=datetime.date(2022, 6, 21))
        for _ in range(2):
            MandateFactory(body=body, start_on=datetime.date(2020, 9, 1))
    mandates = list(Mandate.objects.filter(body=session.body).select_related("member")
                    .order_by("member__last_name", "pk")[:2])
    giver, holder = (mandate.member for mandate in mandates)
    AgendaItem.objects.create(session=session, position=99, title="Question diverse",
                              rapporteur=holder)
    WrittenProxy.objects.create(body=session.body, giver=giver, holder=holder,
                                signed_on=session.date, valid_from=session.date,
                                valid_until=session.date + datetime.timedelta(days=60))
    draft = DeliberationFactory(session=session, item_number=98,
                                title=f"Désignation d'un représentant ({organisation.slug})")
    Appointment.objects.create(deliberation=draft, position=1, office="Représentant",
                               single_candidate=holder)
    MemberVote.objects.create(deliberation=draft, member=holder,
                              choice=MemberVote.Choice.FOR)
    ConvocationAddress.objects.create(member=holder, organisation=organisation,
                                      email=f"elu@{organisation.slug}.example.org")


def clerk_of(slug):
    user = User.objects.create_user(f"greffe-{slug}", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CLERKS))
    StaffAssignment.objects.create(user=user, organisation=Organisation.objects.get(slug=slug))
    return user


class Scope:
    """What belongs to the clerk's organisation, and what belongs to the other one only."""

    def __init__(self, own_slug, other_slug):
        self.own = [Organisation.objects.get(slug=own_slug).pk]
        self.other = [Organisation.objects.get(slug=other_slug).pk]

    def foreign(self, queryset):
        """Rows of ``queryset`` of the other organisation and not of the clerk's (an élu
        sitting in both is the clerk's too). None for a model of no organisation."""
        model = queryset.model
        if not declares_scope(model):
            return None
        own = scoped(model._default_manager.all(), self.own).values("pk")
        return scoped(queryset, self.other).exclude(pk__in=own)


class Report:
    def __init__(self):
        self.models, self.fields, self.forms, self.posts = set(), set(), 0, 0
        self.actions = 0
        self.problems = []

    def fail(self, message):
        self.problems.append(message)


def relation_fields(form):
    """(name, field) of each relation choice of a form: foreign keys, many-to-many and the
    form's own model choices, not the row's own key nor the inline's parent."""
    pk_name = form._meta.model._meta.pk.name if hasattr(form, "_meta") else None
    for name, field in form.fields.items():
        if isinstance(field, InlineForeignKeyField) or name == pk_name:
            continue
        if getattr(field, "queryset", None) is not None:
            yield name, field


def check_choices(form, where, scope, report, client):
    for name, field in relation_fields(form):
        report.fields.add(f"{where}.{name}")
        foreign = scope.foreign(field.queryset)
        if foreign is None:
            continue
        shown = list(foreign.values_list("pk", flat=True)[:3])
        if shown:
            report.fail(f"{where}.{name} propose {foreign.model._meta.label} {shown} "
                        "de l'autre collectivité")
        widget = field.widget
        if isinstance(widget, AutocompleteSelect | AutocompleteSelectMultiple):
            db_field = widget.field
            answer = client.get(reverse("admin:autocomplete"), {
                "app_label": db_field.model._meta.app_label,
                "model_name": db_field.model._meta.model_name,
                "field_name": db_field.name, "term": ""})
            if answer.status_code == 200:
                ids = [result["id"] for result in answer.json()["results"]]
                leaked = scope.foreign(db_field.remote_field.model._default_manager.filter(
                    pk__in=ids))
                if leaked is not None and leaked.exists():
                    report.fail(f"{where}.{name} : la recherche propose "
                                f"{list(leaked.values_list('pk', flat=True))}")


def foreign_value(field, scope):
    foreign = scope.foreign(field.queryset.model._default_manager.all())
    if foreign is None:
        return None
    pk = foreign.order_by("pk").values_list("pk", flat=True).first()
    if pk is None:
        return None
    return [str(pk)] if isinstance(field, ModelMultipleChoiceField) else str(pk)


def form_targets(response, scope):
    """The POST data of the page with another organisation's id in every relation field,
    and where each was put: [(form prefix, row, field name, model, value)]."""
    data = admin_form_data(response)
    targets = []
    main = response.context["adminform"].form
    for name, field in relation_fields(main):
        value = foreign_value(field, scope)
        if value is not None:
            data[main.add_prefix(name)] = value
            targets.append(("main", None, name, main._meta.model, value))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.forms:
            form, index = formset.forms[0], 0
        else:
            index = formset.total_form_count()
            form = formset.empty_form
            data[f"{formset.prefix}-TOTAL_FORMS"] = str(index + 1)
        for name, field in relation_fields(form):
            value = foreign_value(field, scope)
            if value is not None:
                data[f"{formset.prefix}-{index}-{name}"] = value
                targets.append((formset.prefix, index, name, formset.model, value))
    return data, targets


def rows_with(model, name, value) -> int | None:
    """How many rows hold ``value`` in the field ``name``; None for a form-only field."""
    try:
        model._meta.get_field(name)
    except Exception:  # noqa: BLE001 -- a field of the form, not of the model
        return None
    value = value[0] if isinstance(value, list) else value
    return model._default_manager.filter(**{name: value}).count()


def check_post(client, url, response, where, scope, report):
    data, targets = form_targets(response, scope)
    if not targets:
        return
    report.posts += 1
    with transaction.atomic():
        before = [rows_with(model, name, value) for _, _, name, model, value in targets]
        answer = client.post(url, data)
        after = [rows_with(model, name, value) for _, _, name, model, value in targets]
        transaction.set_rollback(True)
    if answer.status_code in (403, 404):
        return
    if answer.status_code == 302:
        # Saved: nothing of the other organisation may have been written.
        for (prefix, _, name, _, _), old, new in zip(targets, before, after, strict=True):
            if old is None or new != old:
                report.fail(f"{where}.{prefix}.{name} : l'identifiant de l'autre "
                            "collectivité a été enregistré")
        return
    main = answer.context["adminform"].form
    formsets = {inline.formset.prefix: inline.formset
                for inline in answer.context["inline_admin_formsets"]}
    for prefix, index, name, _, _ in targets:
        form = main if prefix == "main" else formsets[prefix].forms[index]
        if name not in form.errors:
            report.fail(f"{where}.{prefix}.{name} : l'identifiant de l'autre collectivité "
                        "est accepté")


def check_page(client, url, where, scope, report, *, post=True):
    response = client.get(url)
    if response.status_code in (403, 404) or response.status_code == 302:
        return response.status_code
    assert response.status_code == 200, (where, response.status_code)
    report.forms += 1
    check_choices(response.context["adminform"].form, where, scope, report, client)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for form in [*formset.forms, formset.empty_form]:
            check_choices(form, f"{where}.{formset.prefix}", scope, report, client)
    if post:
        check_post(client, url, response, where, scope, report)
    return 200


def url_of(model, view, *args):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}",
                       args=args)
    except NoReverseMatch:
        return None


def check_foreign_row(client, model, row, where, report):
    """Another organisation's row: its change, history and delete pages, the admin's « voir
    sur le site » and every action of the list leave it out."""
    for view in ("change", "history", "delete"):
        answer = client.get(url_of(model, view, row.pk))
        if answer.status_code == 200:
            report.fail(f"{where} : la page « {view} » de {row.pk} s'ouvre")
    content_type = ContentType.objects.get_for_model(model)
    shortcut = client.get(f"/admin/r/{content_type.pk}/{row.pk}/")
    if shortcut.status_code not in (403, 404):
        report.fail(f"{where} : /admin/r/ mène à {row.pk} ({shortcut.status_code})")
    listing = client.get(url_of(model, "changelist"))
    actions = listing.context["action_form"].fields["action"].choices \
        if listing.context.get("action_form") else []
    for name, _label in actions:
        if not name:
            continue
        report.actions += 1
        with transaction.atomic():
            before = list(model._default_manager.filter(pk=row.pk).values())
            answer = client.post(url_of(model, "changelist"), {
                "action": name, "_selected_action": [str(row.pk)], "index": "0",
                "post": "yes"})
            after = list(model._default_manager.filter(pk=row.pk).values())
            transaction.set_rollback(True)
        if after != before or answer.has_header("Content-Disposition"):
            report.fail(f"{where} : l'action « {name} » a porté sur {row.pk}")


@pytest.mark.parametrize(("own", "other"), [("cabbalr", "pma"), ("pma", "cabbalr")])
def test_no_admin_screen_shows_or_accepts_another_organisations_records(
        seed_records, db, client, own, other):
    clerk = clerk_of(own)
    client.force_login(clerk)
    scope = Scope(own, other)
    report = Report()
    for model in admin.site._registry:
        report.models.add(model._meta.label)
        where = model._meta.label
        listing = client.get(url_of(model, "changelist"))
        if listing.status_code == 403:
            continue  # a screen of no organisation: superusers only
        assert listing.status_code == 200, where
        shown = scope.foreign(listing.context["cl"].queryset)
        if shown is not None and shown.exists():
            report.fail(f"{where} : la liste montre {list(shown.values_list('pk', flat=True))}")
        add = url_of(model, "add")
        if add:
            check_page(client, add, f"{where}[ajout]", scope, report)
        own_row = scoped(model._default_manager.all(), scope.own).order_by("pk").first()
        if own_row is not None:
            check_page(client, url_of(model, "change", own_row.pk), f"{where}[{own_row.pk}]",
                       scope, report)
        foreign_row = scope.foreign(model._default_manager.all())
        foreign_row = foreign_row.order_by("pk").first() if foreign_row is not None else None
        if foreign_row is not None:
            check_foreign_row(client, model, foreign_row, where, report)
    print(f"\nPortée vérifiée pour le greffe {own} : {len(report.models)} modèles, "
          f"{len(report.fields)} champs de relation, {report.forms} formulaires, "
          f"{report.posts} envois avec les identifiants de {other}, {report.actions} actions "
          "sur ses lignes.")
    assert report.problems == []
    # Every registered screen was visited, and the forms were really exercised.
    assert report.models == {m._meta.label for m in admin.site._registry}
    assert report.forms >= 30 and report.posts >= 25 and len(report.fields) >= 75


def test_taking_notes_of_a_member_are_scoped_to_the_report_and_the_member(
        seed_records, db):
    """A taking-note belongs to the report's organisation and to the member taking note:
    the PMA's clerk and the CABBALR's both see the CABBALR row of the PMA's 2021 report."""
    note = TakingNote.objects.get(report__year=2021, member_organisation__slug="cabbalr")
    for slug in ("pma", "cabbalr"):
        ids = [Organisation.objects.get(slug=slug).pk]
        assert scoped(TakingNote.objects.filter(pk=note.pk), ids).get() == note
    call = [Organisation.objects.get(slug="call").pk]
    assert not scoped(TakingNote.objects.filter(pk=note.pk), call).exists()
