"""Forms of the activity and attendance/uang makan rule pages (issue 16): they parse input; the
checks and the write are in tpp.services_aturan."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import ServiceForm, date_field
from activities.models import AturanAktivitas
from attendance.models import AturanPresensi

from .forms import _persen_field, _rupiah_field
from .uang_makan import aturan_uang_makan_dari

AKSI_PRATINJAU = "pratinjau"
GOLONGAN_PNS = ["I", "II", "III", "IV"]
# PPPK golongan I–XVII (Perpres 98/2020): RULES.md gives no mapping to the PNS groups, so they have
# their own rates, kept in the same tables under "PPPK <golongan>" (tpp.uang_makan.golongan_key).
GOLONGAN_PPPK = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                 "XVI", "XVII"]  # fmt: skip


def _catatan_field():
    return forms.CharField(
        label=_("Alasan perubahan"), max_length=500, widget=forms.TextInput(),
        help_text=_("Misalnya nomor dan tanggal Perkada atau surat edaran."),
    )  # fmt: skip


def _berlaku_field():
    return date_field(_("Berlaku mulai"), help_text=_("Biasanya tanggal 1 bulan pertama yang memakai aturan ini."))


# the overdue and anomaly settings of issue 18, copied as they are into a new version's form
KOLOM_KEJANGGALAN = (
    "eskalasi_boleh_bertindak", "kemiripan_teks_persen", "teks_berulang_hari", "teks_rekan_orang", "teks_min_huruf",
    "stempel_min_aktivitas", "stempel_detik_per_aktivitas",
)  # fmt: skip


class AturanAktivitasForm(ServiceForm):
    """A new activity rule version (tpp.services_aturan.aturan_aktivitas_simpan)."""

    model = AturanAktivitas

    berlaku_mulai = _berlaku_field()
    catatan = _catatan_field()
    menit_per_hari = forms.IntegerField(
        label=_("Menit kerja per hari"), min_value=1, max_value=1440,
        help_text=_("Target menit aktivitas per hari kerja; dipakai halaman Hari ini, rekap dan TPP."),
    )  # fmt: skip
    batas_input_hari_kerja = forms.IntegerField(
        label=_("Batas input (hari kerja setelah tanggal aktivitas)"), min_value=0, max_value=60
    )
    batas_tunggu_hari_kerja = forms.IntegerField(
        label=_("Batas antrean atasan (hari kerja)"), min_value=0, max_value=60,
        help_text=_("Aktivitas yang menunggu lebih lama dicatat sebagai tunggakan atasan."),
    )  # fmt: skip
    pengingat_tutup_hari_kerja = forms.IntegerField(
        label=_("Pengingat sebelum bulan ditutup (hari kerja)"), min_value=0, max_value=10,
        help_text=_("Sekian hari kerja sebelum batas akhir pengajuan aktivitas sebulan, pegawai yang masih punya "
                    "draf atau aktivitas dikembalikan mendapat pemberitahuan. Isi 0 bila tidak perlu pengingat."),
    )  # fmt: skip
    verifikasi_final_di_puncak = forms.BooleanField(
        label=_("Verifikasi menjadi final jika tidak ada atasan dari atasan"), required=False
    )
    eskalasi_boleh_bertindak = forms.BooleanField(
        label=_("Atasan dari atasan boleh memproses antrean yang lewat batas"), required=False,
        help_text=_("Aktivitas yang menunggu melewati batas antrean selalu tampil bagi atasan dari atasan. Bila "
                    "dicentang, ia juga boleh memverifikasi atau mengembalikannya menggantikan atasan langsung."),
    )  # fmt: skip
    kemiripan_teks_persen = forms.IntegerField(
        label=_("Uraian dianggap sama bila kemiripannya sekurangnya (%)"), min_value=50, max_value=100,
        help_text=_("Dipakai penanda kejanggalan: 100 berarti persis sama (setelah huruf besar-kecil, angka dan "
                    "tanda baca diabaikan)."),
    )  # fmt: skip
    teks_berulang_hari = forms.IntegerField(
        label=_("Tandai uraian yang sama pada sekian hari dalam sebulan"), min_value=2, max_value=31
    )
    teks_rekan_orang = forms.IntegerField(
        label=_("Tandai uraian yang sama oleh sekian pegawai"), min_value=2, max_value=100
    )
    teks_min_huruf = forms.IntegerField(
        label=_("Uraian lebih pendek dari sekian huruf tidak dibandingkan"), min_value=0, max_value=200,
        help_text=_("Uraian singkat seperti \"Apel pagi\" wajar sama setiap hari."),
    )  # fmt: skip
    stempel_min_aktivitas = forms.IntegerField(
        label=_("Persetujuan kilat: sekurangnya sekian aktivitas sekaligus"), min_value=2, max_value=1000
    )
    stempel_detik_per_aktivitas = forms.IntegerField(
        label=_("Persetujuan kilat: kurang dari sekian detik per aktivitas"), min_value=1, max_value=600,
        help_text=_("Hanya tampil bagi BKPSDM sebagai angka bulanan per atasan, tidak pernah menahan persetujuan."),
    )  # fmt: skip

    @staticmethod
    def initial_from(row: AturanAktivitas) -> dict:
        return {
            "menit_per_hari": row.menit_per_hari,
            "batas_input_hari_kerja": row.batas_input_hari_kerja,
            "batas_tunggu_hari_kerja": row.batas_tunggu_hari_kerja,
            "pengingat_tutup_hari_kerja": row.pengingat_tutup_hari_kerja,
            "verifikasi_final_di_puncak": row.verifikasi_final_di_puncak,
            **{name: getattr(row, name) for name in KOLOM_KEJANGGALAN},
        }


class AturanPresensiForm(ServiceForm):
    """A new attendance and uang makan rule version (tpp.services_aturan.aturan_presensi_simpan)."""

    model = AturanPresensi

    berlaku_mulai = _berlaku_field()
    catatan = _catatan_field()
    batas_tl1 = forms.IntegerField(label=_("Tingkat 1 sampai (menit)"), min_value=1, max_value=600)
    batas_tl2 = forms.IntegerField(label=_("Tingkat 2 sampai (menit)"), min_value=1, max_value=600)
    batas_tl3 = forms.IntegerField(
        label=_("Tingkat 3 sampai (menit)"), min_value=1, max_value=600,
        help_text=_("Lebih dari ini, atau tanpa absen masuk/pulang, adalah tingkat 4."),
    )  # fmt: skip
    uang_makan_maks_hari = forms.IntegerField(
        label=_("Uang makan paling banyak (hari sebulan)"), min_value=0, max_value=31
    )
    cuti_dua_tingkat = forms.BooleanField(
        label=_("Cuti perlu persetujuan tingkat kedua (atasan dari atasan)"), required=False
    )
    blokir_aktivitas = forms.BooleanField(
        label=_("Aktivitas tidak dapat diisi pada hari tanpa keterangan atau cuti yang sudah final"), required=False
    )
    absen_api_maks_hari_lalu = forms.IntegerField(
        label=_("Absen lewat API paling lama (hari ke belakang)"), min_value=0, max_value=366
    )
    absen_api_maks_hari_depan = forms.IntegerField(
        label=_("Absen lewat API paling jauh (hari ke depan)"), min_value=0, max_value=7
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for g in GOLONGAN_PNS:
            self.fields[f"tarif_{g}"] = _rupiah_field(_("Golongan %(g)s") % {"g": g}, required=True)
            self.fields[f"pph_{g}"] = _persen_field(_("PPh golongan %(g)s (%%)") % {"g": g})
        for i, g in enumerate(GOLONGAN_PPPK, start=1):
            self.fields[f"tarif_pppk_{i}"] = _rupiah_field(_("PPPK golongan %(g)s") % {"g": g})
            self.fields[f"pph_pppk_{i}"] = _persen_field(_("PPh PPPK golongan %(g)s (%%)") % {"g": g}, required=False)
        for name, field in self.fields.items():
            if name.startswith(("tarif_", "pph_")):
                field.widget.attrs.update({"class": "form-control", "inputmode": "decimal"})

    def tarif_fields(self):
        return [(self[f"tarif_{g}"], self[f"pph_{g}"]) for g in GOLONGAN_PNS]

    def pppk_fields(self):
        return [(self[f"tarif_pppk_{i}"], self[f"pph_pppk_{i}"]) for i in range(1, len(GOLONGAN_PPPK) + 1)]

    def pppk_terbuka(self) -> bool:
        """The PPPK rate rows start folded (17 rows on a phone) unless one holds a value or an error."""
        return any(f.value() not in (None, "") or f.errors for pair in self.pppk_fields() for f in pair)

    @staticmethod
    def initial_from(row: AturanPresensi) -> dict:
        um = aturan_uang_makan_dari(row if row.pk else None)
        data = {
            name: getattr(row, name)
            for name in ("batas_tl1", "batas_tl2", "batas_tl3", "cuti_dua_tingkat", "blokir_aktivitas",
                         "absen_api_maks_hari_lalu", "absen_api_maks_hari_depan")
        }  # fmt: skip
        data["uang_makan_maks_hari"] = um.maks_hari
        for g in GOLONGAN_PNS:
            data |= {f"tarif_{g}": um.tarif.get(g), f"pph_{g}": Decimal(str(um.pph.get(g, 0))).normalize()}
        for i, g in enumerate(GOLONGAN_PPPK, start=1):
            if f"PPPK {g}" in um.tarif:
                data[f"tarif_pppk_{i}"] = um.tarif[f"PPPK {g}"]
            if f"PPPK {g}" in um.pph:
                data[f"pph_pppk_{i}"] = Decimal(str(um.pph[f"PPPK {g}"])).normalize()
        return data

    def clean(self):
        data = super().clean()
        for i, g in enumerate(GOLONGAN_PPPK, start=1):
            if data.get(f"tarif_pppk_{i}") is not None and data.get(f"pph_pppk_{i}") is None:
                self.add_error(f"pph_pppk_{i}", _("Isi tarif PPh untuk PPPK golongan %(g)s (boleh 0).") % {"g": g})
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        tarif = {g: d[f"tarif_{g}"] for g in GOLONGAN_PNS}
        pph = {g: str(d[f"pph_{g}"]) for g in GOLONGAN_PNS}
        for i, g in enumerate(GOLONGAN_PPPK, start=1):
            if d.get(f"tarif_pppk_{i}") is not None:
                tarif[f"PPPK {g}"] = d[f"tarif_pppk_{i}"]
                pph[f"PPPK {g}"] = str(d[f"pph_pppk_{i}"])
        kw = {
            name: d[name]
            for name in ("berlaku_mulai", "catatan", "batas_tl1", "batas_tl2", "batas_tl3", "uang_makan_maks_hari",
                         "cuti_dua_tingkat", "blokir_aktivitas", "absen_api_maks_hari_lalu",
                         "absen_api_maks_hari_depan")
        }  # fmt: skip
        return kw | {"uang_makan_tarif": tarif, "uang_makan_pph": pph}
