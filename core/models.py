"""Models every app uses: the workflow log base, background jobs, drafts and idempotency keys."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BarisAnak(models.Model):
    """A row under a parent row of a pemda carries that pemda itself (DESIGN.md §2, issue 20): every
    tenant table has the distribution key, so PostgreSQL can be distributed by pemda (Citus) with the
    parent and child on one node. `induk` names the parent foreign key; its pemda is copied when the
    row is saved or validated without one (a bulk insert must set `pemda` itself)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+", editable=False)

    induk = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._pemda_isi()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self._pemda_isi()
        super().clean_fields(exclude=exclude)

    def _pemda_isi(self):
        if self.pemda_id is None and self.induk:
            self.pemda_id = getattr(self, self.induk).pemda_id


class TransitionLog(BarisAnak):
    """Every move of a workflow object (core.workflow): who, when, from, to, the note, and the role
    the actor acted in. Each workflow's log inherits it, adds the foreign key to its object (named as
    the workflow's `log_fk`, which is also its `induk`) and may narrow `dari`, `ke` and `peran` to its
    own choices."""

    dari = models.CharField(max_length=20, blank=True)
    ke = models.CharField(max_length=20)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    peran = models.CharField(max_length=20, blank=True)
    catatan = models.CharField(max_length=500, blank=True)
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta(BarisAnak.Meta):
        abstract = True
        ordering = ["waktu", "pk"]


class Job(models.Model):
    """One run of a Celery job: what the progress bar reads, and where its result file lands."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Menunggu giliran")
        RUNNING = "RUNNING", _("Sedang berjalan")
        DONE = "DONE", _("Selesai")
        FAILED = "FAILED", _("Gagal")

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("jenis"), max_length=60)
    title = models.CharField(_("judul"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    file = models.FileField(_("berkas"), upload_to="jobs/%Y/%m/", blank=True)
    error = models.TextField(_("galat"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="jobs")
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        ordering = ["-created"]
        indexes = [models.Index(fields=["created_by", "-created"], name="job_pembuat_terbaru_idx")]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Draf(models.Model):
    """What a user has typed into a form but not yet sent (issue 8, "no lost input").

    One row per user and form key (e.g. "aktivitas:tambah", "aktivitas:ubah:12"); text fields only,
    never uploaded files; deleted when the real submit succeeds."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="draf")
    kunci = models.CharField(_("kunci formulir"), max_length=100)
    data = models.JSONField(default=dict)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("draf isian")
        verbose_name_plural = _("draf isian")
        constraints = [models.UniqueConstraint(fields=["user", "kunci"], name="draf_unik_per_user")]

    def __str__(self):
        return f"{self.user_id}:{self.kunci}"


class KunciIdempotensi(models.Model):
    """One create/submit per key per user: a repeated request (double click, retry) gets the first result.

    The unique constraint, not a check in Python, is what holds when two requests arrive together."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    kunci = models.UUIDField(_("kunci"))
    hasil_url = models.CharField(_("alamat hasil"), max_length=500, blank=True)
    objek_id = models.BigIntegerField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kunci idempotensi")
        verbose_name_plural = _("kunci idempotensi")
        constraints = [models.UniqueConstraint(fields=["user", "kunci"], name="kunci_idempotensi_unik_per_user")]

    def __str__(self):
        return f"{self.user_id}:{self.kunci}"


class AuditQuerySet(models.QuerySet):
    """The audit trail is appended to, never changed: no bulk update or delete through the ORM (the
    database refuses them too, core/migrations/0002)."""

    def update(self, **kwargs):
        raise PermissionError("The audit trail cannot be changed.")

    def delete(self):
        raise PermissionError("The audit trail cannot be deleted.")


class AuditLog(models.Model):
    """One write of pay- or access-relevant data (core.audit): who, in which role, when, on what,
    before and after, and the request it came with. Each pemda's rows form a hash chain (`seq`,
    `hash_sebelum` → `hash`), so an altered or removed row is found by `manage.py audit_verify`.

    The pemda and the actor are kept as plain ids (no database constraint): no cascade or SET NULL can
    ever change a row, and deleting a user leaves their name in `actor_nama`."""

    pemda = models.ForeignKey(
        "accounts.Pemda", models.DO_NOTHING, null=True, blank=True, db_constraint=False, related_name="+"
    )
    seq = models.PositiveBigIntegerField(_("urutan"))
    waktu = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.DO_NOTHING, null=True, blank=True, db_constraint=False, related_name="+"
    )
    actor_nama = models.CharField(_("oleh"), max_length=200, blank=True)
    peran = models.CharField(_("sebagai"), max_length=20, blank=True)
    objek_tipe = models.CharField(_("jenis data"), max_length=100)
    objek_id = models.CharField(_("id data"), max_length=64, blank=True)
    objek_repr = models.CharField(_("data"), max_length=300, blank=True)
    pegawai_id = models.BigIntegerField(_("pegawai"), null=True, blank=True)  # whose record it is, if anyone's
    aksi = models.CharField(_("tindakan"), max_length=60)
    sebelum = models.JSONField(_("sebelum"), default=dict, blank=True)
    sesudah = models.JSONField(_("sesudah"), default=dict, blank=True)
    request_id = models.CharField(_("id permintaan"), max_length=64, blank=True)
    hash_sebelum = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-waktu", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "seq"], name="audit_urutan_unik_per_pemda"),
        ]
        indexes = [
            models.Index(fields=["objek_tipe", "objek_id"], name="audit_objek_idx"),
            models.Index(fields=["pemda", "waktu"], name="audit_pemda_waktu_idx"),
            models.Index(fields=["actor", "waktu"], name="audit_actor_idx"),
            models.Index(fields=["pegawai_id", "waktu"], name="audit_pegawai_idx"),
        ]

    def __str__(self):
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.actor_nama} {self.aksi} {self.objek_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail cannot be deleted.")

    @property
    def perubahan(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each value the row records after the write."""
        sebelum = self.sebelum or {}
        return [(k, sebelum.get(k), v) for k, v in (self.sesudah or {}).items()]


class Indeks(models.Model):
    """An installation-wide lookup (issue 20): which pemda holds a key that is unique across the
    installation (a NIP, an integration token's hash), and the row's id there. A small reference
    table (on Citus, copied to every node), so a login by NIP or a punch by token finds its pemda
    without asking every pemda's shard; the tenant tables keep the key unique per pemda only. Kept by
    `core.indeks` from the owning model's saves and deletes."""

    class Jenis(models.TextChoices):
        NIP = "NIP", "NIP"
        TOKEN = "TOKEN", "token integrasi"

    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    kunci = models.CharField(max_length=64)
    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    # a plain id: a reference table cannot hold a foreign key into a distributed one
    objek_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("indeks instalasi")
        verbose_name_plural = _("indeks instalasi")
        constraints = [models.UniqueConstraint(fields=["jenis", "kunci"], name="indeks_kunci_unik")]
        indexes = [models.Index(fields=["jenis", "objek_id"])]

    def __str__(self):
        return f"{self.jenis}:{self.kunci} → {self.pemda_id}"
