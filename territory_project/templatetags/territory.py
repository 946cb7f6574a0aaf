from django import template

from portal.kernel.charts import format_number

register = template.Library()


@register.filter
def percent(share: float) -> str:
    """0.0136 → "1,4 %" (French: comma, no-break space before the sign)."""
    return f"{format_number(share * 100, decimals=1)}\u00a0%"


@register.filter
def french_plural(count: int) -> str:
    """"s" from 2 on: French keeps 0 and 1 singular ("0 action", "1 action", "2 actions")."""
    return "s" if abs(count) >= 2 else ""


@register.filter
def svg_length(share: float) -> str:
    """0.0136 → "1.36": a length on a 0–100 SVG scale (dot decimal, as SVG wants)."""
    return f"{max(0.0, min(1.0, share)) * 100:.2f}"


@register.filter
def number(value) -> str:
    return format_number(value)


def _unit(unit: str) -> str:
    return f"\u00a0{unit}" if unit == "%" else f" {unit}" if unit else ""


@register.filter
def baseline_text(indicator) -> str:
    """The cited value as the document states it: "plus de 3,7 millions de m³ par an (non
    datée par le document)", "900 ha (entre 2010 et 2020)", "2 % (2018)"."""
    if indicator.baseline_value is None:
        return "non donnée par le document"
    value = f"{indicator.baseline_qualifier} " if indicator.baseline_qualifier else ""
    value += f"{format_number(indicator.baseline_value)}{_unit(indicator.unit)}"
    when = (str(indicator.baseline_year) if indicator.baseline_year
            else indicator.baseline_period or "non datée par le document")
    return f"{value} ({when})"


@register.filter
def target_text(target) -> str:
    """A target as stated: "−15 % d'ici 2030", "100 bornes d'ici 2024", "100 % (sans horizon
    indiqué)", a realisation in the document's words."""
    if target.kind == "milestone":
        text = target.wording
        return text if target.year and str(target.year) in text else (
            f"{text} (sans horizon indiqué)")
    value = float(target.value)
    sign = ("+" if value > 0 else "−") if target.kind == "change" else ""
    text = f"{sign}{format_number(abs(value))}{_unit(target.unit)}"
    if target.kind == "change":
        text += " (évolution)"
    return f"{text} d'ici {target.year}" if target.year else f"{text} (sans horizon indiqué)"
