"""TPP rule sets, monthly periods and the per-employee rows that explain every rupiah (issue 6)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TransitionLog

from .choices import JenisHukdis, MetodePph, PeranTpp, StatusPeriode


class AturanTpp(models.Model):
    """The TPP numbers of a pemda (or one OPD) in force from a date (Perkada TPP; RULES.md §1, §7).

    A row is never edited: a change saves a new version, so every calculated row names the exact
    numbers it used and the list of rows is the history. Empty JSON fields mean the national defaults
    of `tpp.rules` (RULES.md §7).
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        "accounts.UnitKerja",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("khusus OPD"),
        help_text=_("Kosong = berlaku untuk seluruh pemda."),
    )
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    # {"<kelas>": rupiah} and {"<jabatan id>": rupiah}: the paid amount, below the Kepmendagri ceiling
    besaran_kelas = models.JSONField(_("besaran per kelas jabatan"), default=dict, blank=True)
    besaran_jabatan = models.JSONField(_("besaran khusus per jabatan"), default=dict, blank=True)
    bobot_kinerja = models.DecimalField(
        _("bobot kinerja"), max_digits=5, decimal_places=4, default=Decimal("0.6"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )  # fmt: skip
    bobot_disiplin = models.DecimalField(
        _("bobot disiplin"), max_digits=5, decimal_places=4, default=Decimal("0.4"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )  # fmt: skip
    # {"TL1": "0.5", …}: percent of the discipline part per event
    tabel_potongan = models.JSONField(_("potongan disiplin per kejadian (%)"), default=dict, blank=True)
    menit_tanpa_keterangan = models.PositiveSmallIntegerField(
        _("menit pengurang per hari tanpa keterangan"), default=300
    )
    pengurang_menit_terlambat = models.BooleanField(
        _("menit terlambat dan pulang cepat mengurangi batas capaian"), default=True
    )
    # {"CUTI_TAHUNAN": 300, "IZIN": -300, …}: minutes per working day of an approved request;
    # positive credits the activity total, negative lowers the cap (RULES.md §1.5 CLC, §1.7)
    menit_permohonan = models.JSONField(_("menit per hari permohonan"), default=dict, blank=True)
    cuti_tanpa_tpp = models.JSONField(_("jenis cuti tanpa TPP"), default=list, blank=True)
    kedudukan_dibayar = models.JSONField(_("kedudukan hukum yang dibayar"), default=list, blank=True)
    bpjs_persen_pegawai = models.DecimalField(
        _("iuran BPJS pegawai (%)"), max_digits=5, decimal_places=2, default=Decimal(1)
    )
    bpjs_persen_pemda = models.DecimalField(
        _("iuran BPJS pemda (%)"), max_digits=5, decimal_places=2, default=Decimal(4)
    )
    bpjs_batas = models.PositiveBigIntegerField(_("batas dasar iuran BPJS (Rp)"), default=12_000_000)
    pph_metode = models.CharField(
        _("cara potong PPh 21"), max_length=20, choices=MetodePph.choices, default=MetodePph.TIDAK_ADA
    )
    pph_tarif = models.JSONField(_("tarif PPh per golongan (%)"), default=dict, blank=True)
    kaskade_persen = models.DecimalField(
        _("potongan bagian kinerja atasan per aktivitas terlambat diperiksa (%)"),
        max_digits=5, decimal_places=2, default=Decimal(1),
    )  # fmt: skip
    kaskade_maks = models.DecimalField(
        _("potongan kaskade paling banyak (%)"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    # Some provinces pay the kinerja part by the monthly SKP predikat instead of activity minutes
    # (Prov. NTT 2024, RULES.md §1.4); {"BAIK": "100", …}: percent of the kinerja part per predikat.
    kinerja_dari_predikat = models.BooleanField(_("bagian kinerja dibayar menurut predikat SKP bulanan"), default=False)
    persen_predikat = models.JSONField(_("persen bagian kinerja per predikat"), default=dict, blank=True)
    hari_rekap = models.PositiveSmallIntegerField(
        _("tanggal rekap otomatis setiap bulan"), default=5, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    catatan = models.CharField(_("alasan perubahan"), max_length=500)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aturan TPP")
        verbose_name_plural = _("aturan TPP")
        ordering = ["-berlaku_mulai", "-pk"]
        indexes = [models.Index(fields=["pemda", "opd", "berlaku_mulai"])]

    def __str__(self):
        return f"Aturan TPP #{self.pk} sejak {self.berlaku_mulai:%d-%m-%Y}"


class HukumanDisiplin(models.Model):
    """A disciplinary sentence that cuts the TPP of the months it covers (PP 94/2021 Pasal 8, 9)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="hukuman_disiplin")
    jenis = models.CharField(_("jenis hukuman"), max_length=30, choices=JenisHukdis.choices)
    persen = models.DecimalField(
        _("potongan TPP (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    mulai = models.DateField(_("berlaku mulai"))
    selesai = models.DateField(_("berlaku sampai"))
    nomor_sk = models.CharField(_("nomor SK"), max_length=100)
    catatan = models.CharField(_("catatan"), max_length=500, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hukuman disiplin")
        verbose_name_plural = _("hukuman disiplin")
        ordering = ["-mulai"]
        indexes = [models.Index(fields=["pemda", "mulai", "selesai"])]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.pegawai_id}"


class PeriodeTpp(models.Model):
    """A pemda's TPP month: OPEN → CALCULATED → CLOSED (rows frozen, month locked) → REOPENED."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    bulan = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)])
    status = models.CharField(max_length=12, choices=StatusPeriode.choices, default=StatusPeriode.OPEN)
    dihitung = models.DateTimeField(null=True, blank=True)
    ditutup = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("periode TPP")
        verbose_name_plural = _("periode TPP")
        ordering = ["-tahun", "-bulan"]
        constraints = [models.UniqueConstraint(fields=["pemda", "tahun", "bulan"], name="periodetpp_unique")]

    def __str__(self):
        return f"{self.bulan:02d}/{self.tahun}"


class PeriodeTppLog(TransitionLog):
    """Who moved a TPP month, in which role, and why (a reopening always carries its reason)."""

    periode = models.ForeignKey(PeriodeTpp, models.CASCADE, related_name="log")
    induk = "periode"
    dari = models.CharField(max_length=12)
    ke = models.CharField(max_length=12)
    peran = models.CharField(max_length=10, choices=PeranTpp.choices, blank=True)

    class Meta(TransitionLog.Meta):
        ordering = ["-waktu", "-pk"]

    def __str__(self):
        return f"{self.dari} → {self.ke}"


# one row per pegawai and month: the upserts' ON CONFLICT target too (it names the pemda, issue 20)
UNIK = ["periode", "pegawai", "pemda"]


class BarisTpp(models.Model):
    """One employee's TPP of a month with every input and component, so it can be explained and
    recomputed (RULES.md §1, §7). `beku` keeps the figures frozen at the last closing."""

    periode = models.ForeignKey(PeriodeTpp, models.CASCADE, related_name="baris")
    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.PROTECT, related_name="baris_tpp")
    opd = models.ForeignKey("accounts.UnitKerja", models.PROTECT, null=True, related_name="+")
    jabatan = models.ForeignKey("accounts.Jabatan", models.SET_NULL, null=True, related_name="+")
    nama_jabatan = models.CharField(max_length=250, blank=True)
    kelas = models.PositiveSmallIntegerField(null=True)
    golongan = models.CharField(max_length=5, blank=True)
    aturan = models.ForeignKey(AturanTpp, models.PROTECT, related_name="+")
    # the activity and attendance rule versions the calculation used (None: the national defaults)
    aturan_aktivitas = models.ForeignKey(
        "activities.AturanAktivitas", models.PROTECT, null=True, blank=True, related_name="+"
    )
    aturan_presensi = models.ForeignKey(
        "attendance.AturanPresensi", models.PROTECT, null=True, blank=True, related_name="+"
    )
    hari_kerja = models.PositiveSmallIntegerField(default=0)
    menit_valid = models.PositiveIntegerField(default=0)
    menit_kredit = models.PositiveIntegerField(default=0)
    menit_pengurang = models.PositiveIntegerField(default=0)
    menit_per_hari = models.PositiveSmallIntegerField(default=300)
    capaian = models.DecimalField(max_digits=9, decimal_places=6, default=0)
    besaran = models.PositiveBigIntegerField(default=0)
    besaran_dibayar = models.PositiveBigIntegerField(default=0)  # pro rata for the days that pay
    hari_kerja_bulan = models.PositiveSmallIntegerField(default=0)  # the month's working days of the unit
    hari_batal = models.PositiveSmallIntegerField(default=0)
    tunggakan = models.PositiveIntegerField(default=0)
    kaskade_pct = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    kejadian = models.JSONField(default=dict)
    masukan = models.JSONField(default=dict)  # rules.MasukanTpp.as_json(): recompute from this
    potongan_disiplin_pct = models.DecimalField(max_digits=7, decimal_places=3, default=0)
    hukdis_pct = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    bagian_kinerja = models.BigIntegerField(default=0)
    bagian_disiplin = models.BigIntegerField(default=0)
    bruto = models.BigIntegerField(default=0)
    potongan_hukdis = models.BigIntegerField(default=0)
    bpjs_pegawai = models.BigIntegerField(default=0)
    bpjs_pemda = models.BigIntegerField(default=0)
    pph = models.BigIntegerField(default=0)
    neto = models.BigIntegerField(default=0)
    batal = models.CharField(max_length=250, blank=True)  # why no TPP at all, if so
    galat = models.CharField(max_length=500, blank=True)  # a data error that left the amount empty
    beku = models.JSONField(null=True, blank=True)
    dihitung = models.DateTimeField()

    class Meta:
        verbose_name = _("baris TPP")
        verbose_name_plural = _("baris TPP")
        constraints = [models.UniqueConstraint(fields=UNIK, name="baristpp_once_per_month")]
        indexes = [models.Index(fields=["periode", "opd"]), models.Index(fields=["pegawai", "periode"])]

    def __str__(self):
        return f"{self.pegawai_id} {self.periode}"
