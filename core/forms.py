"""Form fields every app uses: the month picker (`?bulan=YYYY-MM`)."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.dates import today


class MonthInput(forms.TextInput):
    """The browser's month picker (YYYY-MM); a browser without one shows a text box for YYYY-MM."""

    input_type = "month"


def parse_bulan(value: str | None) -> tuple[int, int] | None:
    """`2026-11` → (2026, 11); anything else → None."""
    try:
        tahun, bulan = (int(part) for part in (value or "").strip().split("-"))
        date(tahun, bulan, 1)
    except ValueError:
        return None
    if not 2000 <= tahun <= 2100:
        return None
    return tahun, bulan


def with_bulan(data):
    """GET data with `bulan` set to this month when it is missing, so the picker shows the month."""
    if data.get("bulan"):
        return data
    data = data.copy()
    data["bulan"] = today().strftime("%Y-%m")
    return data


class BulanField(forms.CharField):
    widget = MonthInput(attrs={"class": "form-control"})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Bulan"))
        kwargs.setdefault("help_text", _("Contoh: 2026-11 untuk November 2026."))
        super().__init__(required=False, max_length=7, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        parsed = parse_bulan(value)
        if parsed is None:
            raise ValidationError(_("Tulis bulan sebagai tahun-bulan, misalnya 2026-11."), code="invalid")
        return parsed
