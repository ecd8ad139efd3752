"""SKP (Sasaran Kinerja Pegawai, PermenPANRB 6/2022): the plan with its cascading RHK, the periodic
evidence, and the periodic and annual evaluation that yields the predikat."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BarisAnak, TransitionLog

from .choices import (
    Aspek,
    JenisPeriode,
    Jenjang,
    Pendekatan,
    Peran,
    PeranKeberatan,
    Periodik,
    Perspektif,
    Predikat,
    Rating,
    Status,
    StatusKeberatan,
)


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
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "pemda"], name="predikatorganisasi_unique")]

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
            models.UniqueConstraint(fields=["pegawai", "mulai", "pemda"], name="skp_unique_start"),
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
    induk = "skp"
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


class Indikator(BarisAnak):
    """An indikator kinerja individu (IKI) of an RHK with its target for the SKP period."""

    rhk = models.ForeignKey(Rhk, models.CASCADE, related_name="indikator")
    induk = "rhk"
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


class RencanaAksi(BarisAnak):
    """A rencana aksi under an RHK for one month (a quarter is planned on its months)."""

    rhk = models.ForeignKey(Rhk, models.CASCADE, related_name="rencana_aksi")
    induk = "rhk"
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


class DataDukung(BarisAnak):
    """Periodic evidence ("data dukung") the pegawai adds for a period: a link or a file."""

    skp = models.ForeignKey(Skp, models.CASCADE, related_name="data_dukung")
    induk = "skp"
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
            models.UniqueConstraint(fields=["skp", "jenis", "ke", "pemda"], name="penilaian_unique_period"),
            models.CheckConstraint(
                condition=Q(predikat="") | (~Q(hasil_kerja="") & ~Q(perilaku_kerja="")),
                name="penilaian_predikat_needs_ratings",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "jenis", "ke", "predikat"])]

    def __str__(self):
        return f"{self.skp} {self.jenis} {self.ke}"


class PenilaianRhk(BarisAnak):
    """The atasan's rating of one RHK in a period, with the umpan balik."""

    penilaian = models.ForeignKey(Penilaian, models.CASCADE, related_name="per_rhk")
    induk = "penilaian"
    rhk = models.ForeignKey(Rhk, models.CASCADE, related_name="+")
    rating = models.CharField(max_length=10, choices=Rating.choices)
    umpan_balik = models.CharField(_("umpan balik"), max_length=1000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["penilaian", "rhk", "pemda"], name="penilaianrhk_unique")]

    def __str__(self):
        return f"{self.penilaian_id}/{self.rhk_id}: {self.rating}"


class Komentar(BarisAnak):
    """The continuous feedback thread between the pegawai and the pejabat penilai on one SKP."""

    skp = models.ForeignKey(Skp, models.CASCADE, related_name="komentar")
    induk = "skp"
    penulis = models.ForeignKey("accounts.Pegawai", models.SET_NULL, null=True, related_name="+")
    isi = models.TextField(_("pesan"), max_length=2000)
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["waktu", "pk"]

    def __str__(self):
        return self.isi[:60]


