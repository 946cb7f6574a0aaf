"""Checks the apps add to the site's models, through a registry (the site imports no app)."""

from collections import defaultdict
from collections.abc import Callable

# A validator takes the instance being cleaned and returns {field name or None: [messages]}.
Validator = Callable[[object], dict]

_validators: dict[str, list[Validator]] = defaultdict(list)


def register(model_label: str, validator: Validator) -> Validator:
    """Add a validator for "app_label.ModelName" (idempotent: ready() may run twice)."""
    if validator not in _validators[model_label]:
        _validators[model_label].append(validator)
    return validator


def problems(instance) -> dict:
    """Every registered validator's messages for ``instance``, merged by field (None: the
    whole form), for a ValidationError."""
    found: dict = defaultdict(list)
    for validator in _validators[instance._meta.label]:
        for field, messages in validator(instance).items():
            found[field or "__all__"].extend(messages)
    return dict(found)
