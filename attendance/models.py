"""Attendance: the calendar first (holidays); punches, schedules and leave come with their issue."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BarisAnak, TransitionLog

from .choices import JenisPermohonan, PeranPermohonan, StatusHari, StatusPermohonan, SumberAbsen


class HariLibur(models.Model):
    """A non-working day of a pemda: a national holiday or a cuti bersama (SKB 3 Menteri, yearly data).

    Cuti bersama does not reduce cuti tahunan (PP 11/2017 Pasal 333); it is still not a working day.
    """

    class Jenis(models.TextChoices):
        LIBUR_NASIONAL = "LIBUR_NASIONAL", _("Libur nasional")
        CUTI_BERSAMA = "CUTI_BERSAMA", _("Cuti bersama")
        LIBUR_DAERAH = "LIBUR_DAERAH", _("Libur daerah")

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("keterangan"), max_length=150)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.LIBUR_NASIONAL)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]
        constraints = [models.UniqueConstraint(fields=["pemda", "tanggal"], name="harilibur_unique_day")]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class JadwalKerja(models.Model):
    """A work schedule: pemda-wide or for a unit (and its sub-units), open-ended or for a date range.

    Perpres 21/2023 default: Mon–Thu 07.30–16.00 (break 12.00–13.00), Fri 07.30–16.30 (break
    11.30–13.00). A dated schedule (Ramadan) wins over an open-ended one; a unit's over the pemda's.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "accounts.UnitKerja", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("unit kerja")
    )
    nama = models.CharField(_("nama jadwal"), max_length=100)
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    berlaku_selesai = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("jadwal kerja")
        verbose_name_plural = _("jadwal kerja")
        ordering = ["-berlaku_mulai"]

    def __str__(self):
        return self.nama


class JadwalHari(BarisAnak):
    """The hours of one weekday in a schedule (0 = Monday); a weekday without a row is not worked."""

    jadwal = models.ForeignKey(JadwalKerja, models.CASCADE, related_name="hari")
    induk = "jadwal"
    hari = models.PositiveSmallIntegerField(_("hari"))  # date.weekday()
    masuk = models.TimeField(_("jam masuk"))
    pulang = models.TimeField(_("jam pulang"))
    istirahat_mulai = models.TimeField(_("istirahat mulai"), null=True, blank=True)
    istirahat_selesai = models.TimeField(_("istirahat selesai"), null=True, blank=True)

    class Meta:
        ordering = ["hari"]
        constraints = [
            models.UniqueConstraint(fields=["jadwal", "hari", "pemda"], name="jadwalhari_unique_day"),
            models.CheckConstraint(condition=models.Q(hari__lte=6), name="jadwalhari_weekday"),
            models.CheckConstraint(condition=models.Q(pulang__gt=models.F("masuk")), name="jadwalhari_order"),
        ]

    def __str__(self):
        return f"{self.hari}: {self.masuk:%H.%M}–{self.pulang:%H.%M}"


class PinMesin(models.Model):
    """Maps a fingerprint machine's user id (PIN) to a pegawai."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    mesin = models.CharField(_("mesin"), max_length=50, blank=True, help_text=_("Kosong = berlaku untuk semua mesin."))
    pin = models.CharField(_("ID pengguna di mesin"), max_length=30)
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="pin_mesin")

    class Meta:
        verbose_name = _("ID mesin absen")
        verbose_name_plural = _("ID mesin absen")
        constraints = [models.UniqueConstraint(fields=["pemda", "mesin", "pin"], name="pinmesin_unique")]

    def __str__(self):
        return f"{self.mesin or '*'}:{self.pin} → {self.pegawai_id}"


class ImporAbsen(models.Model):
    """One uploaded punch file; re-uploading the same content is recognised by its hash."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    nama_file = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    jumlah_baris = models.PositiveIntegerField(default=0)
    jumlah_baru = models.PositiveIntegerField(default=0)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dibuat"]

    def __str__(self):
        return self.nama_file


