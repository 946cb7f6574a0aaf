import datetime

from django.db import models
from django.db.models import Q


class MandateQuerySet(models.QuerySet):
    def in_office(self, on: datetime.date):
        """Seats held on a date ("membres en exercice"): started on or before, not ended before."""
        return self.filter(start_on__lte=on).filter(Q(end_on__isnull=True) | Q(end_on__gte=on))

    def titular(self):
        """Seats that count in the membres en exercice: suppléants sit only in replacement."""
        return self.exclude(role="substitute")


class MemberQuerySet(models.QuerySet):
    def with_public_record(self):
        """Members who hold or held a mandate in a body: what the public member pages list."""
        return self.filter(mandates__isnull=False).distinct()
