"""Forms of the day pages: they parse input; every write is in `attendance.services.hari`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import PILIH, ScopedModelChoiceField, ServiceForm, date_field
from accounts.models import Pegawai
from accounts.selectors import pegawai_visible_to

from .choices import StatusHari
from .models import KegiatanWajib
from .selectors_kegiatan import kegiatan_pemda


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class KoreksiForm(ServiceForm):
    status = forms.ChoiceField(label=_("Status hari ini"), choices=[PILIH, *StatusHari.choices])
    jam_masuk = forms.TimeField(label=_("Jam masuk"), required=False, widget=TimeInput())
    jam_pulang = forms.TimeField(label=_("Jam pulang"), required=False, widget=TimeInput())
    alasan = forms.CharField(
        label=_("Alasan koreksi"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: mesin absen rusak, ada surat keterangan dari kepala subbagian."),
    )


class KejadianForm(ServiceForm):
    """A discipline event: the active gatherings of the actor's pemda are offered (issue 16); the
    service checks the chosen pegawai, date and event again."""

    pegawai = ScopedModelChoiceField(queryset=Pegawai.objects.none(), label=_("Pegawai"), empty_label=PILIH[1])
    tanggal = date_field(_("Tanggal"))
    jenis = forms.ChoiceField(label=_("Kejadian"), choices=[PILIH])
    catatan = forms.CharField(label=_("Catatan"), max_length=250, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scoped("pegawai", pegawai_visible_to(self.user))
        if self.user.pemda_id is not None:
            aktif = kegiatan_pemda(self.user.pemda_id, aktif=True)
        else:  # a superadmin without a pemda: every pemda's codes; the service checks per pegawai
            aktif = KegiatanWajib.objects.filter(aktif=True).order_by("urutan", "kode")
        pilihan = {k.kode: k.label_kejadian for k in reversed(list(aktif))}
        self.fields["jenis"].choices = [PILIH, *reversed(list(pilihan.items()))]
