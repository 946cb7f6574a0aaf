"""Forms of a deliberation's lifecycle steps (DeliberationAdmin.lifecycle_view): each asks
only what its step needs; publication names the signatory among the body's officers."""

from django import forms

from portal.models import Member


def _date_input():
    # A native date field: keyboard-friendly, no JavaScript calendar needed.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AdoptForm(forms.Form):
    """Nothing to ask: the vote and the quorum are read from the deliberation and session."""


class TransmitForm(forms.Form):
    transmitted_on = forms.DateField(label="Transmise en préfecture le", widget=_date_input())
    prefecture_act_id = forms.CharField(
        label="Identifiant @ctes", max_length=100, required=False,
        help_text="Numéro attribué par @ctes à l'envoi (facultatif, à compléter plus tard).",
    )


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label="Reçue en préfecture le", widget=_date_input(),
                                  help_text="Date de l'accusé de réception @ctes.")


class OfficerChoiceField(forms.ModelChoiceField):
    """A member among the body's officers, shown with the office they hold."""

    def __init__(self, *args, **kwargs):
        self.titles: dict[int, str] = {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, member):
        title = self.titles.get(member.pk)
        return f"{member.full_name} — {title}" if title else member.full_name


class PublishForm(forms.Form):
    """Publication (R2131-1): the date put online and the signatory, chosen among the body's
    officers on the session date (selectors.session_officers). The clerk confirms after an
    preview of the extract as it will be certified: ``preview_key`` carries what was shown,
    and a confirmation of anything else shows the preview again."""

    published_on = forms.DateField(label="Mise en ligne le", widget=_date_input())
    signatory = OfficerChoiceField(
        label="Signataire", queryset=None, empty_label=None,
        help_text="Le président en exercice à la date de la séance, ou un vice-président "
        "par délégation.",
    )
    signatory_capacity = forms.CharField(
        label="Qualité du signataire", max_length=255,
        help_text="Par exemple : « Le Président » ou « Par délégation du Président, le "
        "1er Vice-président ».",
    )
    confirm_without_receipt = forms.BooleanField(
        label="Je confirme la publication sans date de réception en préfecture : l'acte ne "
        "sera pas exécutoire et restera marqué « à compléter ».", required=False,
    )
    preview_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, officers, needs_confirmation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {officer.member.pk: officer for officer in officers}
        field = self.fields["signatory"]
        field.queryset = Member.objects.filter(pk__in=list(self.officers))
        field.titles = {pk: officer.title for pk, officer in self.officers.items()}
        # The president first, then the vice-presidents by rank (the officers' order).
        field.choices = [(pk, field.label_from_instance(officer.member))
                         for pk, officer in self.officers.items()]
        if not needs_confirmation:
            del self.fields["confirm_without_receipt"]

    def clean(self):
        data = super().clean()
        signatory, capacity = data.get("signatory"), data.get("signatory_capacity", "")
        if signatory is None or not capacity:
            return data
        officer = self.officers[signatory.pk]
        # "Le Président" under a vice-president's name would certify a false capacity.
        presidents = [o for o in self.officers.values()
                      if o.capacity in ("Le Président", "La Présidente")]
        if capacity.strip().rstrip(",").lower() in ("le président", "la présidente") and (
                officer not in presidents):
            self.add_error("signatory_capacity", (
                f"{signatory.full_name} n'est pas {capacity.strip().rstrip(',')} : "
                f"sa qualité est « {officer.capacity} »."))
        return data

    def preview_fingerprint(self) -> str:
        """What the preview showed: a confirmation of other values is previewed again."""
        data = self.cleaned_data
        return "|".join(str(value) for value in (
            data["published_on"], data["signatory"].pk, data["signatory_capacity"].strip(),
            data.get("confirm_without_receipt", ""),
        ))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Motif du retour en brouillon", max_length=200,
                             help_text="Par exemple : « adoption enregistrée par erreur ».")