class Keberatan(models.Model):
    """The pegawai's objection to a periodic or annual rating, filed within 14 days of it to the atasan
    of the pejabat penilai, who keeps or changes the rating; the decision is final (PP 30/2019 Pasal 59).
    The decider is derived from the jabatan tree when it is filed (accounts.selectors.atasan_of the
    penilai), never typed, and stored like the SKP's penilai."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    penilaian = models.OneToOneField(Penilaian, models.CASCADE, related_name="keberatan")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="keberatan")
    penilai = models.ForeignKey("accounts.Pegawai", models.SET_NULL, null=True, related_name="+")
    pemutus = models.ForeignKey(
        "accounts.Pegawai", models.SET_NULL, null=True, related_name="keberatan_diputus",
        verbose_name=_("atasan pejabat penilai kinerja"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=14, choices=StatusKeberatan.choices, blank=True)
    alasan = models.TextField(_("alasan keberatan"), max_length=2000)
    # the rating objected to, as it stood when filed
    hasil_kerja_semula = models.CharField(max_length=10, choices=Rating.choices)
    perilaku_kerja_semula = models.CharField(max_length=10, choices=Rating.choices)
    predikat_semula = models.CharField(_("predikat semula"), max_length=20, choices=Predikat.choices)
    # the decision
    hasil_kerja_baru = models.CharField(_("hasil kerja"), max_length=10, choices=Rating.choices, blank=True)
    perilaku_kerja_baru = models.CharField(_("perilaku kerja"), max_length=10, choices=Rating.choices, blank=True)
    predikat_baru = models.CharField(_("predikat keputusan"), max_length=20, choices=Predikat.choices, blank=True)
    keputusan = models.TextField(_("alasan keputusan"), max_length=2000, blank=True)
    dampak_tpp = models.TextField(_("dampak pada TPP"), blank=True)
    batas_ajukan = models.DateField(_("batas pengajuan"))
    batas_putus = models.DateField(_("batas keputusan"))
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diputus_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    diputus_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("keberatan atas penilaian kinerja")
        verbose_name_plural = _("keberatan atas penilaian kinerja")
        ordering = ["-diajukan_pada", "-pk"]
        indexes = [models.Index(fields=["pemutus", "status"]), models.Index(fields=["pemda", "status", "batas_putus"])]

    def __str__(self):
        return f"Keberatan {self.pegawai_id} atas penilaian {self.penilaian_id}"

    @property
    def final(self) -> bool:
        return self.status in (StatusKeberatan.DIPERTAHANKAN, StatusKeberatan.DIUBAH)


class KeberatanLog(TransitionLog):
    """Every move of an objection (core.workflow): filing and the decision."""

    keberatan = models.ForeignKey(Keberatan, models.CASCADE, related_name="log")
    induk = "keberatan"
    dari = models.CharField(max_length=14, choices=StatusKeberatan.choices, blank=True)
    ke = models.CharField(max_length=14, choices=StatusKeberatan.choices)
    peran = models.CharField(max_length=10, choices=PeranKeberatan.choices)

    def __str__(self):
        return f"{self.keberatan_id}: {self.dari} → {self.ke}"


class BimbinganKinerja(models.Model):
    """A performance coaching session of the pejabat penilai with a pegawai and its follow-up
    (PermenPANRB 6/2022 annex: "umpan balik pelaksanaan bimbingan kinerja" and "evaluasi kompetensi /
    tindak lanjut"). A rating below Baik needs one in its period (skp.services_penilaian)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    skp = models.ForeignKey(Skp, models.CASCADE, related_name="bimbingan")
    pembimbing = models.ForeignKey(
        "accounts.Pegawai", models.SET_NULL, null=True, related_name="+", verbose_name=_("pejabat penilai")
    )
    tanggal = models.DateField(_("tanggal bimbingan"))
    aspek = models.CharField(_("aspek/topik bimbingan"), max_length=250)
    temuan = models.TextField(_("hasil pengamatan dan umpan balik"), max_length=2000)
    tindak_lanjut = models.TextField(_("tindak lanjut yang disepakati"), max_length=2000)
    tenggat = models.DateField(_("batas waktu tindak lanjut"), null=True, blank=True)
    hasil_tindak_lanjut = models.TextField(_("hasil tindak lanjut"), max_length=2000, blank=True)
    hasil_dicatat_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bimbingan kinerja")
        verbose_name_plural = _("bimbingan kinerja")
        ordering = ["skp", "tanggal", "pk"]
        indexes = [models.Index(fields=["skp", "tanggal"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(tenggat__isnull=True) | Q(tenggat__gte=models.F("tanggal")),
                name="bimbingan_tenggat_after_tanggal",
            ),
        ]

    def __str__(self):
        return f"{self.tanggal}: {self.aspek[:60]}"


def bkn_ekspor_path(instance, filename):
    return f"bkn/{instance.pemda_id}/{instance.tahun}/{filename}"


from .models_bkn import BknEkspor, BknKirim  # noqa: E402,F401 - the app's models
