"""SKP forms: parse only, offer only choices in the actor's scope (DESIGN.md §5). Every rule is in
`skp.services`."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import PILIH, ServiceForm
from accounts.models import UnitKerja
from activities.forms import BUKTI_ACCEPT, BUKTI_TYPES
from core.dates import BULAN, today
from core.uploads import MAX_BYTES, check_document

from . import rules, selectors
from .choices import PREDIKAT_ORGANISASI, Aspek, BerAKHLAK, JenisPeriode, Jenjang, Pendekatan, Perspektif, Rating
from .models import Rhk, Skp

RATING_CHOICES = [("", _("— pilih —")), *Rating.choices]
NAMA_PERIODE = {JenisPeriode.TRIWULAN: _("Triwulan"), JenisPeriode.BULANAN: _("Bulan")}


def periode_label(jenis: str, ke: int, tahun: int) -> str:
    if jenis == JenisPeriode.BULANAN:
        return f"{BULAN[ke - 1]} {tahun}"
    if jenis == JenisPeriode.TRIWULAN:
        return f"{_('Triwulan')} {'I II III IV'.split()[ke - 1]} {tahun}"
    return f"{_('Tahunan')} {tahun}"


def periode_choices(pemda_id: int, tahun: int) -> list[tuple[str, str]]:
    """The periodic evaluations of the pemda's rhythm for a year, then the annual one."""
    jenis = selectors.periodik_jenis(pemda_id)
    n = 12 if jenis == JenisPeriode.BULANAN else 4
    rows = [(f"{jenis}-{k}", periode_label(jenis, k, tahun)) for k in range(1, n + 1)]
    return [*rows, (f"{JenisPeriode.TAHUNAN}-1", periode_label(JenisPeriode.TAHUNAN, 1, tahun))]


def parse_periode(raw: str | None, pemda_id: int, tahun: int) -> tuple[str, int]:
    """`TRIWULAN-4` from the query string; the current period when missing or unknown."""
    valid = dict(periode_choices(pemda_id, tahun))
    if raw in valid:
        jenis, ke = raw.split("-")
        return jenis, int(ke)
    jenis = selectors.periodik_jenis(pemda_id)
    on = today() if today().year == tahun else rules.periode_range(tahun, "TAHUNAN", 1)[1]
    return jenis, rules.periode_of(jenis, on)


def parse_tahun(raw: str | None) -> int:
    try:
        tahun = int(raw or "")
    except ValueError:
        return today().year
    return tahun if 2000 <= tahun <= today().year + 1 else today().year


