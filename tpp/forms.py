"""Forms of the TPP and uang makan pages: they parse input and offer only choices in the actor's scope;
every write is in tpp.services."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.choices import KedudukanHukum
from accounts.filters import ListFilter, ScopedChoiceField, cari_pegawai
from accounts.forms_org import PILIH, ServiceForm, date_field
from accounts.models import Jabatan, UnitKerja, User
from accounts.selectors import pegawai_visible_to, unit_visible_to
from attendance.choices import JenisPermohonan
from attendance.models import KegiatanWajib
from core.dates import today
from core.forms import BulanField, with_bulan

from . import rules
from .calculation import nilai_aturan
from .choices import JenisHukdis, MetodePph
from .models import AturanTpp
from .rincian import NAMA_KEJADIAN, NAMA_PREDIKAT


class UangMakanForm(forms.Form):
    """`bulan=YYYY-MM&opd=<id>`; an admin OPD always gets their own OPD, others choose one."""

    bulan = BulanField()
    opd = ScopedChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Perangkat daerah (OPD)"),
        empty_label=_("— pilih OPD —"),
    )

    def __init__(self, data, *, user: User, pemda=None):
        super().__init__(with_bulan(data))
        self.user = user
        self.multi_opd = not user.is_admin_opd
        opds = unit_visible_to(user).filter(parent__isnull=True)
        if pemda is not None:  # the pemda the page acts on (a superadmin's choice, accounts.pemda_pilih)
            opds = opds.filter(pemda=pemda)
        self.fields["opd"].queryset = opds.order_by("nama", "pk")
        if not self.multi_opd:
            del self.fields["opd"]
        self.is_valid()

    @property
    def tahun_bulan(self) -> tuple[int, int]:
        value = self.cleaned_data.get("bulan")
        if value:
            return value
        hari_ini = today()
        return hari_ini.year, hari_ini.month

    def opd_terpilih(self) -> UnitKerja | None:
        """The OPD to show; an OPD outside the actor's scope is a 404, as if it did not exist."""
        if not self.multi_opd:
            if self.data.get("opd") not in (None, "", str(self.user.opd_id)):
                raise Http404
            return self.user.opd
        if "opd" in self.errors:
            raise Http404
        return self.cleaned_data.get("opd")


# --- TPP rule sets, sentences, the month (issue 6) -------------------------------------------------

AKSI_BASIC = "basic_2023"
TAHUN_BASIC = 2023
KELAS = range(1, 18)
KEJADIAN = [k for k in rules.POTONGAN_DISIPLIN if k in rules.KODE_PRESENSI]  # the bands and TANPA_KETERANGAN
GOLONGAN_PPH = ["I", "II", "III", "IV"]
JENIS_CUTI = [(j.value, j.label) for j in JenisPermohonan if j.value.startswith("CUTI") or j.value == "CLTN"]


def _persen_field(label, *, required=True, help_text="") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_value=100, max_digits=6, decimal_places=3,
        help_text=help_text, localize=True,
    )  # fmt: skip


def _rupiah_field(label, *, required=False) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=0, max_value=10**12)


def _pct(value) -> Decimal:
    return (Decimal(str(value)) * 100).normalize()


class JabatanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} — {obj.opd.nama if obj.opd_id else '—'} (kelas {obj.kelas or '—'})"


