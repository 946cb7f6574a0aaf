"""The subscription form shown on the list, body, member, priority and reports pages, and the
form asking for the link to an address's subscriptions."""

from django import forms
from django.apps import apps
from django.http import QueryDict

from deliberations.alerts.matching import clean_criteria
from deliberations.alerts.models import Subscription
from portal.models import Body, Member


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse électronique", max_length=254,
        error_messages={"required": "Indiquez votre adresse électronique.",
                        "invalid": "Cette adresse électronique n'est pas valide."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label="Fréquence", choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY, widget=forms.RadioSelect,
        error_messages={"required": "Choisissez une fréquence.",
                        "invalid_choice": "Choisissez une fréquence proposée."},
    )
    scope = forms.ChoiceField(choices=Subscription.Scope.choices, widget=forms.HiddenInput)
    # The list's query string (search words and filters), for a search subscription.
    criteria = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
    target = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("scope"):
            raise forms.ValidationError("Le formulaire est incomplet : rechargez la page.")
        cleaned.update(followed(cleaned["scope"], cleaned.get("target"),
                                cleaned.get("criteria") or ""))
        return cleaned


def followed(scope: str, target, criteria: str) -> dict:
    """What a subscription follows: its label and its target (body, member, priority id or
    the search's validated criteria). ValidationError, in French, when it does not exist."""
    result = {"criteria_values": {}, "body": None, "member": None, "priority_id": None}
    if scope == Subscription.Scope.SEARCH:
        values, errors = clean_criteria(QueryDict(criteria))
        if errors:
            raise forms.ValidationError(
                "Les filtres de la recherche ne sont pas valides : modifiez la recherche "
                "puis abonnez-vous de nouveau.")
        result.update(criteria_values=values, label=search_label(values))
    elif scope == Subscription.Scope.BODY:
        body = Body.objects.select_related("organisation").filter(pk=target).first()
        if body is None:
            raise forms.ValidationError("Cette assemblée n'existe pas.")
        organisation = body.organisation.short_name or body.organisation.name
        result.update(body=body, label=f"{body.name} ({organisation})")
    elif scope == Subscription.Scope.MEMBER:
        member = Member.objects.with_public_record().filter(pk=target).first()
        if member is None:
            raise forms.ValidationError("Cet élu n'existe pas.")
        result.update(member=member, label=f"Assemblées où siège {member}")
    elif scope == Subscription.Scope.PRIORITY:
        priority = _priority(target)
        if priority is None:
            raise forms.ValidationError("Cette priorité n'existe pas.")
        result.update(priority_id=priority.pk, label=f"Projet de territoire, priorité {priority}")
    elif scope == Subscription.Scope.REPORTS:
        result.update(label="Délibérations prenant acte d'un rapport d'activités")
    else:
        raise forms.ValidationError("Le formulaire est incomplet : rechargez la page.")
    return result


def _priority(pk):
    """The territorial-project priority `pk`, looked up by the app registry (deliberations
    does not import territory_project)."""
    if not pk:
        return None
    return apps.get_model("territory_project", "Priority").objects.filter(pk=pk).first()


def search_label(criteria: dict) -> str:
    """What a search subscription follows, in words."""
    parts = []
    if criteria.get("q"):
        parts.append(f"« {criteria['q']} »")
    names = {"organisation": "collectivité", "body": "assemblée", "year": "année",
             "date_from": "séance du", "date_to": "séance au", "theme": "thématique",
             "matter": "matière", "executory": "exécutoire"}
    for name, word in names.items():
        if criteria.get(name):
            parts.append(f"{word} {criteria[name]}")
    return "Délibérations " + (", ".join(parts) if parts else "(toutes)")


class ManageRequestForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse électronique", max_length=254,
        error_messages={"required": "Indiquez votre adresse électronique.",
                        "invalid": "Cette adresse électronique n'est pas valide."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
