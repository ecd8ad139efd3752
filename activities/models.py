"""Daily activities (aktivitas) in minutes, approved berjenjang: verified, then validated."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TransitionLog

from .choices import LingkupKatalog, Peran, Status


class AturanAktivitas(models.Model):
    """The activity rules of a pemda from a date (data, not code: DESIGN.md §2).

    Defaults: 300 menit per working day (RULES.md §1.5, DKI/Gowa); entries accepted until 3 working
    days after the day (the Tomohon re-input window); queues neglected past 3 working days count
    against the leader (the TPP issue cuts their pay); the month-close reminder 3 working days ahead.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    menit_per_hari = models.PositiveSmallIntegerField(_("menit kerja per hari"), default=300)
    batas_input_hari_kerja = models.PositiveSmallIntegerField(
        _("batas input (hari kerja setelah tanggal aktivitas)"), default=3
    )
    batas_tunggu_hari_kerja = models.PositiveSmallIntegerField(_("batas antrean atasan (hari kerja)"), default=3)
    # the month-close reminder (activities.jobs.bulan_ditutup, issue 17): how many working days before
    # a month's entries close it goes out (the last day to send counts as one); 0: no reminder
    pengingat_tutup_hari_kerja = models.PositiveSmallIntegerField(
        _("pengingat sebelum bulan ditutup (hari kerja)"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    verifikasi_final_di_puncak = models.BooleanField(
        _("verifikasi final jika tidak ada atasan dari atasan"), default=True
    )
    # overdue queues (issue 18): the atasan's atasan sees an entry left past `batas_tunggu_hari_kerja`;
    # with this on, they may also verify or return it in the atasan's place
    eskalasi_boleh_bertindak = models.BooleanField(
        _("atasan dari atasan boleh memproses antrean yang lewat batas"), default=False
    )
    # anomaly flags (issue 18, activities.kejanggalan): when two result texts count as the same, and
    # how often the same text must recur before it is worth a look; what counts as a rubber stamp
    kemiripan_teks_persen = models.PositiveSmallIntegerField(
        _("kemiripan uraian dianggap sama (%)"), default=90, validators=[MinValueValidator(50), MaxValueValidator(100)]
    )
    teks_berulang_hari = models.PositiveSmallIntegerField(
        _("uraian sama pada sekian hari sebulan ditandai"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(31)],
    )
    teks_rekan_orang = models.PositiveSmallIntegerField(
        _("uraian sama oleh sekian pegawai ditandai"),
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
    )
    teks_min_huruf = models.PositiveSmallIntegerField(
        _("uraian lebih pendek dari sekian huruf tidak dibandingkan"), default=20, validators=[MaxValueValidator(200)]
    )
    stempel_min_aktivitas = models.PositiveSmallIntegerField(
        _("persetujuan kilat: sekurangnya sekian aktivitas sekaligus"),
        default=20,
        validators=[MinValueValidator(2), MaxValueValidator(1000)],
    )
    stempel_detik_per_aktivitas = models.PositiveSmallIntegerField(
        _("persetujuan kilat: kurang dari sekian detik per aktivitas"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    # a version is never edited (issue 16): who saved it, when and why
    catatan = models.CharField(_("alasan perubahan"), max_length=500, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(_("disimpan"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("aturan aktivitas")
        verbose_name_plural = _("aturan aktivitas")
        ordering = ["-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "berlaku_mulai"], name="aturanaktivitas_unique_start"),
        ]

    def __str__(self):
        return f"{self.pemda} sejak {self.berlaku_mulai:%d-%m-%Y}"


class KegiatanKatalog(models.Model):
    """A standard activity: output unit and standard minutes per unit, for a jabatan, a unit or the pemda."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    lingkup = models.CharField(_("berlaku untuk"), max_length=10, choices=LingkupKatalog.choices)
    jabatan = models.ForeignKey(
        "accounts.Jabatan", models.CASCADE, null=True, blank=True, related_name="katalog", verbose_name=_("jabatan")
    )
    unit = models.ForeignKey(
        "accounts.UnitKerja", models.CASCADE, null=True, blank=True, related_name="katalog", verbose_name=_("unit")
    )
    # The OPD whose admin maintains the item (null for a pemda-wide item, kept by HR).
    opd = models.ForeignKey("accounts.UnitKerja", models.CASCADE, null=True, blank=True, related_name="+")
    nama = models.CharField(_("nama kegiatan"), max_length=250)
    satuan = models.CharField(_("satuan hasil"), max_length=50, help_text=_("Misalnya: surat, dokumen, laporan."))
    menit_per_satuan = models.PositiveSmallIntegerField(
        _("menit standar per satuan"), validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kegiatan katalog")
        verbose_name_plural = _("katalog kegiatan")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(lingkup=LingkupKatalog.JABATAN) & Q(jabatan__isnull=False))
                | (Q(lingkup=LingkupKatalog.UNIT) & Q(unit__isnull=False))
                | (Q(lingkup=LingkupKatalog.PEMDA) & Q(jabatan__isnull=True) & Q(unit__isnull=True)),
                name="katalog_lingkup_matches_target",
            ),
            models.CheckConstraint(condition=Q(menit_per_satuan__gte=1), name="katalog_menit_positive"),
        ]
        indexes = [models.Index(fields=["pemda", "opd", "aktif"])]

    def __str__(self):
        return f"{self.nama} ({self.menit_per_satuan} menit/{self.satuan})"


def bukti_path(instance, filename):
    return f"bukti/{instance.pemda_id}/{instance.tanggal:%Y/%m}/{filename}"


class AktivitasManager(models.Manager):
    """The entries not deleted: what every page, count, recap, queue and TPP sum reads (`objects`)."""

    def get_queryset(self):
        return super().get_queryset().filter(dihapus__isnull=True)


class Aktivitas(models.Model):
    """One activity of one pegawai on one day, with its minutes and evidence (RULES.md §1.5).

    Only VALIDATED minutes count for TPP. `verifikator` and `validator` are derived from the jabatan
    tree on `tanggal` when the entry is submitted (and re-derived when postings change); they are
    stored so that a queue is one indexed query.

    An entry with a history (a move in its log, an overdue record) is never deleted, only marked
    `dihapus` (issue 15): `objects`, the default manager, leaves it out everywhere; `semua` sees it
    (the history, the audit). A foreign key to an entry (`log.aktivitas`) reads it through the
    base manager, so a log row still opens its deleted entry.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="aktivitas")
    tanggal = models.DateField(_("tanggal"))
    jam_mulai = models.TimeField(_("jam mulai"))
    jam_selesai = models.TimeField(_("jam selesai"))
    katalog = models.ForeignKey(
        KegiatanKatalog, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kegiatan")
    )
    volume = models.PositiveSmallIntegerField(_("volume"), null=True, blank=True)
    nama_kegiatan = models.CharField(_("kegiatan"), max_length=250)
    uraian = models.TextField(_("uraian hasil/output"), max_length=2000)
    menit_diajukan = models.PositiveSmallIntegerField(_("menit diajukan"))
    menit = models.PositiveSmallIntegerField(_("menit diakui"))
    bukti_file = models.FileField(_("berkas bukti"), upload_to=bukti_path, blank=True)
    bukti_link = models.URLField(_("tautan bukti"), max_length=500, blank=True)
    # The RHK of the pegawai's approved SKP this activity realises (skp/evaluation.py counts it).
    rhk = models.ForeignKey(
        "skp.Rhk", models.SET_NULL, null=True, blank=True, related_name="aktivitas", verbose_name=_("RHK")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    verifikator = models.ForeignKey(
        "accounts.Pegawai", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("verifikator")
    )
    validator = models.ForeignKey(
        "accounts.Pegawai", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("validator")
    )
    catatan = models.CharField(_("catatan atasan"), max_length=500, blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    divalidasi_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    # the evidence file's SHA-256 (issue 18: the same file on entries of other days or people)
    bukti_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # the entry "salin kemarin" copied this one from (issue 18: a copy left unchanged is flagged)
    disalin_dari = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, editable=False, related_name="+", db_constraint=False
    )
    dihapus = models.DateTimeField(_("dihapus"), null=True, blank=True, editable=False)
    dihapus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    # who typed it, when a named helper entered it for the owner at the owner's request (issue 17);
    # null: the owner's own entry
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    objects = AktivitasManager()
    semua = models.Manager()  # noqa: DJ012 - a manager: deleted entries included, for the history and the audit

    class Meta:
        verbose_name = _("aktivitas")
        verbose_name_plural = _("aktivitas")
        ordering = ["tanggal", "jam_mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(jam_selesai__gt=models.F("jam_mulai")), name="aktivitas_jam_order"),
            models.CheckConstraint(condition=Q(menit__gte=1), name="aktivitas_menit_positive"),
            models.CheckConstraint(condition=Q(katalog__isnull=True) | Q(volume__gte=1), name="aktivitas_volume"),
        ]
        indexes = [
            models.Index(fields=["pegawai", "tanggal"]),
            models.Index(fields=["verifikator", "status"]),
            models.Index(fields=["validator", "status"]),
            models.Index(fields=["pemda", "tanggal", "status"]),
            models.Index(
                fields=["pemda", "bukti_sha256"], name="aktivitas_bukti_sha256", condition=~Q(bukti_sha256="")
            ),
        ]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.jam_mulai:%H.%M} {self.nama_kegiatan}"

    @property
    def durasi_menit(self) -> int:
        return (self.jam_selesai.hour * 60 + self.jam_selesai.minute) - (
            self.jam_mulai.hour * 60 + self.jam_mulai.minute
        )


class AktivitasLog(TransitionLog):
    """Every move of an activity: who, when, from, to, the note and the role (core.workflow)."""

    # PROTECT: an entry with a history is soft-deleted (Aktivitas.dihapus), never cascaded away
    aktivitas = models.ForeignKey(Aktivitas, models.PROTECT, related_name="log")
    induk = "aktivitas"
    dari = models.CharField(max_length=10, choices=Status.choices, blank=True)
    ke = models.CharField(max_length=10, choices=Status.choices)
    peran = models.CharField(max_length=15, choices=Peran.choices)

    def __str__(self):
        return f"{self.aktivitas_id}: {self.dari} → {self.ke}"


class Dispensasi(models.Model):
    """An admin OPD lets one pegawai enter activities for given dates outside the window, with a reason."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="dispensasi")
    tanggal_mulai = models.DateField(_("untuk tanggal aktivitas dari"))
    tanggal_selesai = models.DateField(_("sampai"))
    batas = models.DateField(_("boleh diisi sampai"))
    alasan = models.CharField(_("alasan"), max_length=500)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dispensasi")
        verbose_name_plural = _("dispensasi")
        ordering = ["-dibuat"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")), name="dispensasi_range"
            ),
        ]

    def __str__(self):
        return f"{self.pegawai} {self.tanggal_mulai:%d-%m-%Y}–{self.tanggal_selesai:%d-%m-%Y}"


class Gangguan(models.Model):
    """A recorded outage: every entry window it overlaps is extended by its length, automatically."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    mulai = models.DateTimeField(_("mulai"))
    selesai = models.DateTimeField(_("selesai"))
    alasan = models.CharField(_("alasan"), max_length=500)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dicatat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gangguan layanan")
        verbose_name_plural = _("gangguan layanan")
        ordering = ["-mulai"]
        constraints = [models.CheckConstraint(condition=Q(selesai__gt=models.F("mulai")), name="gangguan_range")]

    def __str__(self):
        return f"{self.mulai:%d-%m-%Y %H.%M}–{self.selesai:%d-%m-%Y %H.%M} {self.alasan}"


class Tunggakan(models.Model):
    """An entry left waiting in a supervisor's queue past the allowed working days (leader cascade).

    Recorded daily; the TPP issue cuts the supervisor's kinerja part by a configured percentage.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    atasan = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="tunggakan")
    aktivitas = models.ForeignKey(Aktivitas, models.PROTECT, related_name="+")  # kept: the entry is soft-deleted
    peran = models.CharField(max_length=15, choices=Peran.choices)
    tahun = models.PositiveSmallIntegerField()
    bulan = models.PositiveSmallIntegerField()
    batas = models.DateField()
    dicatat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tunggakan antrean")
        verbose_name_plural = _("tunggakan antrean")
        constraints = [
            models.UniqueConstraint(fields=["aktivitas", "peran", "pemda"], name="tunggakan_once_per_role"),
        ]
        indexes = [models.Index(fields=["atasan", "tahun", "bulan"])]

    def __str__(self):
        return f"{self.atasan_id} {self.bulan:02d}/{self.tahun} {self.aktivitas_id}"


class Pembantu(models.Model):
    """A pegawai named by HR or the admin OPD as helper entry for the colleagues of a unit (issue 17).

    The designation alone lets the helper do nothing: a colleague of the unit (or a unit below it)
    must ask them first (`IzinPembantu`). It ends when deactivated (`berakhir`) or when the helper
    leaves the unit's OPD (checked on every request, activities.selectors_pembantu.izin_bantu).
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey(
        "accounts.Pegawai", models.CASCADE, related_name="penunjukan_pembantu", verbose_name=_("pembantu")
    )
    unit = models.ForeignKey(
        "accounts.UnitKerja",
        models.PROTECT,
        related_name="+",
        verbose_name=_("membantu pegawai unit"),
        help_text=_("Pegawai unit ini dan unit di bawahnya dapat meminta bantuannya."),
    )
    mulai = models.DateField(_("berlaku mulai"))
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    berakhir = models.DateTimeField(_("dinonaktifkan"), null=True, blank=True)
    diakhiri_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pembantu pengisian")
        verbose_name_plural = _("pembantu pengisian")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "unit", "pemda"], condition=Q(berakhir__isnull=True), name="pembantu_aktif_sekali"
            ),
        ]

    def __str__(self):
        return f"{self.pegawai} untuk {self.unit}"


class IzinPembantu(models.Model):
    """A pegawai asks one named helper to enter activities for them: the consent, revocable any time.

    `unit` is the owner's unit when they asked; once they move, the consent ends (issue 17)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="izin_pembantu")
    pembantu = models.ForeignKey(Pembantu, models.CASCADE, related_name="izin", verbose_name=_("pembantu"))
    unit = models.ForeignKey("accounts.UnitKerja", models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    dicabut = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("izin pembantu pengisian")
        verbose_name_plural = _("izin pembantu pengisian")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "pembantu", "pemda"],
                condition=Q(dicabut__isnull=True),
                name="izinpembantu_aktif_sekali",
            ),
        ]

    def __str__(self):
        return f"{self.pegawai} → {self.pembantu.pegawai}"


from .models_kejanggalan import Kejanggalan, RekapPersetujuan  # noqa: E402,F401 - the app's models
