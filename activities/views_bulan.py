"""The pegawai's month (namespace `aktivitas`): the calendar of their days, each with its state
(split from views_harian, which keeps the day and the entry form)."""

from datetime import date, timedelta

from django.shortcuts import render
from django.utils.translation import gettext_lazy

from accounts.permissions import pegawai_halaman
from attendance.models import HariLibur
from core.dates import today
from core.months import month_from_param, previous_month_start

from . import selectors
from .choices import Status

# --- the month --------------------------------------------------------------------------------

# The state of a day in the calendar: a CSS class, a symbol and a word (colour is never the only signal).
KEADAAN = {
    "dikembalikan": ("↩", gettext_lazy("Dikembalikan")),
    "draf": ("✎", gettext_lazy("Belum diajukan")),
    "menunggu": ("…", gettext_lazy("Menunggu atasan")),
    "valid": ("✓", gettext_lazy("Divalidasi")),
    "kosong": ("!", gettext_lazy("Belum diisi")),
    "libur": ("–", gettext_lazy("Libur")),
    "nanti": ("", gettext_lazy("Belum tiba")),
}


def _keadaan(hari: selectors.Hari, now: date) -> str:
    m = hari.menit
    if m.get(Status.RETURNED):
        return "dikembalikan"
    if m.get(Status.DRAFT):
        return "draf"
    if m.get(Status.SUBMITTED) or m.get(Status.VERIFIED):
        return "menunggu"
    if m.get(Status.VALIDATED):
        return "valid"
    if hari.tanggal > now:
        return "nanti"
    return "kosong" if hari.hari_kerja else "libur"


def _bulan(raw: str | None) -> date:
    return month_from_param(raw, today=today())


def kalender(request):
    pegawai = pegawai_halaman(request)
    bulan = _bulan(request.GET.get("bulan"))
    rekap = selectors.rekap_bulan(pegawai, bulan.year, bulan.month)
    end = rekap.hari[-1].tanggal
    libur = dict(
        HariLibur.objects.filter(pemda_id=pegawai.pemda_id, tanggal__range=(bulan, end)).values_list("tanggal", "nama")
    )
    now = today()
    hari = []
    for h in rekap.hari:
        key = _keadaan(h, now)
        simbol, label = KEADAAN[key]
        hari.append({"h": h, "keadaan": key, "simbol": simbol, "label": label, "libur": libur.get(h.tanggal)})
    sebelum = previous_month_start(bulan)
    sesudah = (end + timedelta(days=1)) if end < now else None
    context = {
        "rekap": rekap,
        "bulan": bulan,
        "hari": hari,
        "kosong_awal": range(bulan.weekday()),
        "legenda": [(k, *v) for k, v in KEADAAN.items() if k != "nanti"],
        "sebelum": sebelum,
        "sesudah": sesudah,
        "now": now,
    }
    return render(request, "activities/harian/kalender.html", context)
