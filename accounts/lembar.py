"""Sheets of activation codes for many accounts at once: after an import, and for a pemda's go-live.

Codes are made for the accounts that are not activated yet, only where the access policy lets the
actor issue them (accounts.permissions), and printed on a PDF with one section per OPD. The PDF is
the only place their plain text ever rests: it is rendered in the same request or job that makes
the codes, kept as a file only until its maker downloads it once (then deleted), and a sheet nobody
downloaded is deleted once its codes have expired. Re-printing makes new codes (the old ones stop
working), since no code can be read back.
"""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.dates import today
from core.jobs import job_finish, job_run, job_start
from core.models import Job

from . import aktivasi, services_akun
from .models import KodeAktivasi, LembarAktivasi, Pegawai, User
from .permissions import Kebijakan
from .selectors import nama_jabatan_utama, pegawai_visible_to

# Rows of one table: a table that runs over many pages makes weasyprint's layout grow faster than
# the rows; cut in page-sized tables it costs about 12 ms a row (150 rows 3.4 s, 2,000 rows 25 s).
BARIS_PER_TABEL = 16
# Up to this many codes the sheet is made in the request (a few seconds); more go to the worker.
INLINE_KODE = 150


@dataclass
class HasilLembar:
    lembar: LembarAktivasi | None
    dibuat: int
    ditolak: list[tuple[Pegawai, str]] = field(default_factory=list)


def belum_aktif(actor: User) -> QuerySet[Pegawai]:
    """Pegawai in the actor's scope whose account is not activated (new, or its password reset)."""
    return pegawai_visible_to(actor).filter(user__isnull=False, user__wajib_ganti_password=True)


def tanpa_kode_berlaku(qs: QuerySet[Pegawai]) -> QuerySet[Pegawai]:
    """Those of `qs` that hold no valid code (re-printing for them voids nothing handed out)."""
    now = timezone.now()
    valid = KodeAktivasi.objects.filter(dipakai__isnull=True, dibatalkan__isnull=True, berlaku_sampai__gt=now)
    return qs.exclude(user__in=valid.values("user"))


def _pdf(*, actor: User, judul: str, orang: list[Pegawai], codes: dict[int, str], ditolak, berlaku_sampai) -> bytes:
    jabatan = nama_jabatan_utama([p.pk for p in orang], on=today())
    bagian: dict[str, list[dict]] = {}
    for p in orang:
        rows = bagian.setdefault(p.opd.nama if p.opd_id else _("Tanpa OPD"), [])
        rows.append(
            {
                "no": len(rows) + 1,
                "nama": p.nama_lengkap,
                "nip": p.nip_tampil,
                "jabatan": jabatan.get(p.pk, ""),
                "kode": aktivasi.kode_tampil(codes[p.user_id]),
            }
        )
    pemda = next((p.pemda.nama for p in orang), "")
    ctx = {
        "judul": judul,
        "pemda": pemda,
        "bagian_list": [
            {
                "opd": nama,
                "jumlah": len(rows),
                "potongan": [rows[i : i + BARIS_PER_TABEL] for i in range(0, len(rows), BARIS_PER_TABEL)],
            }
            for nama, rows in bagian.items()
        ],
        "ditolak": [{"nama": p.nama_lengkap, "nip": p.nip_tampil, "alasan": alasan} for p, alasan in ditolak],
        "berlaku": services_akun.berlaku_tampil(berlaku_sampai),
        "dicetak": services_akun.berlaku_tampil(timezone.now()),
        "oleh": actor.get_full_name() or actor.username,
        "url": services_akun.aktivasi_url(),
    }
    from weasyprint import HTML  # imported here: pango loads only when a PDF is made

    return HTML(string=render_to_string("accounts/pdf/lembar_aktivasi.html", ctx)).write_pdf()


def lembar_bersihkan() -> int:
    """Delete sheets nobody downloaded once their codes have expired (their text must not linger);
    nightly, and before each new sheet. Returns how many files were deleted."""
    n = 0
    for lembar in LembarAktivasi.objects.filter(dibuat__lt=timezone.now() - aktivasi.BERLAKU).exclude(berkas=""):
        default_storage.delete(lembar.berkas)
        n += LembarAktivasi.objects.filter(pk=lembar.pk).update(berkas="")
    return n


