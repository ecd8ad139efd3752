"""Forms of the day pages: they parse input; every write is in `attendance.services.hari`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import PILIH, ScopedModelChoiceField, ServiceForm, date_field
from accounts.models import Pegawai
from accounts.selectors import pegawai_visible_to
from core.dates import today

from .choices import JenisKejadian, StatusHari
from .selectors import jenis_kejadian_dikenal


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
    """A discipline event: only the events the pay rules in force (the actor's pemda and OPD, today)
    know are offered; the service checks the chosen pegawai and date again."""

    pegawai = ScopedModelChoiceField(queryset=Pegawai.objects.none(), label=_("Pegawai"), empty_label=PILIH[1])
    tanggal = date_field(_("Tanggal"))
    jenis = forms.ChoiceField(label=_("Kejadian"), choices=[PILIH, *JenisKejadian.choices])
    catatan = forms.CharField(label=_("Catatan"), max_length=250, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scoped("pegawai", pegawai_visible_to(self.user))
        if self.user.pemda_id is not None:  # a superadmin without a pemda: the service checks per pegawai
            dikenal = jenis_kejadian_dikenal(pemda_id=self.user.pemda_id, tanggal=today(), opd_id=self.user.opd_id)
            self.fields["jenis"].choices = [PILIH, *[(j, JenisKejadian(j).label) for j in dikenal]]
