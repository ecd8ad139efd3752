"""Money helpers: rupiah are int; fractions are Decimal; round half up only at the final amount."""

from decimal import ROUND_HALF_UP, Decimal

_RUPIAH = Decimal("1")


def round_rupiah(amount: Decimal | int) -> int:
    """Round a Decimal amount to whole rupiah, half up (never banker's rounding)."""
    return int(Decimal(amount).quantize(_RUPIAH, rounding=ROUND_HALF_UP))


def format_rupiah(amount: int | Decimal | None) -> str:
    """`Rp1.234.567`, `-Rp5.000`; the format of Indonesian pay slips."""
    if amount is None:
        return ""
    value = round_rupiah(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(value):,}".replace(",", ".")
