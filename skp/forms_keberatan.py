"""The objection to a rating and its decision (PP 30/2019 Pasal 59; issue 19)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import ServiceForm

from .forms import RATING_CHOICES


class KeberatanForm(ServiceForm):
    """The pegawai's objection to a rating (PP 30/2019 Pasal 59)."""

    service_field_map = {"catatan": "alasan"}

    alasan = forms.CharField(
        label=_("Alasan keberatan"),
        max_length=2000,
        required=False,  # the service says what is missing (the workflow's note rule)
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tulis mengapa Anda tidak sependapat dengan penilaian ini, dengan buktinya bila ada."),
    )


class PutusanKeberatanForm(ServiceForm):
    """The decision of the atasan of the pejabat penilai: keep or change the rating, with a reason."""

    service_field_map = {"catatan": "alasan"}

    putusan = forms.ChoiceField(
        label=_("Keputusan"),
        widget=forms.RadioSelect,
        choices=[("pertahankan", _("Pertahankan penilaian")), ("ubah", _("Ubah penilaian"))],
        error_messages={"required": _("Pilih: pertahankan atau ubah penilaian.")},
    )
    hasil_kerja = forms.ChoiceField(label=_("Hasil kerja (bila diubah)"), choices=RATING_CHOICES, required=False)
    perilaku_kerja = forms.ChoiceField(label=_("Perilaku kerja (bila diubah)"), choices=RATING_CHOICES, required=False)
    alasan = forms.CharField(
        label=_("Alasan keputusan"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
