"""Celery job bodies of the BKN bridge (issue 19), in the core.jobs pattern of the TPP recaps: the
export writes the zip atomically and logs it (BknEkspor); the push reports per record."""

from django.utils.translation import gettext as _

from accounts.models import UnitKerja
from core.files import simpan_atomik
from core.jobs import job_create, job_finish, job_progress, job_run, job_start
from core.models import Job

from . import bkn
from .bkn_push import Laporan, bkn_push
from .models import BknEkspor

KIND_EKSPOR = "bkn_ekspor"
KIND_KIRIM = "bkn_kirim"


def _params(job: Job) -> tuple[int, int, str, int, int | None]:
    p = job.params
    opd_id = p.get("opd")
    if opd_id is not None:
        UnitKerja.objects.get(pk=opd_id, pemda_id=p["pemda"])  # an OPD of another pemda: fail
    return int(p["pemda"]), int(p["tahun"]), p["jenis"], int(p["ke"]), opd_id


def bkn_ekspor_job(job_id: int) -> None:
    """Job body: params {pemda, tahun, jenis, ke, opd} → zip of JSON, CSV and PDFs, logged."""
    from .exports import penilaian_pdf

    def body(job: Job) -> None:
        pemda_id, tahun, jenis, ke, opd_id = _params(job)
        job_start(job_id, total=0, message=_("Menyiapkan data BKN"))
        pairs = bkn.records(bkn.penilaian_tertutup(pemda_id=pemda_id, tahun=tahun, jenis=jenis, ke=ke, opd_id=opd_id))
        Job.objects.filter(pk=job_id).update(total=len(pairs))
        dasar = bkn.nama_dasar(tahun, jenis, ke) + (f"-opd{opd_id}" if opd_id else "")
        data = bkn.as_zip(
            pairs,
            dasar=dasar,
            pdf=lambda p: penilaian_pdf(p.skp, p.jenis, p.ke),
            progress=lambda n: job_progress(job, done=n),
        )
        nama = simpan_atomik(Job._meta.get_field("file").generate_filename(job, f"{dasar}.zip"), data)
        BknEkspor.objects.create(
            pemda_id=pemda_id,
            opd_id=opd_id,
            tahun=tahun,
            jenis=jenis,
            ke=ke,
            jumlah=len(pairs),
            berkas=nama,
            dibuat_oleh=job.created_by,
        )
        job_finish(
            job_id,
            message=_("Ekspor BKN selesai: %(n)d penilaian. Silakan unduh berkasnya.") % {"n": len(pairs)},
            file_name=nama,
            result={"jumlah": len(pairs)},
        )

    job_run(job_id, body)


def bkn_push_job(job_id: int, *, percobaan: int = 1) -> Laporan:
    """Job body: push the period; the job's message says what went and what failed (and is retried)."""
    hasil = {}

    def body(job: Job) -> None:
        pemda_id, tahun, jenis, ke, opd_id = _params(job)
        job_start(job_id, total=0, message=_("Mengirim ke BKN (percobaan %(n)d)") % {"n": percobaan})
        laporan = bkn_push(pemda_id=pemda_id, tahun=tahun, jenis=jenis, ke=ke, opd_id=opd_id)
        sebelumnya = job.result if percobaan > 1 else {}
        if sebelumnya:
            # a retry reports for the whole job: what its earlier attempts sent counts as sent by
            # this job, not as "already sent before"
            laporan.terkirim += sebelumnya.get("terkirim", 0)
            laporan.sudah = sebelumnya.get("sudah", 0)
        message = _("Terkirim %(t)d, gagal %(g)d, sudah terkirim sebelumnya %(s)d.") % {
            "t": laporan.terkirim,
            "g": laporan.gagal,
            "s": laporan.sudah,
        }
        # `errors`: the job page lists them under "Yang perlu diperbaiki" (NIP and BKN's reason)
        result = laporan.as_result() | {"percobaan": percobaan, "errors": laporan.galat[:50]}
        if len(laporan.galat) > 50:
            result["errors_hidden"] = len(laporan.galat) - 50
        job_finish(job_id, message=message, result=result)
        hasil["laporan"] = laporan

    job_run(job_id, body)
    return hasil["laporan"]


def _mulai(kind, task, *, user, pemda, tahun: int, jenis: str, ke: int, opd=None, kembali: str = "") -> Job:
    title = {KIND_EKSPOR: _("Ekspor BKN %(p)s – %(o)s"), KIND_KIRIM: _("Kirim ke BKN %(p)s – %(o)s")}[kind] % {
        "p": bkn.judul(tahun, jenis, ke),
        "o": opd.nama if opd else _("seluruh OPD"),
    }
    params = {"pemda": pemda.pk, "tahun": tahun, "jenis": jenis, "ke": ke, "opd": opd.pk if opd else None}
    if kembali:
        params["kembali"] = kembali  # the job page's "Kembali" button
    return job_create(user=user, kind=kind, title=title, task=task, params=params, pemda=pemda)


def bkn_ekspor_mulai(**kw) -> Job:
    from .tasks import bkn_ekspor_task

    return _mulai(KIND_EKSPOR, bkn_ekspor_task, **kw)


def bkn_kirim_mulai(**kw) -> Job:
    from .tasks import bkn_push_task

    return _mulai(KIND_KIRIM, bkn_push_task, **kw)