class Absen(models.Model):
    """One punch (check-in or check-out is inferred from the day's order: machines' state is unreliable)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="absen")
    waktu = models.DateTimeField(_("waktu"))
    sumber = models.CharField(max_length=10, choices=SumberAbsen.choices)
    mesin = models.CharField(max_length=50, blank=True)
    impor = models.ForeignKey(ImporAbsen, models.SET_NULL, null=True, blank=True, related_name="absen")
    # Who sent the punch (issue 15): the integration token for the API, the user for a file upload.
    # A token is never deleted (it is deactivated), so PROTECT keeps every punch traceable to it.
    token = models.ForeignKey(
        "TokenIntegrasi", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("token integrasi")
    )
    dikirim_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )

    class Meta:
        verbose_name = _("absen")
        verbose_name_plural = _("absen")
        ordering = ["waktu"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "waktu", "pemda"], name="absen_once_per_moment")]

    def __str__(self):
        return f"{self.pegawai_id} {self.waktu}"


class CakupanAbsen(models.Model):
    """How far the punches of an OPD have been received (machine file or API feed), issue 13.

    A day's attendance is final only once the feed has reached a later day for the pegawai's OPD
    (attendance/rules.py `hari_final`); until then a missing punch may still arrive and never blocks
    an entry. Kept by the import service: the latest punch time ever received for the OPD.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    opd = models.OneToOneField("accounts.UnitKerja", models.CASCADE, related_name="+", verbose_name=_("OPD"))
    sampai = models.DateTimeField(_("data absen diterima sampai"))
    diperbarui = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cakupan data absen")
        verbose_name_plural = _("cakupan data absen")

    def __str__(self):
        return f"{self.opd_id} ≤ {self.sampai}"


class HariPresensi(models.Model):
    """A pegawai's computed day: status, punches used, minutes late/early and their bands.

    Recomputed when a punch, a request or a schedule changes; a manual correction by the admin OPD
    keeps its reason and is not overwritten by a recomputation.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="hari_presensi")
    tanggal = models.DateField(_("tanggal"))
    status = models.CharField(_("status"), max_length=20, choices=StatusHari.choices)
    jam_masuk = models.TimeField(_("jam masuk"), null=True, blank=True)
    jam_pulang = models.TimeField(_("jam pulang"), null=True, blank=True)
    menit_terlambat = models.PositiveSmallIntegerField(null=True, blank=True)
    menit_pulang_cepat = models.PositiveSmallIntegerField(null=True, blank=True)
    band_tl = models.CharField(max_length=4, blank=True)
    band_psw = models.CharField(max_length=4, blank=True)
    manual = models.BooleanField(_("dikoreksi manual"), default=False)
    alasan_koreksi = models.CharField(_("alasan koreksi"), max_length=500, blank=True)
    dikoreksi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dihitung = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hari presensi")
        verbose_name_plural = _("hari presensi")
        ordering = ["tanggal"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tanggal", "pemda"], name="haripresensi_unique_day")]
        indexes = [models.Index(fields=["pemda", "tanggal", "status"])]

    def __str__(self):
        return f"{self.pegawai_id} {self.tanggal} {self.status}"


class KegiatanWajib(models.Model):
    """A compulsory gathering of a pemda (apel, upacara, senam, or one the pemda adds): missing it is
    a discipline event (Kejadian) whose cut the TPP rule set gives per `kode` (issue 16)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    kode = models.CharField(_("kode"), max_length=20)  # the key of Kejadian.jenis and the cut table
    nama = models.CharField(_("nama kegiatan"), max_length=60)
    aktif = models.BooleanField(_("aktif"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kegiatan wajib")
        verbose_name_plural = _("kegiatan wajib")
        ordering = ["urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kode"], name="kegiatanwajib_unique_kode"),
            models.UniqueConstraint(fields=["pemda", "nama"], name="kegiatanwajib_unique_nama"),
        ]

    def __str__(self):
        return self.nama

    @property
    def label_kejadian(self) -> str:
        """What missing it is called: "Tidak mengikuti apel"."""
        return _("Tidak mengikuti %(nama)s") % {"nama": self.nama[:1].lower() + self.nama[1:]}


