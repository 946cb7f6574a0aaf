from django import template

from portal.kernel.charts import format_number

register = template.Library()


@register.filter
def percent(share: float) -> str:
    """0.0136 → "1,4 %" (French: comma, no-break space before the sign)."""
    return f"{format_number(share * 100, decimals=1)}\u00a0%"


@register.filter
def svg_length(share: float) -> str:
    """0.0136 → "1.36": a length on a 0–100 SVG scale (dot decimal, as SVG wants)."""
    return f"{max(0.0, min(1.0, share)) * 100:.2f}"


@register.filter
def number(value) -> str:
    return format_number(value)
