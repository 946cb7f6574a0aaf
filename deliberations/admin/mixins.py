"""Shared by the record admins: database refusals as French messages, published act locks."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect

from deliberations import immutability
from deliberations.models import (
    Deliberation,
)


class ImmutableRecordAdminMixin:
    """The last line of defence: when the database refuses a change to the published record
    (immutability.py) that the screens did not prevent, the clerk reads the trigger's French
    sentence on the page instead of a server error; nothing is written (the admin's
    transaction is rolled back)."""

    def _refused(self, request, error):
        message = immutability.refusal_message(error)
        if message is None:
            raise error
        self.message_user(request, message, messages.ERROR)
        return redirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            return self._refused(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except IntegrityError as error:
            return self._refused(request, error)


def _act_published(obj) -> bool:
    """Whether the parent act of an inline (or the act itself) is published."""
    deliberation = getattr(obj, "deliberation", obj)
    return deliberation is not None and deliberation.status == Deliberation.Status.PUBLISHED


class PublishedActInlineMixin:
    """The annexes, votes and appointments of a published act are part of it: locked like
    the act itself (immutability.PUBLISHED_ACT_PARTS_LOCKED)."""

    def has_add_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_delete_permission(request, obj)
