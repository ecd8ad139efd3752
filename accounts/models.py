"""Organisation and people: who works where, and through the jabatan tree, who approves whom."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    Eselon,
    Golongan,
    JenisJabatan,
    JenisKelamin,
    JenisPemda,
    JenisPenempatan,
    JenisUnit,
    KedudukanHukum,
    Role,
    StatusPegawai,
    ZonaWaktu,
)


def zona_bawaan() -> str:
    """A new pemda's time zone: the installation's (settings.TIME_ZONE) when it is one of Indonesia's
    three, else WIB."""
    return settings.TIME_ZONE if settings.TIME_ZONE in ZonaWaktu.values else ZonaWaktu.WIB


class Pemda(models.Model):
    """A pemerintah daerah; every row that belongs to one carries this key (DESIGN.md §2)."""

    nama = models.CharField(_("nama"), max_length=200, unique=True)
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisPemda.choices)
    kode = models.CharField(_("kode"), max_length=20, unique=True)
    # Role holders (admin OPD, HR, superadmin) are signed out after this long without a request
    # (accounts.middleware.BatasDiamMiddleware), besides the absolute SESSION_COOKIE_AGE.
    batas_diam_menit = models.PositiveSmallIntegerField(
        _("batas tidak aktif (menit)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(720)],
        help_text=_("Admin OPD, HR dan superadmin keluar otomatis setelah tidak aktif selama ini."),
    )
    # The requests of the pemda's users run in this zone (accounts.middleware.ZonaWaktuMiddleware):
    # "today", the entry window and the punch times are the pemda's own wall clock.
    zona_waktu = models.CharField(_("zona waktu"), max_length=20, choices=ZonaWaktu.choices, default=zona_bawaan)

    class Meta:
        verbose_name = _("pemda")
        verbose_name_plural = _("pemda")
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class User(AbstractUser):
    """A login. Every user but a superadmin is a pegawai; roles add admin powers on top."""

    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, default=Role.PEGAWAI)
    pemda = models.ForeignKey(Pemda, models.PROTECT, null=True, blank=True, verbose_name=_("pemda"))
    # The OPD an admin OPD manages (kepegawaian of that OPD only).
    opd = models.ForeignKey(
        "accounts.UnitKerja",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="admins",
        verbose_name=_("OPD yang dikelola"),
    )
    # Set while the account is not activated: a new account, or one whose password an admin reset.
    # Such an account has no usable password and nobody can log into it; its owner types a one-time
    # activation code (KodeAktivasi) and chooses a password, which clears the flag (DESIGN.md §4).
    wajib_ganti_password = models.BooleanField(
        _("belum diaktifkan"),
        default=False,
        help_text=_("Akun baru atau yang kata sandinya diatur ulang: hanya dapat dibuka dengan kode aktivasi."),
    )
    # The daily reminder digest (activities/reminders.py); the employee may turn it off.
    terima_pengingat = models.BooleanField(
        _("terima pengingat harian"),
        default=True,
        help_text=_("Pengingat aktivitas yang belum diisi dan antrean persetujuan, setiap pagi hari kerja."),
    )
    # The day the last digest went out: a rerun the same day sends nothing new.
    pengingat_terakhir = models.DateField(_("pengingat terakhir"), null=True, blank=True, editable=False)
    # the three-step welcome on the beranda (issue 17) shows until its owner closes it
    sambutan_ditutup = models.DateTimeField(_("sambutan ditutup"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.ADMIN_OPD) | Q(opd__isnull=False),
                name="user_admin_opd_has_opd",
            ),
        ]

    @property
    def is_admin_opd(self) -> bool:
        return self.role == Role.ADMIN_OPD

    @property
    def is_hr_pemda(self) -> bool:
        return self.role == Role.HR_PEMDA

    @property
    def is_superadmin(self) -> bool:
        return self.role == Role.SUPERADMIN or self.is_superuser

    @property
    def can_manage_org(self) -> bool:
        """Admin OPD (own OPD), HR pemda (whole pemda) and superadmin manage units and people."""
        return self.is_admin_opd or self.is_hr_pemda or self.is_superadmin


class UnitKerja(models.Model):
    """A node of the organisation tree: OPD → bidang/bagian/sekretariat → subbidang/seksi; UPT."""

    pemda = models.ForeignKey(Pemda, models.PROTECT, related_name="units", verbose_name=_("pemda"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )
    # The OPD this unit belongs to (itself for an OPD): kept on the row so that scoping an admin
    # OPD to their units is one indexed filter, not a tree walk.
    opd = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD"))
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisUnit.choices)
    kode = models.CharField(_("kode"), max_length=40, blank=True, help_text=_("Kode unor SIASN, jika ada."))
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "parent", "nama"], name="unit_unique_name_under_parent"),
        ]
        indexes = [models.Index(fields=["pemda", "opd"])]

    def __str__(self):
        return self.nama

    @property
    def is_opd(self) -> bool:
        return self.parent_id is None

    def clean(self):
        if self.parent_id:
            if self.parent.pemda_id != self.pemda_id:
                raise ValidationError({"parent": _("Unit induk harus dari pemda yang sama.")})
            node = self.parent
            while node is not None:
                if self.pk and node.pk == self.pk:
                    raise ValidationError({"parent": _("Unit induk tidak boleh unit ini sendiri atau bawahannya.")})
                node = node.parent


class Jabatan(models.Model):
    """A position in the position tree; the holder of `parent` is the atasan (DESIGN.md §2)."""

    pemda = models.ForeignKey(Pemda, models.PROTECT, related_name="jabatan", verbose_name=_("pemda"))
    unit = models.ForeignKey(UnitKerja, models.PROTECT, related_name="jabatan", verbose_name=_("unit kerja"))
    opd = models.ForeignKey(UnitKerja, models.PROTECT, related_name="+", verbose_name=_("OPD"))
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("jabatan atasan"),
    )
    nama = models.CharField(_("nama jabatan"), max_length=250)
    jenis = models.CharField(_("jenis jabatan"), max_length=15, choices=JenisJabatan.choices)
    eselon = models.CharField(_("eselon"), max_length=5, choices=Eselon.choices, blank=True)
    kelas = models.PositiveSmallIntegerField(
        _("kelas jabatan"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["-kelas", "nama"]
        constraints = [
            models.CheckConstraint(condition=Q(kelas__gte=1, kelas__lte=17), name="jabatan_kelas_1_17"),
        ]
        indexes = [models.Index(fields=["pemda", "opd"])]

    def __str__(self):
        return self.nama

    def clean(self):
        errors = {}
        if self.unit_id and self.pemda_id and self.unit.pemda_id != self.pemda_id:
            errors["unit"] = _("Unit kerja harus dari pemda yang sama.")
        if self.parent_id:
            if self.parent.pemda_id != self.pemda_id:
                errors["parent"] = _("Jabatan atasan harus dari pemda yang sama.")
            node = self.parent
            while node is not None:
                if self.pk and node.pk == self.pk:
                    errors["parent"] = _("Jabatan atasan tidak boleh jabatan ini sendiri atau bawahannya.")
                    break
                node = node.parent
        structural = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}
        if self.jenis in structural and not self.eselon:
            errors["eselon"] = _("Jabatan struktural wajib memiliki eselon.")
        if self.jenis not in structural and self.eselon:
            errors["eselon"] = _("Hanya jabatan struktural yang memiliki eselon.")
        if errors:
            raise ValidationError(errors)


class Pegawai(models.Model):
    """An ASN (PNS, CPNS or PPPK) identified by NIP (Perka BKN 22/2007) or NI PPPK."""

    pemda = models.ForeignKey(Pemda, models.PROTECT, related_name="pegawai", verbose_name=_("pemda"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="pegawai",
        verbose_name=_("akun"),
    )
    # unique per pemda here, and across the installation through its reference table (core.Indeks)
    nip = models.CharField(_("NIP"), max_length=18)
    # SIASN's own id of the person ("PNS ID" of its Export Data ASN; pnsDinilaiId in kinerjaperiodik)
    siasn_id = models.CharField(_("ID SIASN"), max_length=64, blank=True)
    nama = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    status = models.CharField(_("status kepegawaian"), max_length=4, choices=StatusPegawai.choices)
    golongan = models.CharField(_("golongan"), max_length=5, choices=Golongan.choices)
    kedudukan_hukum = models.CharField(
        _("kedudukan hukum"), max_length=3, choices=KedudukanHukum.choices, default=KedudukanHukum.AKTIF
    )
    gaji_dasar = models.PositiveBigIntegerField(
        _("gaji dasar (Rp)"),
        default=0,
        help_text=_("Gaji pokok + tunjangan yang menjadi dasar iuran BPJS Kesehatan."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    no_hp = models.CharField(_("nomor HP"), max_length=20, blank=True)
    # The OPD of the current (or last) posting, kept by services so that admin OPD scoping is one
    # indexed filter. The posting history itself is Penempatan.
    opd = models.ForeignKey(UnitKerja, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD"))

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        indexes = [models.Index(fields=["pemda", "opd", "nama"])]
        constraints = [
            models.UniqueConstraint(fields=["nip", "pemda"], name="pegawai_nip_unik"),
        ]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def nip_tampil(self) -> str:
        """NIP grouped as printed on SK: `19860926 201505 1 001`."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n


