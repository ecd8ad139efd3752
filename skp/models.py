"""SKP (Sasaran Kinerja Pegawai, PermenPANRB 6/2022): the plan with its cascading RHK, the periodic
evidence, and the periodic and annual evaluation that yields the predikat."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TransitionLog

from .choices import Aspek, JenisPeriode, Jenjang, Pendekatan, Peran, Periodik, Perspektif, Predikat, Rating, Status


class PengaturanSkp(models.Model):
    """Per-pemda SKP settings: the periodic evaluation rhythm (SIASN periodik). Paying TPP by the
    monthly predikat is a TPP rule-set choice (tpp.AturanTpp), which reads `predikat_bulan`."""

    pemda = models.OneToOneField("accounts.Pemda", models.CASCADE, related_name="pengaturan_skp")
    periodik = models.CharField(
        _("evaluasi periodik"), max_length=10, choices=Periodik.choices, default=Periodik.TRIWULAN
    )

    class Meta:
        verbose_name = _("pengaturan SKP")
        verbose_name_plural = _("pengaturan SKP")

    def __str__(self):
        return f"{self.pemda} ({self.get_periodik_display()})"


class KoefisienAngkaKredit(models.Model):
    """Yearly angka kredit koefisien per jenjang fungsional (PerBKN 3/2023; SIASN koefisien)."""

    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices, unique=True)
    koefisien = models.DecimalField(_("koefisien per tahun"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("koefisien angka kredit")
        verbose_name_plural = _("koefisien angka kredit")
        ordering = ["koefisien"]

    def __str__(self):
        return f"{self.get_jenjang_display()}: {self.koefisien}"


class PredikatOrganisasi(models.Model):
    """The predikat of an OPD for a year: the distribution curve of its people depends on it
    (PermenPANRB 6/2022). Without a row the OPD counts as Baik."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    opd = models.ForeignKey("accounts.UnitKerja", models.CASCADE, related_name="+", verbose_name=_("OPD"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    predikat = models.CharField(_("predikat organisasi"), max_length=20, choices=Predikat.choices)

    class Meta:
        verbose_name = _("predikat organisasi")
        verbose_name_plural = _("predikat organisasi")
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="predikatorganisasi_unique")]

    def __str__(self):
        return f"{self.opd} {self.tahun}: {self.get_predikat_display()}"


