"""Performance coaching and its follow-up (PermenPANRB 6/2022 annex; issue 19)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import DateInput, ServiceForm


class BimbinganForm(ServiceForm):
    """A coaching session (PermenPANRB 6/2022 annex, umpan balik pelaksanaan bimbingan kinerja)."""

    tanggal = forms.DateField(label=_("Tanggal bimbingan"), widget=DateInput())
    aspek = forms.CharField(
        label=_("Aspek/topik bimbingan"),
        max_length=250,
        help_text=_("Misalnya: ketepatan waktu laporan, atau salah satu perilaku BerAKHLAK."),
        error_messages={"required": _("Tulis aspek atau topik bimbingan.")},
    )
    temuan = forms.CharField(
        label=_("Hasil pengamatan dan umpan balik"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis apa yang ditemukan dan umpan balik Anda.")},
    )
    tindak_lanjut = forms.CharField(
        label=_("Tindak lanjut yang disepakati"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis tindak lanjut yang disepakati.")},
    )
    tenggat = forms.DateField(label=_("Batas waktu tindak lanjut"), required=False, widget=DateInput())


class HasilTindakLanjutForm(ServiceForm):
    """The result of a coaching follow-up (PermenPANRB 6/2022 annex, evaluasi kompetensi / tindak lanjut)."""

    hasil_tindak_lanjut = forms.CharField(
        label=_("Hasil tindak lanjut"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis hasil tindak lanjutnya.")},
    )
