"""Pure rules of notification delivery (issue 17): quiet hours and WhatsApp numbers. No database."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def jam_tenang_selesai(now: datetime, mulai: time | None, selesai: time | None, zona: str) -> datetime | None:
    """When the quiet hours that `now` falls in end (an aware datetime), or None when `now` is not in them.

    The hours are wall-clock times in the pemda's zone `zona`; a window may pass midnight (21.00–06.00).
    Start is inside the window, end is not; no window (None) or an empty one (start = end) is never quiet.
    """
    if mulai is None or selesai is None or mulai == selesai:
        return None
    local = now.astimezone(ZoneInfo(zona))
    jam = local.time().replace(tzinfo=None)
    if mulai < selesai:
        tenang = mulai <= jam < selesai
    else:  # over midnight
        tenang = jam >= mulai or jam < selesai
    if not tenang:
        return None
    hari = local.date() if jam < selesai else local.date() + timedelta(days=1)
    return datetime.combine(hari, selesai, tzinfo=ZoneInfo(zona))


def nomor_wa(nomor: str) -> str:
    """An Indonesian mobile number as WhatsApp gateways want it: digits only, 62 instead of the leading 0.

    "0812-3456-7890", "+62 812 3456 7890", "812 3456 7890" all give "6281234567890". An empty number gives
    "". Anything else that is not 9 to 15 digits after that raises ValidationError.
    """
    angka = re.sub(r"[\s\-.()]", "", nomor or "")
    if not angka:
        return ""
    if angka.startswith("+"):
        angka = angka[1:]
    if angka.startswith("0"):
        angka = "62" + angka[1:]
    elif angka.startswith("8"):
        angka = "62" + angka
    if not angka.isdigit() or not 9 <= len(angka) <= 15:
        raise ValidationError(_("Nomor WhatsApp tidak dikenali. Tulis seperti 0812 3456 7890."), code="nomor_wa")
    return angka