def lembar_aktivasi_buat(*, actor: User, pegawai: QuerySet[Pegawai], judul: str) -> HasilLembar:
    """New codes for the not-yet-activated accounts among `pegawai` that the actor may issue, and the
    PDF sheet that prints them (per OPD), kept for one download. The others are listed with why."""
    orang = list(
        pegawai.filter(user__isnull=False, user__wajib_ganti_password=True)
        .select_related("user", "opd", "pemda")
        .order_by("opd__nama", "nama", "pk")
    )
    kebijakan = Kebijakan(actor)
    boleh, ditolak = [], []
    for p in orang:
        alasan = kebijakan.alasan_tolak(p.user)
        if alasan:
            ditolak.append((p, alasan))
        else:
            boleh.append(p)
    if not boleh:
        return HasilLembar(lembar=None, dibuat=0, ditolak=ditolak)
    codes = {p.user_id: aktivasi.kode_baru() for p in boleh}
    berlaku_sampai = timezone.now() + aktivasi.BERLAKU
    pdf = _pdf(actor=actor, judul=judul, orang=boleh, codes=codes, ditolak=ditolak, berlaku_sampai=berlaku_sampai)
    lembar_bersihkan()
    path = default_storage.save(f"aktivasi/{uuid.uuid4().hex}.pdf", ContentFile(pdf))
    try:
        with transaction.atomic():
            services_akun.kode_simpan(codes, actor=actor, berlaku_sampai=berlaku_sampai)
            sesudah = {"berlaku_sampai": berlaku_sampai, "lembar": True}
            audit.catat_banyak([audit.Entri("pegawai:kode_aktivasi", p, sesudah=sesudah) for p in boleh], actor=actor)
            lembar = LembarAktivasi.objects.create(
                pemda_id=boleh[0].pemda_id, judul=judul[:200], jumlah=len(boleh), berkas=path, dibuat_oleh=actor
            )
    except BaseException:
        default_storage.delete(path)
        raise
    return HasilLembar(lembar=lembar, dibuat=len(boleh), ditolak=ditolak)


def lembar_siap(user: User):
    """The sheets a user made that still wait for their one download."""
    batas = timezone.now() - aktivasi.BERLAKU
    return LembarAktivasi.objects.filter(dibuat_oleh=user, diunduh__isnull=True, dibuat__gt=batas).exclude(berkas="")


def lembar_ambil(*, actor: User, lembar: LembarAktivasi) -> bytes:
    """The sheet's PDF, once: the file is deleted as it is handed out."""
    if lembar.dibuat_oleh_id != actor.pk:
        raise PermissionDenied(_("Lembar kode aktivasi hanya dapat diunduh oleh pembuatnya."))
    with transaction.atomic():
        taken = (
            LembarAktivasi.objects.filter(pk=lembar.pk, diunduh__isnull=True)
            .exclude(berkas="")
            .update(diunduh=timezone.now(), berkas="")
        )
        if taken != 1 or not default_storage.exists(lembar.berkas):
            raise ValidationError(
                _("Lembar ini sudah diunduh atau sudah kedaluwarsa. Buat lembar baru bila kodenya hilang."),
                code="lembar_habis",
            )
        with default_storage.open(lembar.berkas, "rb") as f:
            pdf = f.read()
    default_storage.delete(lembar.berkas)
    return pdf


def pesan_hasil(hasil: HasilLembar) -> str:
    """What the admin is told after a sheet was made (or could not be)."""
    parts = []
    if hasil.dibuat:
        parts.append(
            _("Lembar kode aktivasi untuk %(n)d pegawai siap diunduh di halaman Aktivasi akun (hanya sekali).")
            % {"n": hasil.dibuat}
        )
    if hasil.ditolak:
        parts.append(
            _(
                "%(n)d pegawai tidak dibuatkan kode oleh Anda (atasan Anda sendiri atau pemegang peran); "
                "mintalah kepada HR/BKPSDM."
            )
            % {"n": len(hasil.ditolak)}
        )
    if not parts:
        parts.append(_("Tidak ada akun yang perlu dibuatkan kode aktivasi."))
    return " ".join(parts)


# --- the background job ------------------------------------------------------------------------------


def lembar_aktivasi_job(job_id: int) -> None:
    """Make a sheet for an OPD (or a list of pegawai) in the worker: `params` holds `opd` or
    `pegawai`, and `semua` (also re-issue codes still valid)."""

    def body(job: Job) -> None:
        actor = job.created_by
        qs = belum_aktif(actor)
        if job.params.get("pegawai") is not None:
            qs = qs.filter(pk__in=job.params["pegawai"])
        if job.params.get("opd") is not None:
            qs = qs.filter(opd_id=job.params["opd"])
        if not job.params.get("semua"):
            qs = tanpa_kode_berlaku(qs)
        job_start(job_id, total=qs.count(), message=_("Membuat kode aktivasi dan lembarnya"))
        hasil = lembar_aktivasi_buat(actor=actor, pegawai=qs, judul=job.title)
        result = {"lembar": hasil.lembar.pk if hasil.lembar else None, "dibuat": hasil.dibuat}
        job_finish(job_id, message=pesan_hasil(hasil), result=result)

    job_run(job_id, body)