class Penempatan(models.Model):
    """A posting of a pegawai to a jabatan for a period; history is ended, never overwritten."""

    pemda = models.ForeignKey(Pemda, models.PROTECT, related_name="+", verbose_name=_("pemda"))
    pegawai = models.ForeignKey(Pegawai, models.PROTECT, related_name="penempatan", verbose_name=_("pegawai"))
    jabatan = models.ForeignKey(Jabatan, models.PROTECT, related_name="penempatan", verbose_name=_("jabatan"))
    jenis = models.CharField(
        _("jenis penempatan"), max_length=10, choices=JenisPenempatan.choices, default=JenisPenempatan.DEFINITIF
    )
    mulai = models.DateField(_("mulai (TMT)"))
    selesai = models.DateField(_("selesai"), null=True, blank=True, help_text=_("Kosong jika masih berlaku."))
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=250, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penempatan")
        verbose_name_plural = _("penempatan")
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="penempatan_selesai_after_mulai",
            ),
        ]
        indexes = [
            models.Index(fields=["jabatan", "mulai", "selesai"]),
            models.Index(fields=["pegawai", "mulai", "selesai"]),
        ]

    def __str__(self):
        return f"{self.pegawai.nama} – {self.jabatan.nama} ({self.get_jenis_display()})"

    def berlaku_pada(self, on) -> bool:
        return self.mulai <= on and (self.selesai is None or self.selesai >= on)