class AturanForm(ServiceForm):
    """A new rule-set version (tpp.services.aturan_tpp_simpan); percentages are typed as percent."""

    berlaku_mulai = date_field(
        _("Berlaku mulai"), help_text=_("Biasanya tanggal 1 bulan pertama yang memakai aturan ini.")
    )
    opd = forms.ModelChoiceField(
        queryset=UnitKerja.objects.none(), required=False, label=_("Khusus OPD"),
        empty_label=_("Seluruh pemda"), help_text=_("Kosongkan jika berlaku untuk seluruh pemda."),
    )  # fmt: skip
    catatan = forms.CharField(
        label=_("Alasan perubahan"), max_length=500,
        help_text=_("Misalnya nomor dan tanggal Perkada TPP."), widget=forms.TextInput(),
    )  # fmt: skip
    bobot_kinerja = _persen_field(_("Bobot kinerja (%)"))
    bobot_disiplin = _persen_field(_("Bobot disiplin (%)"), help_text=_("Bobot kinerja + disiplin paling banyak 100%."))
    menit_tanpa_keterangan = forms.IntegerField(
        label=_("Menit pengurang per hari tanpa keterangan"), min_value=0, max_value=1440
    )
    pengurang_menit_terlambat = forms.BooleanField(
        label=_("Menit terlambat dan pulang cepat mengurangi batas capaian"), required=False
    )
    kinerja_dari_predikat = forms.BooleanField(
        label=_("Bagian kinerja dibayar menurut predikat SKP bulanan (bukan menit aktivitas)"), required=False
    )
    cuti_tanpa_tpp = forms.MultipleChoiceField(
        label=_("Jenis cuti yang tidak mendapat TPP"), choices=JENIS_CUTI, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    kedudukan_dibayar = forms.MultipleChoiceField(
        label=_("Kedudukan hukum yang dibayar TPP"), choices=KedudukanHukum.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    bpjs_persen_pegawai = _persen_field(_("Iuran BPJS pegawai (%)"))
    bpjs_persen_pemda = _persen_field(_("Iuran BPJS pemda (%)"))
    bpjs_batas = _rupiah_field(_("Batas dasar iuran BPJS (Rp)"), required=True)
    pph_metode = forms.ChoiceField(label=_("Cara potong PPh 21"), choices=MetodePph.choices)
    kaskade_persen = _persen_field(_("Potongan kinerja atasan per aktivitas terlambat diperiksa (%)"))
    kaskade_maks = _persen_field(_("Potongan kaskade paling banyak (%)"))
    hari_rekap = forms.IntegerField(
        label=_("Tanggal rekap otomatis setiap bulan"), min_value=1, max_value=28,
        help_text=_("Rekap bulan lalu dibuat otomatis pada tanggal ini."),
    )  # fmt: skip

    def __init__(self, *args, pemda_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = UnitKerja.objects.filter(pemda_id=pemda_id, parent__isnull=True).order_by("nama")
        for k in KELAS:
            self.fields[f"kelas_{k}"] = _rupiah_field(_("Kelas %(k)s") % {"k": k})
        for kode in KEJADIAN:
            nama = NAMA_KEJADIAN.get(kode, kode)
            self.fields[f"potongan_{kode}"] = _persen_field(nama[:1].upper() + nama[1:])
        # one field per gathering of the pemda, those added later too (issue 16); blank on an inactive
        # one: no entry, it cuts 0
        self.kode_potongan = list(KEJADIAN)
        for k in KegiatanWajib.objects.filter(pemda_id=pemda_id):
            label = k.label_kejadian if k.aktif else _("%(n)s (nonaktif)") % {"n": k.label_kejadian}
            self.fields[f"potongan_{k.kode}"] = _persen_field(label, required=k.aktif)
            self.kode_potongan.append(k.kode)
        for jenis in JenisPermohonan:
            self.fields[f"menit_{jenis.value}"] = forms.IntegerField(
                label=jenis.label, min_value=-1440, max_value=1440, required=False
            )
        for gol in GOLONGAN_PPH:
            self.fields[f"pph_{gol}"] = _persen_field(_("Golongan %(g)s (%%)") % {"g": gol}, required=False)
        for kode, nama in NAMA_PREDIKAT.items():
            self.fields[f"predikat_{kode}"] = _persen_field(nama, required=False)
        jabatan = (
            Jabatan.objects.filter(pemda_id=pemda_id, aktif=True)
            .select_related("opd")
            .order_by("opd__nama", "-kelas", "nama")
        )
        for i in range(self.jumlah_khusus()):
            self.fields[f"jabatan_{i}"] = JabatanChoiceField(
                queryset=jabatan, required=False, label=_("Jabatan"), empty_label=_("— pilih jabatan —")
            )
            self.fields[f"besaran_jabatan_{i}"] = _rupiah_field(_("Besaran (Rp)"))

        for name in self.fields:
            if (name.split("_", 1)[0] in ("kelas", "potongan", "pph", "predikat") and name != "pph_metode") or (
                name.startswith("menit_") and name[6:] in JenisPermohonan.values
            ):
                self.fields[name].widget.attrs.update({"class": "form-control", "inputmode": "decimal"})

    def jumlah_khusus(self) -> int:
        """Rows for per-jabatan amounts: the ones saved or typed, and two empty ones."""
        source = self.data if self.is_bound else self.initial
        used = [int(k.rsplit("_", 1)[1]) for k in source if k.startswith("jabatan_") and k.rsplit("_", 1)[1].isdigit()]
        return min(max(used, default=-1) + 3, 200)

    # groups for the template
    def kelas_fields(self):
        return [self[f"kelas_{k}"] for k in KELAS]

    def potongan_fields(self):
        return [self[f"potongan_{k}"] for k in self.kode_potongan]

    def menit_fields(self):
        return [self[f"menit_{j.value}"] for j in JenisPermohonan]

    def pph_fields(self):
        return [self[f"pph_{g}"] for g in GOLONGAN_PPH]

    def predikat_fields(self):
        return [self[f"predikat_{k}"] for k in NAMA_PREDIKAT]

    def khusus_rows(self):
        return [(self[f"jabatan_{i}"], self[f"besaran_jabatan_{i}"]) for i in range(self.jumlah_khusus())]

    @staticmethod
    def initial_from(row: AturanTpp, *, menit_default: int = 300) -> dict:
        """The form's values from a stored version (empty JSON shown as the national defaults)."""
        a = nilai_aturan(row, menit_default=menit_default)
        data = {
            "opd": row.opd_id,
            "bobot_kinerja": _pct(a.bobot_kinerja),
            "bobot_disiplin": _pct(a.bobot_disiplin),
            "menit_tanpa_keterangan": a.menit_tanpa_keterangan,
            "pengurang_menit_terlambat": a.pengurang_menit_terlambat,
            "kinerja_dari_predikat": getattr(a, "kinerja_dari_predikat", False),
            "cuti_tanpa_tpp": sorted(a.cuti_tanpa_tpp),
            "kedudukan_dibayar": sorted(a.kedudukan_dibayar),
            "bpjs_persen_pegawai": Decimal(a.bpjs_persen_pegawai).normalize(),
            "bpjs_persen_pemda": Decimal(a.bpjs_persen_pemda).normalize(),
            "bpjs_batas": a.bpjs_batas,
            "pph_metode": a.pph_metode,
            "kaskade_persen": Decimal(a.kaskade_persen).normalize(),
            "kaskade_maks": Decimal(a.kaskade_maks).normalize(),
            "hari_rekap": row.hari_rekap,
        }
        data |= {f"kelas_{k}": v for k, v in a.besaran_kelas.items()}
        data |= {f"potongan_{k}": Decimal(str(v)).normalize() for k, v in a.tabel_potongan.items()}
        data |= {f"menit_{k}": v for k, v in a.menit_permohonan.items()}
        data |= {f"pph_{k}": Decimal(str(v)).normalize() for k, v in a.pph_tarif.items() if k in GOLONGAN_PPH}
        data |= {f"predikat_{k}": Decimal(str(v)).normalize() for k, v in getattr(a, "persen_predikat", {}).items()}
        for i, (jabatan_id, besaran) in enumerate(a.besaran_jabatan.items()):
            data |= {f"jabatan_{i}": jabatan_id, f"besaran_jabatan_{i}": besaran}
        return data

    @classmethod
    def initial_from_data(cls, data) -> dict:
        """What was typed (a POST), as initial values: the form is shown again without error marks."""
        multi = {"cuti_tanpa_tpp", "kedudukan_dibayar"}
        return {k: (data.getlist(k) if k in multi else data.get(k)) for k in data if k != "csrfmiddlewaretoken"}

    @staticmethod
    def isi_basic(initial: dict) -> tuple[dict, list[int]]:
        """Amounts per kelas from the Kepmendagri 900-4700 basic table (TA 2023); kelas absent there
        are left as typed. Returns the new values and the kelas filled."""
        diisi = []
        for k in KELAS:
            try:
                initial[f"kelas_{k}"] = rules.basic_tpp(k, TAHUN_BASIC)
            except LookupError:
                continue
            diisi.append(k)
        return initial, diisi

    def clean(self):
        data = super().clean()
        for i in range(self.jumlah_khusus()):
            jabatan, besaran = data.get(f"jabatan_{i}"), data.get(f"besaran_jabatan_{i}")
            if jabatan is not None and besaran is None:
                self.add_error(f"besaran_jabatan_{i}", _("Isi besaran untuk jabatan yang dipilih."))
            if jabatan is None and besaran is not None:
                self.add_error(f"jabatan_{i}", _("Pilih jabatan untuk besaran ini."))
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        per100 = Decimal(100)
        return {
            "berlaku_mulai": d["berlaku_mulai"],
            "catatan": d["catatan"],
            "opd": d.get("opd"),
            "besaran_kelas": {str(k): d[f"kelas_{k}"] for k in KELAS if d.get(f"kelas_{k}") is not None},
            "besaran_jabatan": {
                str(d[f"jabatan_{i}"].pk): d[f"besaran_jabatan_{i}"]
                for i in range(self.jumlah_khusus())
                if d.get(f"jabatan_{i}") is not None and d.get(f"besaran_jabatan_{i}") is not None
            },
            "bobot_kinerja": d["bobot_kinerja"] / per100,
            "bobot_disiplin": d["bobot_disiplin"] / per100,
            "menit_tanpa_keterangan": d["menit_tanpa_keterangan"],
            "pengurang_menit_terlambat": d["pengurang_menit_terlambat"],
            "kinerja_dari_predikat": d["kinerja_dari_predikat"],
            "persen_predikat": {
                k: str(d[f"predikat_{k}"]) for k in NAMA_PREDIKAT if d.get(f"predikat_{k}") is not None
            },
            "tabel_potongan": {
                k: str(d[f"potongan_{k}"]) for k in self.kode_potongan if d.get(f"potongan_{k}") is not None
            },
            "menit_permohonan": {
                j.value: d[f"menit_{j.value}"] for j in JenisPermohonan if d.get(f"menit_{j.value}") is not None
            },
            "cuti_tanpa_tpp": list(d["cuti_tanpa_tpp"]),
            "kedudukan_dibayar": list(d["kedudukan_dibayar"]),
            "bpjs_persen_pegawai": d["bpjs_persen_pegawai"],
            "bpjs_persen_pemda": d["bpjs_persen_pemda"],
            "bpjs_batas": d["bpjs_batas"],
            "pph_metode": d["pph_metode"],
            "pph_tarif": {g: str(d[f"pph_{g}"]) for g in GOLONGAN_PPH if d.get(f"pph_{g}") is not None},
            "kaskade_persen": d["kaskade_persen"],
            "kaskade_maks": d["kaskade_maks"],
            "hari_rekap": d["hari_rekap"],
        }


class HukdisForm(ServiceForm):
    """A disciplinary sentence typed from its SK (tpp.services.hukdis_simpan); the pegawai by NIP."""

    nip = forms.CharField(label=_("NIP pegawai"), max_length=30, help_text=_("18 angka, spasi boleh."))
    jenis = forms.ChoiceField(label=_("Jenis hukuman"), choices=[PILIH, *JenisHukdis.choices])
    persen = _persen_field(_("Potongan TPP (%)"), help_text=_("Misalnya 25 untuk pemotongan tunjangan 25%."))
    mulai = date_field(_("Berlaku mulai"))
    selesai = date_field(_("Berlaku sampai"))
    nomor_sk = forms.CharField(label=_("Nomor SK"), max_length=100)
    catatan = forms.CharField(label=_("Catatan"), max_length=500, required=False)

    def clean_nip(self):
        digits = "".join(self.cleaned_data["nip"].split())
        pegawai = pegawai_visible_to(self.user).filter(nip=digits).first() if digits.isdigit() else None
        if pegawai is None:
            raise ValidationError(_("Pegawai dengan NIP ini tidak ditemukan di pemda Anda."), code="nip")
        return pegawai

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        d["pegawai"] = d.pop("nip")
        return d


class BukaForm(ServiceForm):
    """The reason to reopen a closed month (tpp.services.tpp_periode_buka)."""

    alasan = forms.CharField(
        label=_("Alasan membuka kembali"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: ada aktivitas yang terlambat divalidasi karena gangguan jaringan."),
    )  # fmt: skip


class RekapTppForm(forms.Form):
    """Which recap to start from the month page: monthly or quarterly, whole pemda or one OPD."""

    jenis = forms.ChoiceField(choices=[("bulanan", _("Bulanan")), ("triwulan", _("Triwulan"))])
    opd = forms.ModelChoiceField(queryset=UnitKerja.objects.none(), required=False)

    def __init__(self, data, *, opds):
        super().__init__(data)
        self.fields["opd"].queryset = opds


GALAT = "galat"  # BarisFilter: only the rows that could not be computed


class BarisFilter(ListFilter):
    """The rows of a month: search by name or NIP, an OPD (for those who see several)."""

    hasil = forms.ChoiceField(
        label=_("Hasil perhitungan"),
        choices=[("", _("Semua")), (GALAT, _("Belum dapat dihitung"))],
        required=False,
    )
    search_help = _("Nama atau NIP pegawai.")

    def filter(self, qs):
        if q := self.value("q"):
            qs = qs.filter(cari_pegawai(q))
        if opd := self.value("opd"):
            qs = qs.filter(opd=opd)
        if self.value("hasil") == GALAT:
            qs = qs.exclude(galat="")
        return qs.order_by("opd__nama", "-kelas", "pegawai__nama", "pk")