class SkpCreateForm(ServiceForm):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    pendekatan = forms.ChoiceField(
        label=_("Pendekatan"),
        choices=Pendekatan.choices,
        initial=Pendekatan.KUANTITATIF,
        widget=forms.RadioSelect,
        help_text=_("Kuantitatif: target berupa angka (misalnya 12 laporan). Kualitatif: target berupa uraian."),
    )
    jenjang = forms.ChoiceField(
        label=_("Jenjang jabatan fungsional"),
        choices=[("", _("— bukan jabatan fungsional —")), *Jenjang.choices],
        required=False,
        help_text=_("Isi hanya bila Anda pejabat fungsional: untuk menghitung angka kredit."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = today().year
        self.fields["tahun"].choices = [(now, str(now)), (now + 1, str(now + 1))]
        self.fields["tahun"].initial = now


class LampiranForm(ServiceForm):
    pendekatan = forms.ChoiceField(label=_("Pendekatan"), choices=Pendekatan.choices, widget=forms.RadioSelect)
    jenjang = SkpCreateForm.base_fields["jenjang"]
    dukungan_sumber_daya = forms.CharField(
        label=_("Dukungan sumber daya"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: anggaran, sarana, pelatihan yang Anda perlukan."),
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Skema pertanggungjawaban"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: laporan bulanan kepada atasan langsung."),
    )
    konsekuensi = forms.CharField(
        label=_("Konsekuensi"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: penghargaan bila target tercapai, pembinaan bila tidak."),
    )


class EkspektasiForm(ServiceForm):
    """Ekspektasi khusus pimpinan: one text per BerAKHLAK aspect."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in BerAKHLAK.choices:
            self.fields[value] = forms.CharField(
                label=label, required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def service_kwargs(self) -> dict[str, Any]:
        return {"ekspektasi": {k: v for k, v in self.cleaned_data.items()}}


def _target_field(label):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "invalid": _("Tulis target dengan angka, misalnya 12."),
            "min_value": _("Target tidak boleh negatif."),
        },
    )


class RhkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Rhk) -> str:
        return obj.uraian


class RhkForm(ServiceForm):
    """An RHK with up to three indicators: quantity (with a number), quality and time."""

    service_field_map = {"indikator": "kuantitas_uraian"}

    induk = RhkChoiceField(
        queryset=Rhk.objects.none(),
        label=_("RHK atasan yang didukung (diintervensi)"),
        required=False,
        empty_label=_("— pilih RHK atasan —"),
        help_text=_("Setiap RHK Anda mendukung salah satu RHK pejabat penilai Anda."),
        error_messages={"invalid_choice": _("Pilih RHK atasan yang ada di daftar.")},
    )
    uraian = forms.CharField(
        label=_("Rencana hasil kerja (RHK)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hasil apa yang Anda janjikan tahun ini? Misalnya: Surat dinas tersusun tepat waktu."),
        error_messages={"required": _("Tulis rencana hasil kerja.")},
    )
    perspektif = forms.ChoiceField(label=_("Perspektif"), choices=[PILIH, *Perspektif.choices], required=False)
    kuantitas_uraian = forms.CharField(
        label=_("Indikator kuantitas"),
        max_length=500,
        required=False,
        help_text=_("Misalnya: Jumlah surat dinas yang tersusun."),
    )
    kuantitas_target = _target_field(_("Target kuantitas"))
    kuantitas_satuan = forms.CharField(
        label=_("Satuan"), max_length=60, required=False, help_text=_("Misalnya: surat.")
    )
    kualitas_uraian = forms.CharField(
        label=_("Indikator kualitas"),
        max_length=500,
        required=False,
        help_text=_("Misalnya: Persentase surat tanpa revisi."),
    )
    kualitas_target = _target_field(_("Target kualitas"))
    kualitas_satuan = forms.CharField(label=_("Satuan kualitas"), max_length=60, required=False, initial="%")
    waktu_uraian = forms.CharField(label=_("Indikator waktu"), max_length=500, required=False)
    waktu_target = _target_field(_("Target waktu"))
    waktu_satuan = forms.CharField(label=_("Satuan waktu"), max_length=60, required=False, initial=_("bulan"))

    def __init__(self, *args, skp: Skp, **kwargs):
        super().__init__(*args, **kwargs)
        self.skp = skp
        if skp.penilai_id is None:
            del self.fields["induk"]
        else:
            self.fields["induk"].queryset = selectors.rhk_induk_choices(skp)
        jenis = skp.jabatan.jenis if skp.jabatan_id else ""
        if jenis != "JPT":
            del self.fields["perspektif"]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        indikator = [
            {
                "aspek": aspek,
                "uraian": d.get(f"{prefix}_uraian") or "",
                "target": d.get(f"{prefix}_target"),
                "satuan": d.get(f"{prefix}_satuan") or "",
            }
            for prefix, aspek in (("kuantitas", Aspek.KUANTITAS), ("kualitas", Aspek.KUALITAS), ("waktu", Aspek.WAKTU))
        ]
        return {
            "uraian": d["uraian"],
            "induk": d.get("induk"),
            "perspektif": d.get("perspektif") or "",
            "indikator": indikator,
        }


def rhk_initial(rhk: Rhk) -> dict[str, Any]:
    initial: dict[str, Any] = {"uraian": rhk.uraian, "induk": rhk.induk_id, "perspektif": rhk.perspektif}
    for i in rhk.indikator.all():
        prefix = {Aspek.KUANTITAS: "kuantitas", Aspek.KUALITAS: "kualitas", Aspek.WAKTU: "waktu"}.get(i.aspek)
        if prefix:
            initial |= {f"{prefix}_uraian": i.uraian, f"{prefix}_target": i.target, f"{prefix}_satuan": i.satuan}
    return initial


class RencanaAksiForm(ServiceForm):
    bulan = forms.TypedChoiceField(label=_("Bulan"), coerce=int)
    uraian = forms.CharField(
        label=_("Rencana aksi"), max_length=500, error_messages={"required": _("Tulis rencana aksinya.")}
    )
    target = forms.CharField(
        label=_("Target bulan itu"), max_length=100, required=False, help_text=_("Misalnya: 3 surat.")
    )

    def __init__(self, *args, skp: Skp, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulan"].choices = [(m, BULAN[m - 1]) for m in range(skp.mulai.month, skp.selesai.month + 1)]


class CatatanForm(forms.Form):
    catatan = forms.CharField(label=_("Catatan untuk pegawai"), max_length=500, required=False)


class KomentarForm(ServiceForm):
    isi = forms.CharField(
        label=_("Tulis pesan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tulis pesan Anda.")},
    )


class DataDukungForm(ServiceForm):
    keterangan = forms.CharField(
        label=_("Keterangan"),
        max_length=250,
        help_text=_("Misalnya: Laporan kegiatan triwulan IV."),
        error_messages={"required": _("Tulis keterangan singkat.")},
    )
    rhk = RhkChoiceField(
        queryset=Rhk.objects.none(), label=_("Untuk RHK"), required=False, empty_label=_("— semua RHK —")
    )
    tautan = forms.URLField(
        label=_("Tautan"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Misalnya alamat folder Google Drive."),
        error_messages={"invalid": _("Tulis alamat tautan yang lengkap, misalnya https://drive.google.com/…")},
    )
    berkas = forms.FileField(
        label=_("Atau berkas"),
        required=False,
        widget=forms.FileInput(attrs={"accept": BUKTI_ACCEPT, "data-max-bytes": str(MAX_BYTES)}),
        help_text=_("PDF, JPG, PNG, DOCX atau XLSX, paling besar 5 MB."),
    )

    def __init__(self, *args, skp: Skp, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk"].queryset = skp.rhk.all()

    def clean_berkas(self):
        f = self.cleaned_data.get("berkas")
        if not f:
            return f
        return check_document(
            f, extensions=BUKTI_TYPES, names=_("PDF, JPG, PNG, DOCX atau XLSX"), too_big_hint=_("Kirim tautan saja.")
        )

    def clean(self):
        data = super().clean()
        if not data.get("tautan") and not data.get("berkas") and not self.errors.get("berkas"):
            self.add_error("tautan", _("Isi tautan atau pilih berkas."))
        return data


class MandiriForm(ServiceForm):
    hasil_kerja_mandiri = forms.ChoiceField(
        label=_("Menurut Anda, hasil kerja Anda pada periode ini"), choices=RATING_CHOICES, required=False
    )
    refleksi = forms.CharField(
        label=_("Catatan Anda"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang sudah tercapai, apa kendalanya. Tidak wajib."),
    )


class NilaiForm(ServiceForm):
    """One person's evaluation of a period: a grid row, or with `skp` the full form (per RHK, per aspect)."""

    service_field_map = {"__all__": "hasil_kerja"}

    @property
    def bimbingan_wajib(self) -> bool:
        """Refused for want of a coaching note (skp.services_penilaian): the page links the form."""
        return self.has_error("hasil_kerja", "bimbingan_wajib")

    hasil_kerja = forms.ChoiceField(
        label=_("Hasil kerja"), choices=RATING_CHOICES, error_messages={"required": _("Pilih penilaian hasil kerja.")}
    )
    perilaku_kerja = forms.ChoiceField(
        label=_("Perilaku kerja"),
        choices=RATING_CHOICES,
        error_messages={"required": _("Pilih penilaian perilaku kerja.")},
    )
    alasan_beda_saran = forms.CharField(label=_("Alasan bila berbeda dari saran"), required=False, max_length=500)
    umpan_balik = forms.CharField(
        label=_("Umpan balik"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rhk: list[Rhk] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rhk = rhk or []
        for r in self.rhk:
            self.fields[f"rhk_{r.pk}"] = forms.ChoiceField(label=r.uraian, choices=RATING_CHOICES, required=False)
            self.fields[f"rhk_{r.pk}_umpan"] = forms.CharField(
                label=_("Umpan balik untuk RHK ini"), required=False, max_length=1000
            )
        if rhk is not None:
            for value, label in BerAKHLAK.choices:
                self.fields[f"perilaku_{value}"] = forms.CharField(
                    label=label, required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
                )

    @property
    def kosong(self) -> bool:
        """A grid row left untouched is skipped, not an error."""
        return self.is_bound and not any((self.data.get(self.add_prefix(n)) or "").strip() for n in self.fields)

    def rhk_rows(self):
        return [(r, self[f"rhk_{r.pk}"], self[f"rhk_{r.pk}_umpan"]) for r in self.rhk]

    def perilaku_rows(self):
        return [self[f"perilaku_{v}"] for v in BerAKHLAK.values if f"perilaku_{v}" in self.fields]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        kwargs: dict[str, Any] = {
            "hasil_kerja": d["hasil_kerja"],
            "perilaku_kerja": d["perilaku_kerja"],
            "alasan_beda_saran": d.get("alasan_beda_saran") or "",
            "umpan_balik": d.get("umpan_balik") or "",
        }
        if self.rhk:
            kwargs["per_rhk"] = {
                r.pk: (d[f"rhk_{r.pk}"], d.get(f"rhk_{r.pk}_umpan") or "") for r in self.rhk if d.get(f"rhk_{r.pk}")
            }
        if any(f.startswith("perilaku_") for f in self.fields if f != "perilaku_kerja"):
            kwargs["umpan_balik_perilaku"] = {v: d.get(f"perilaku_{v}") or "" for v in BerAKHLAK.values}
        return kwargs


class PengaturanForm(ServiceForm):
    periodik = forms.ChoiceField(
        label=_("Evaluasi kinerja periodik"),
        choices=[("BULANAN", _("Bulanan")), ("TRIWULAN", _("Triwulan"))],
        widget=forms.RadioSelect,
    )


class PredikatOrganisasiForm(ServiceForm):
    """The predikat of an OPD for the year shown (the year comes from the page, not the form)."""

    opd = forms.TypedChoiceField(label=_("OPD"), coerce=int)
    predikat = forms.ChoiceField(
        label=_("Predikat organisasi"),
        choices=[PILIH, *PREDIKAT_ORGANISASI],
        help_text=_("Predikat OPD menentukan sebaran predikat pegawai yang wajar."),
    )

    def __init__(self, *args, opds: list[UnitKerja], tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.opds = {o.pk: o for o in opds}
        self.tahun = tahun
        self.fields["opd"].choices = [PILIH, *((o.pk, o.nama) for o in opds)]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"opd": self.opds[d["opd"]], "tahun": self.tahun, "predikat": d["predikat"]}


class BknForm(forms.Form):
    """Which period and OPD the BKN export or push covers (issue 19): the year, a period of the
    pemda's rhythm or the annual one, and one OPD of the pemda (empty: every OPD)."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000)
    periode = forms.ChoiceField(label=_("Periode"))
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=UnitKerja.objects.none(), required=False, empty_label=_("Seluruh OPD")
    )

    def __init__(self, data, *, pemda_id: int, tahun: int, **kwargs):
        super().__init__(data, **kwargs)
        raw = self.data.get("tahun") if data is not None else None
        try:
            tahun = int(raw) if raw else tahun
        except (TypeError, ValueError):
            pass
        self.fields["periode"].choices = periode_choices(pemda_id, tahun)
        self.fields["opd"].queryset = UnitKerja.objects.filter(pemda_id=pemda_id, parent__isnull=True).order_by(
            "nama", "pk"
        )

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if tahun > today().year + 1:
            raise forms.ValidationError(_("Tahun terlalu jauh ke depan."))
        return tahun

    @property
    def periode_jenis_ke(self) -> tuple[str, int]:
        jenis, ke = self.cleaned_data["periode"].split("-")
        return jenis, int(ke)
