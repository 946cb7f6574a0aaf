"""A ModelSerializer whose representation skips DRF's per-field machinery for the fields that
read a model attribute directly (CharField, IntegerField, ChoiceField, DateField…).

DRF's Serializer.to_representation walks a generator of the readable fields and, for each
field and object, resolves its source through fields.get_attribute (an isinstance(Mapping)
check per step, callables called), catches SkipField, checks for None. An API page of 50
acts, each with ~40 fields and two nested objects, spent about a third of its CPU there
(docs/capacity.md). Here the fields are sorted once per serializer instance (a list's child
serves the whole page): a field reading a plain attribute is read with getattr, every other
field (methods, relations, nested serializers, dotted or "*" sources, a callable or missing
attribute) goes through DRF's own steps. Each value still goes through the field's
to_representation: the output is DRF's, key for key.
"""

from collections.abc import Mapping

from rest_framework import fields, serializers
from rest_framework.relations import PKOnlyObject

# Fields whose get_attribute is Field's and whose to_representation reads only the value.
PLAIN_FIELDS = (
    fields.BooleanField, fields.CharField, fields.ChoiceField, fields.DateField,
    fields.DateTimeField, fields.DecimalField, fields.FloatField, fields.IntegerField,
    fields.TimeField, fields.UUIDField,
)


def _is_plain(field) -> bool:
    return (isinstance(field, PLAIN_FIELDS)
            and type(field).get_attribute is fields.Field.get_attribute
            and len(field.source_attrs) == 1)


class PlainModelSerializer(serializers.ModelSerializer):
    def _plan(self):
        plan = self.__dict__.get("_representation_plan")
        if plan is None:
            plan = self.__dict__["_representation_plan"] = [
                (field.field_name, field, field.source_attrs[0] if _is_plain(field) else None)
                for field in self._readable_fields
            ]
        return plan

    def to_representation(self, instance):
        if isinstance(instance, Mapping):  # read by key: DRF's steps throughout
            return super().to_representation(instance)
        ret = {}
        for name, field, attribute_name in self._plan():
            if attribute_name is not None:
                try:
                    value = getattr(instance, attribute_name)
                except Exception:  # noqa: BLE001 (DRF's steps below decide, as it would)
                    value = fields.empty
                if value is not fields.empty and not callable(value):
                    ret[name] = None if value is None else field.to_representation(value)
                    continue
            # DRF's own steps (Serializer.to_representation).
            try:
                attribute = field.get_attribute(instance)
            except fields.SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            ret[name] = None if check_for_none is None else field.to_representation(attribute)
        return ret