class Skp(models.Model):
    """One pegawai's SKP for a period of a year; a new period starts when the posting changes
    mid-year. The pejabat penilai is derived from the jabatan tree on `mulai` (DESIGN.md §2) and
    stored, so a later mutation changes the penilai of the new period only."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="skp")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    jabatan = models.ForeignKey(
        "accounts.Jabatan", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("jabatan")
    )
    penilai = models.ForeignKey(
        "accounts.Pegawai",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="skp_dinilai",
        verbose_name=_("pejabat penilai kinerja"),
    )
    pendekatan = models.CharField(
        _("pendekatan"), max_length=12, choices=Pendekatan.choices, default=Pendekatan.KUANTITATIF
    )
    jenjang = models.CharField(
        _("jenjang jabatan fungsional"),
        max_length=20,
        choices=Jenjang.choices,
        blank=True,
        help_text=_("Hanya untuk jabatan fungsional: dasar perhitungan angka kredit."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    catatan = models.CharField(_("catatan penilai"), max_length=500, blank=True)
    # Lampiran SKP (PermenPANRB 6/2022)
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), max_length=2000, blank=True)
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), max_length=2000, blank=True)
    konsekuensi = models.TextField(_("konsekuensi"), max_length=2000, blank=True)
    # Ekspektasi khusus pimpinan per BerAKHLAK aspect: {aspek: text}
    ekspektasi_khusus = models.JSONField(_("ekspektasi khusus pimpinan"), default=dict, blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-tahun", "-mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="skp_selesai_after_mulai"),
            models.UniqueConstraint(fields=["pegawai", "mulai"], name="skp_unique_start"),
        ]
        indexes = [
            models.Index(fields=["pegawai", "tahun"]),
            models.Index(fields=["penilai", "tahun"]),
            models.Index(fields=["pemda", "tahun"]),
        ]

    def __str__(self):
        return f"SKP {self.tahun} {self.pegawai.nama} ({self.mulai:%d-%m}–{self.selesai:%d-%m})"


class SkpLog(TransitionLog):
    """Every move of an SKP: who, when, from, to, the note and the role (core.workflow)."""

    skp = models.ForeignKey(Skp, models.CASCADE, related_name="log")
    dari = models.CharField(max_length=12, choices=Status.choices, blank=True)
    ke = models.CharField(max_length=12, choices=Status.choices)
    peran = models.CharField(max_length=10, choices=Peran.choices)

    def __str__(self):
        return f"{self.skp_id}: {self.dari} → {self.ke}"


class Rhk(models.Model):
    """A rencana hasil kerja. Below the top of the tree it intervenes (cascades from) an RHK of the
    pejabat penilai's SKP (PermenPANRB 6/2022, matriks peran hasil)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    skp = models.ForeignKey(Skp, models.CASCADE, related_name="rhk")
    induk = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="turunan",
        verbose_name=_("RHK atasan yang diintervensi"),
    )
    uraian = models.TextField(_("rencana hasil kerja"), max_length=1000)
    perspektif = models.CharField(_("perspektif"), max_length=20, choices=Perspektif.choices, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["skp", "urutan", "pk"]

    def __str__(self):
        return self.uraian[:80]


class Indikator(models.Model):
    """An indikator kinerja individu (IKI) of an RHK with its target for the SKP period."""

    rhk = models.ForeignKey(Rhk, models.CASCADE, related_name="indikator")
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices, default=Aspek.KUANTITAS)
    uraian = models.CharField(_("indikator kinerja individu"), max_length=500)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    satuan = models.CharField(_("satuan"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["rhk", "pk"]

    def __str__(self):
        return self.uraian


class RencanaAksi(models.Model):
    """A rencana aksi under an RHK for one month (a quarter is planned on its months)."""

    rhk = models.ForeignKey(Rhk, models.CASCADE, related_name="rencana_aksi")
    bulan = models.PositiveSmallIntegerField(_("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    uraian = models.CharField(_("rencana aksi"), max_length=500)
    target = models.CharField(_("target"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["rhk", "bulan", "pk"]

    def __str__(self):
        return f"{self.bulan:02d}: {self.uraian}"


def data_dukung_path(instance, filename):
    return f"skp/{instance.skp.pemda_id}/{instance.skp.tahun}/{filename}"


class DataDukung(models.Model):
    """Periodic evidence ("data dukung") the pegawai adds for a period: a link or a file."""

    skp = models.ForeignKey(Skp, models.CASCADE, related_name="data_dukung")
    rhk = models.ForeignKey(Rhk, models.CASCADE, null=True, blank=True, related_name="data_dukung")
    jenis = models.CharField(max_length=10, choices=JenisPeriode.choices)
    ke = models.PositiveSmallIntegerField()
    keterangan = models.CharField(_("keterangan"), max_length=250)
    tautan = models.URLField(_("tautan"), max_length=500, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=data_dukung_path, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("data dukung")
        verbose_name_plural = _("data dukung")
        ordering = ["jenis", "ke", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(tautan="") | ~Q(berkas=""), name="datadukung_link_or_file"),
        ]

    def __str__(self):
        return self.keterangan


class Penilaian(models.Model):
    """The evaluation of one SKP for one period (monthly, quarterly or the year): the atasan's
    ratings, the predikat from the PermenPANRB 6/2022 matrix, and angka kredit (PerBKN 3/2023)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    skp = models.ForeignKey(Skp, models.CASCADE, related_name="penilaian")
    jenis = models.CharField(_("jenis periode"), max_length=10, choices=JenisPeriode.choices)
    ke = models.PositiveSmallIntegerField(_("periode ke"))
    penilai = models.ForeignKey("accounts.Pegawai", models.SET_NULL, null=True, blank=True, related_name="+")
    # optional self assessment
    hasil_kerja_mandiri = models.CharField(
        _("penilaian mandiri hasil kerja"), max_length=10, choices=Rating.choices, blank=True
    )
    refleksi = models.TextField(_("catatan penilaian mandiri"), max_length=2000, blank=True)
    # the atasan's evaluation
    hasil_kerja_saran = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    hasil_kerja = models.CharField(_("hasil kerja"), max_length=10, choices=Rating.choices, blank=True)
    alasan_beda_saran = models.CharField(_("alasan berbeda dari saran"), max_length=500, blank=True)
    perilaku_kerja = models.CharField(_("perilaku kerja"), max_length=10, choices=Rating.choices, blank=True)
    umpan_balik = models.TextField(_("umpan balik"), max_length=2000, blank=True)
    # umpan balik per BerAKHLAK aspect: {aspek: text}
    umpan_balik_perilaku = models.JSONField(default=dict, blank=True)
    predikat = models.CharField(_("predikat"), max_length=20, choices=Predikat.choices, blank=True)
    # stored to 6 places; the contract function itself is unrounded
    angka_kredit = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    dinilai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        ordering = ["skp", "jenis", "ke"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "jenis", "ke"], name="penilaian_unique_period"),
            models.CheckConstraint(
                condition=Q(predikat="") | (~Q(hasil_kerja="") & ~Q(perilaku_kerja="")),
                name="penilaian_predikat_needs_ratings",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "jenis", "ke", "predikat"])]

    def __str__(self):
        return f"{self.skp} {self.jenis} {self.ke}"


class PenilaianRhk(models.Model):
    """The atasan's rating of one RHK in a period, with the umpan balik."""

    penilaian = models.ForeignKey(Penilaian, models.CASCADE, related_name="per_rhk")
    rhk = models.ForeignKey(Rhk, models.CASCADE, related_name="+")
    rating = models.CharField(max_length=10, choices=Rating.choices)
    umpan_balik = models.CharField(_("umpan balik"), max_length=1000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["penilaian", "rhk"], name="penilaianrhk_unique")]

    def __str__(self):
        return f"{self.penilaian_id}/{self.rhk_id}: {self.rating}"


class Komentar(models.Model):
    """The continuous feedback thread between the pegawai and the pejabat penilai on one SKP."""

    skp = models.ForeignKey(Skp, models.CASCADE, related_name="komentar")
    penulis = models.ForeignKey("accounts.Pegawai", models.SET_NULL, null=True, related_name="+")
    isi = models.TextField(_("pesan"), max_length=2000)
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["waktu", "pk"]

    def __str__(self):
        return self.isi[:60]


def bkn_ekspor_path(instance, filename):
    return f"bkn/{instance.pemda_id}/{instance.tahun}/{filename}"


class BknEkspor(models.Model):
    """One export of closed evaluations to BKN's kinerjaperiodik shape (issue 19): who, when, which
    period and OPD, how many records, and the zip (JSON + CSV + the evaluation PDFs)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        "accounts.UnitKerja", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis periode"), max_length=10, choices=JenisPeriode.choices)
    ke = models.PositiveSmallIntegerField(_("periode ke"))
    jumlah = models.PositiveIntegerField(_("jumlah data"), default=0)
    berkas = models.FileField(_("berkas"), upload_to=bkn_ekspor_path, blank=True)
    dibuat_oleh = models.ForeignKey("accounts.User", models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("ekspor BKN")
        verbose_name_plural = _("ekspor BKN")
        ordering = ["-dibuat", "-pk"]
        indexes = [models.Index(fields=["pemda", "-dibuat"])]

    def __str__(self):
        return f"{self.tahun} {self.jenis} {self.ke} ({self.jumlah})"

    @property
    def judul(self) -> str:
        from .bkn import judul

        return judul(self.tahun, self.jenis, self.ke)


class BknKirim(models.Model):
    """The push state of one Penilaian to BKN (issue 19): TERKIRIM only once BKN answered success,
    so a failed or interrupted batch re-pushes exactly the records that are not TERKIRIM."""

    class Status(models.TextChoices):
        GAGAL = "GAGAL", _("Gagal")
        TERKIRIM = "TERKIRIM", _("Terkirim")

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    penilaian = models.OneToOneField(Penilaian, models.CASCADE, related_name="bkn_kirim")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GAGAL)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    bkn_id = models.CharField(_("ID di BKN"), max_length=64, blank=True)
    data = models.JSONField(_("data terkirim"), default=dict, blank=True)
    diubah = models.DateTimeField(auto_now=True)
    terkirim_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman BKN")
        verbose_name_plural = _("pengiriman BKN")
        indexes = [models.Index(fields=["pemda", "status"])]

    def __str__(self):
        return f"{self.penilaian_id}: {self.status}"
