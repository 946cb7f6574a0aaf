"""Change pages of the published record: read-only, a forged change or a deletion refused
with the French reason, a refused save showing what is stored."""

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.shortcuts import redirect
from django.urls import reverse


class LockedRecordAdminMixin:
    """For an admin whose objects become part of the published record (a published act, a
    session whose acts are published): every field is read-only and no save button is
    offered; a POST (a forged form, an old tab) is refused with ``locked_reason`` and the
    page shows the record as stored; a deletion is explained rather than refused as a
    permission problem. The database triggers (immutability.py) stay the last defence."""

    def locked_reason(self, obj) -> str:
        """Why the object may no longer change here ("" when it may)."""
        raise NotImplementedError

    def undeletable_reason(self, obj) -> str:
        """Why the object may not be deleted ("" when it may)."""
        return self.locked_reason(obj)

    def inlines_open_when_locked(self, obj) -> tuple:
        """Inline classes that stay editable on a locked page (facts that follow the
        publication, e.g. the notifications of an individual decision); the others, added
        by this app or another one, are read-only there (still editable from their own
        pages where they have one)."""
        return ()

    def locked_editable(self, request, obj) -> bool:
        """Whether a locked page keeps something to record: then its save button stays,
        for those inlines only."""
        return bool(self.inlines_open_when_locked(obj))

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if self._locked(request, obj):
            open_classes = self.inlines_open_when_locked(obj)
            for inline in instances:
                if not isinstance(inline, open_classes):
                    # Instances are built per request: this locks this page only.
                    inline.has_add_permission = _refuse
                    inline.has_change_permission = _refuse
                    inline.has_delete_permission = _refuse
        return instances

    def get_object(self, request, object_id, from_field=None):
        # The change page reads its object before Django does (for the lock): once a request.
        cache = request.__dict__.setdefault("_admin_objects", {})
        key = (self.model._meta.label, object_id, from_field)
        if key not in cache:
            cache[key] = super().get_object(request, object_id, from_field)
        return cache[key]

    def _locked(self, request, obj) -> str:
        """locked_reason, read once per request and object (the page asks several times)."""
        if obj is None or not obj.pk:
            return ""
        cache = request.__dict__.setdefault("_locked_reasons", {})
        key = (self.model._meta.label, obj.pk)
        if key not in cache:
            cache[key] = self.locked_reason(obj)
        return cache[key]

    def get_readonly_fields(self, request, obj=None):
        if self._locked(request, obj):
            fields = flatten_fieldsets(self.fieldsets) if self.fieldsets else [
                field.name for field in self.model._meta.get_fields()
                if field.concrete and field.editable and not field.auto_created]
            return list(dict.fromkeys([*fields, *super().get_readonly_fields(request, obj)]))
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if self._locked(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def _change_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        reason = self._locked(request, obj)
        if reason:
            editable = self.locked_editable(request, obj)
            if request.method == "POST" and not editable:
                self.message_user(request, f"Rien n'a été enregistré. {reason}",
                                  messages.ERROR)
                return redirect(self._change_url(obj))
            extra_context = {
                **(extra_context or {}), "locked_reason": reason,
                "show_save": editable, "show_save_and_continue": False,
                "show_save_and_add_another": False, "show_delete_link": False,
            }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        form = context["adminform"].form
        if obj is not None and obj.pk and form.errors:
            # The refused values were copied onto the form's instance: what is computed from
            # it (read-only figures, deadlines, quorum) is shown from the stored record.
            stored = type(obj)._default_manager.get(pk=obj.pk)
            context["adminform"].form.instance = stored
            context["refused_save"] = True
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        reason = self.undeletable_reason(obj) if obj is not None else ""
        if reason:
            self.message_user(request, reason, messages.ERROR)
            return redirect(self._change_url(obj))
        return super().delete_view(request, object_id, extra_context)


def _refuse(request, obj=None):
    return False
