"""Number formatting for messages (kept out of translated calls: Odoo's term
extractor reads the arguments of ``_()`` and cannot evaluate f-strings there)."""


def format_amount(value):
    """An amount of money in whole dong with thousands separators: 1,500,000."""
    return f"{value or 0:,.0f}"


def format_number(value):
    """A rule value without trailing zeros: 18, 1.5."""
    return f"{value or 0:g}"


def format_rate(value):
    """A percentage with one decimal: 79.5."""
    return f"{value or 0:.1f}"