class PembatalanKegiatan(models.Model):
    """A gathering called off for a day (rain, a holiday): that day's events of its kind do not count
    for anyone in scope (the whole pemda, or one OPD and its units); the Kejadian rows stay."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    kegiatan = models.ForeignKey(KegiatanWajib, models.PROTECT, related_name="pembatalan", verbose_name=_("kegiatan"))
    tanggal = models.DateField(_("tanggal"))
    opd = models.ForeignKey(
        "accounts.UnitKerja", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    alasan = models.CharField(_("alasan"), max_length=250)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dicatat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pembatalan kegiatan")
        verbose_name_plural = _("pembatalan kegiatan")
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kegiatan", "tanggal", "opd", "pemda"],
                name="pembatalan_unique_opd",
                condition=models.Q(opd__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "tanggal", "pemda"],
                name="pembatalan_unique_pemda",
                condition=models.Q(opd__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.kegiatan_id} {self.tanggal}"


class Kejadian(models.Model):
    """A recordable discipline event on a day (a missed apel or upacara), entered by the admin OPD;
    `jenis` is the code of one of the pemda's KegiatanWajib."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="kejadian")
    tanggal = models.DateField(_("tanggal"))
    jenis = models.CharField(_("jenis"), max_length=20)
    catatan = models.CharField(_("catatan"), max_length=250, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pegawai", "tanggal", "jenis", "pemda"], name="kejadian_unique")]

    def __str__(self):
        return f"{self.pegawai_id} {self.tanggal} {self.jenis}"


class Permohonan(models.Model):
    """A leave or absence request (PP 11/2017 cuti; izin, sakit, dinas luar, tugas belajar)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="permohonan")
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisPermohonan.choices)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("sampai"))
    alasan = models.CharField(_("alasan"), max_length=500)
    lampiran = models.FileField(_("lampiran"), upload_to="permohonan/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StatusPermohonan.choices, default=StatusPermohonan.DIAJUKAN
    )
    hari_kerja = models.PositiveSmallIntegerField(_("jumlah hari kerja"), default=0)
    penyetuju = models.ForeignKey(
        "accounts.Pegawai", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("atasan")
    )
    penyetuju_kedua = models.ForeignKey("accounts.Pegawai", models.SET_NULL, null=True, blank=True, related_name="+")
    catatan = models.CharField(_("catatan atasan"), max_length=500, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diputus = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="permohonan_range"),
        ]
        indexes = [models.Index(fields=["pegawai", "mulai", "selesai"])]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.mulai:%d-%m-%Y}–{self.selesai:%d-%m-%Y}"


class PermohonanLog(TransitionLog):
    """Every move of a request: who, when, from, to, the note and the role (core.workflow)."""

    permohonan = models.ForeignKey(Permohonan, models.CASCADE, related_name="log")
    induk = "permohonan"
    peran = models.CharField(max_length=15, choices=PeranPermohonan.choices, blank=True)

    def __str__(self):
        return f"{self.permohonan_id}: {self.dari} → {self.ke}"


class AturanPresensi(models.Model):
    """Attendance and meal-allowance rules of a pemda from a date (RULES.md §4 and §7 defaults)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    # PMK 32/2025 SBM rates per golongan group (I, II, III, IV), ≤ 22 days a month
    uang_makan_tarif = models.JSONField(default=dict)
    uang_makan_pph = models.JSONField(default=dict)  # PP 80/2010: {"I": "0", "II": "0", "III": "5", "IV": "15"}
    uang_makan_maks_hari = models.PositiveSmallIntegerField(default=22)
    cuti_dua_tingkat = models.BooleanField(_("cuti perlu persetujuan tingkat kedua"), default=False)
    blokir_aktivitas = models.BooleanField(
        _("aktivitas tidak dapat diisi pada hari yang presensinya sudah final tanpa keterangan atau cuti"),
        default=True,
    )
    # How old or how far ahead a punch posted by an integration may be (issue 15). No RULES.md item
    # sets this: a design default, a month of late machine sync behind and a day of clock drift ahead.
    absen_api_maks_hari_lalu = models.PositiveSmallIntegerField(
        _("absen lewat API paling lama (hari ke belakang)"), default=31
    )
    absen_api_maks_hari_depan = models.PositiveSmallIntegerField(
        _("absen lewat API paling jauh (hari ke depan)"), default=1
    )
    # Upper bounds in minutes of the late/early bands 1–3; beyond the third is band 4 (RULES.md §1.6a:
    # 1–30, 31–60, 61–90, ≥ 91 by default); strictly increasing, 1..600 (issue 16).
    batas_tl1 = models.PositiveSmallIntegerField(
        _("batas TL1/PSW1 (menit)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    batas_tl2 = models.PositiveSmallIntegerField(
        _("batas TL2/PSW2 (menit)"), default=60, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    batas_tl3 = models.PositiveSmallIntegerField(
        _("batas TL3/PSW3 (menit)"), default=90, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    catatan = models.CharField(_("alasan perubahan"), max_length=500, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(_("disimpan"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("aturan presensi")
        verbose_name_plural = _("aturan presensi")
        ordering = ["-berlaku_mulai"]
        constraints = [models.UniqueConstraint(fields=["pemda", "berlaku_mulai"], name="aturanpresensi_unique")]

    def __str__(self):
        return f"{self.pemda} sejak {self.berlaku_mulai:%d-%m-%Y}"

    @property
    def batas_band(self) -> tuple[int, int, int]:
        return (self.batas_tl1, self.batas_tl2, self.batas_tl3)


def izin_absen() -> list[str]:
    return ["absen"]


class TokenIntegrasi(models.Model):
    """A token an integration (a machine gateway) uses to post punches; only its hash is stored.

    Scope (issue 15): the OPDs whose pegawai it may send punches for and the machines it may name;
    an empty list is no limit of that kind (a pemda's central gateway). It stops working after
    `berlaku_sampai` (inclusive, the pemda's local date). `izin` (issue 19): posting punches
    ("absen") and/or reading the read API ("baca"), whose answers keep to the same pemda and OPDs.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    nama = models.CharField(_("nama integrasi"), max_length=100)
    token_hash = models.CharField(max_length=64)  # unique in the installation: core.Indeks
    aktif = models.BooleanField(default=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    terakhir_dipakai = models.DateTimeField(null=True, blank=True)
    opd = models.ManyToManyField(
        "accounts.UnitKerja", blank=True, related_name="+", verbose_name=_("OPD"), through="TokenOpd"
    )
    mesin = models.JSONField(_("mesin"), default=list, blank=True)  # machine names as the gateway sends them
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # what it may do (issue 19): "absen" posts punches, "baca" reads the read API; a token made
    # before issue 19 only posts punches
    izin = models.JSONField(_("izin"), default=izin_absen, blank=True)

    IZIN_ABSEN = "absen"
    IZIN_BACA = "baca"

    class Meta:
        verbose_name = _("token integrasi")
        verbose_name_plural = _("token integrasi")
        constraints = [models.UniqueConstraint(fields=["token_hash", "pemda"], name="token_hash_unik")]

    def __str__(self):
        return self.nama


class TokenOpd(models.Model):
    """An OPD a token may send or read for, with the pemda (issue 20: the link is a tenant row too;
    `token.opd.set(…, through_defaults={"pemda_id": …})`)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    token = models.ForeignKey(TokenIntegrasi, models.CASCADE, related_name="+")
    opd = models.ForeignKey("accounts.UnitKerja", models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "opd", "pemda"], name="tokenopd_unik")]

    def __str__(self):
        return f"{self.token_id} → {self.opd_id}"


# attendance moderation (issue 16): correction requests and machine outages, in their own module
from .models_koreksi import GangguanMesin, KoreksiPresensi, KoreksiPresensiLog  # noqa: E402, F401