class PeriodeTutup(models.Model):
    """A closed month of a pemda: activities (and later attendance and TPP rows) of it are frozen.

    Closing is done by HR with the TPP issue; every write service checks this lock first.
    """

    pemda = models.ForeignKey(Pemda, models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    bulan = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)])
    ditutup_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    ditutup_pada = models.DateTimeField(auto_now_add=True)
    catatan = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("periode tertutup")
        verbose_name_plural = _("periode tertutup")
        constraints = [models.UniqueConstraint(fields=["pemda", "tahun", "bulan"], name="periodetutup_unique")]

    def __str__(self):
        return f"{self.bulan:02d}/{self.tahun}"


class KodeAktivasi(models.Model):
    """A one-time activation code: the only way into an account that has no password yet or whose
    password an admin reset (DESIGN.md §4: no password is ever derived from public data).

    Only a keyed hash of the code is kept (accounts.aktivasi), so the code is shown once, to the admin
    who made it or on the sheet printed then, and can never be read back. A code is valid until
    `berlaku_sampai`, once, and only while it is the newest of its account (a new one voids the old).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="kode_aktivasi")
    kode_hash = models.CharField(max_length=64)
    dibuat = models.DateTimeField(auto_now_add=True)
    berlaku_sampai = models.DateTimeField(_("berlaku sampai"))
    dipakai = models.DateTimeField(_("dipakai"), null=True, blank=True)
    dibatalkan = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    # Wrong codes typed for this account while the code is valid: past a few, a cool-off (no guessing).
    gagal = models.PositiveSmallIntegerField(default=0)
    gagal_terakhir = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kode aktivasi")
        verbose_name_plural = _("kode aktivasi")
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["user", "-dibuat"])]

    def __str__(self):
        return f"{self.user} ({self.dibuat:%Y-%m-%d})"


class LembarAktivasi(models.Model):
    """A PDF sheet of new activation codes (per OPD), kept only until its maker downloads it once.

    The sheet is the one place a code's plain text rests, and only for that short while: the file is
    deleted at the download, and a sheet older than a code's lifetime is deleted unread.
    """

    pemda = models.ForeignKey(Pemda, models.CASCADE, null=True, blank=True, related_name="+")
    judul = models.CharField(_("judul"), max_length=200)
    jumlah = models.PositiveIntegerField(_("jumlah kode"), default=0)
    berkas = models.CharField(max_length=200, blank=True)  # path in default_storage; "" once gone
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    diunduh = models.DateTimeField(_("diunduh"), null=True, blank=True)

    class Meta:
        verbose_name = _("lembar kode aktivasi")
        verbose_name_plural = _("lembar kode aktivasi")
        ordering = ["-dibuat"]

    def __str__(self):
        return self.judul
