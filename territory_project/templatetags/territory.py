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
