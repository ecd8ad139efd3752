"""Forms of the supervisors' pages: they parse the POST of a queue or an entry, never write.

Every decision (who may act, which move, a required note, the minutes bounds) is the service's;
these forms only turn the request into typed values and refuse what cannot even be parsed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.dates import today
from core.forms import BulanField, with_bulan

from .choices import Status

# A queue page shows at most 500 entries; a bulk POST carries no more than that.
MAKS_PILIHAN = 500

AKSI_MASSAL = {
    "verifikasi": Status.VERIFIED,
    "validasi": Status.VALIDATED,
    "kembalikan": Status.RETURNED,
}
ANTREAN = [("verifikasi", _("Perlu verifikasi")), ("validasi", _("Perlu validasi"))]


class IdsField(forms.Field):
    """A list of entry ids from checkboxes named `ids` (each a whole number)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        ids = []
        for raw in value or []:
            try:
                ids.append(int(str(raw).strip()))
            except ValueError:
                raise ValidationError(_("Pilihan aktivitas tidak dikenali."), code="invalid") from None
        if len(ids) > MAKS_PILIHAN:
            raise ValidationError(_("Paling banyak %(n)d aktivitas sekaligus.") % {"n": MAKS_PILIHAN}, code="too_many")
        return list(dict.fromkeys(ids))  # each once, in the order sent


class TindakanMassalForm(forms.Form):
    """Verifikasi / validasi / kembalikan the entries ticked in a queue, with one note for all."""

    aksi = forms.ChoiceField(choices=[(k, k) for k in AKSI_MASSAL])
    ids = IdsField(required=False)
    catatan = forms.CharField(required=False, max_length=500)
    kembali = forms.ChoiceField(choices=ANTREAN, required=False)

    error_messages = {
        "tanpa_catatan": _(
            "Tulis catatan untuk pegawai: apa yang perlu diperbaiki. Aktivitas yang dipilih belum dikembalikan."
        ),
    }

    def clean(self):
        data = super().clean()
        if data.get("aksi") == "kembalikan" and not (data.get("catatan") or "").strip():
            raise ValidationError(self.error_messages["tanpa_catatan"], code="tanpa_catatan")
        return data

    @property
    def to(self) -> str:
        return AKSI_MASSAL[self.cleaned_data["aksi"]]

    @property
    def antrean(self) -> str:
        """The queue to go back to: as asked, else the one the action belongs to."""
        data = getattr(self, "cleaned_data", {})
        return data.get("kembali") or ("validasi" if data.get("aksi") == "validasi" else "verifikasi")


AKSI_TUNGGAL = {
    "verifikasi": Status.VERIFIED,
    "validasi": Status.VALIDATED,
    "kembalikan": Status.RETURNED,
    "batal_verifikasi": Status.SUBMITTED,
    "batal_validasi": Status.VERIFIED,
}


class TindakForm(forms.Form):
    """One move of one entry, from a queue row or the entry's page; a verifier may lower the minutes."""

    aksi = forms.ChoiceField(choices=[(k, k) for k in AKSI_TUNGGAL])
    menit = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1440,
        error_messages={
            "invalid": _("Menit diakui harus berupa angka bulat."),
            "min_value": _("Menit diakui harus 1 atau lebih."),
            "max_value": _("Menit diakui terlalu besar."),
        },
    )
    catatan = forms.CharField(required=False, max_length=500)
    # The status the person saw; if the entry has moved since, nothing is done and they are told.
    dari = forms.ChoiceField(choices=Status.choices, required=False)
    next = forms.CharField(required=False, max_length=2000)

    @property
    def to(self) -> str:
        return AKSI_TUNGGAL[self.cleaned_data["aksi"]]


class RekapForm(forms.Form):
    """`?bulan=YYYY-MM`; empty or wrong → this month (and the wrong value is marked)."""

    bulan = BulanField()

    def __init__(self, data, **kwargs):
        super().__init__(with_bulan(data), **kwargs)
        self.is_valid()

    @property
    def tahun_bulan(self) -> tuple[int, int]:
        value = getattr(self, "cleaned_data", {}).get("bulan")
        if value:
            return value
        hari_ini = today()
        return hari_ini.year, hari_ini.month
