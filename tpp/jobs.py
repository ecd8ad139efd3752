"""Job bodies of the TPP month (DESIGN.md §5): the task fetches the job by id and calls a service."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from core.jobs import job_fail, job_finish, job_progress, job_run, job_start
from core.models import Job

from .models import PeriodeTpp
from .services import tpp_periode_hitung, tpp_periode_tutup


def _periode_job(job_id: int, service, selesai: str) -> None:
    def body(job: Job) -> None:
        periode = PeriodeTpp.objects.get(pk=job.params["periode"])
        actor = User.objects.get(pk=job.created_by_id)
        job_start(job_id, total=0, message=_("Membaca aktivitas dan presensi"))

        def progress(n: int, total: int) -> None:
            if job.total != total:  # known once the month is read: the bar counts rows written
                job.total = total
                Job.objects.filter(pk=job_id).update(total=total, message=_("Menyimpan TPP per pegawai"))
            job_progress(job, done=n)

        try:
            n = service(actor=actor, periode=periode, progress=progress)
        except ValidationError as e:  # a refusal the clerk can act on (e.g. rows not computed), not a fault
            job_fail(job_id, message=" ".join(e.messages)[:500])
            return
        job_finish(job_id, message=selesai % {"n": n}, result={"pegawai": n})

    job_run(job_id, body)


def tpp_hitung_job(job_id: int) -> None:
    _periode_job(job_id, tpp_periode_hitung, _("TPP %(n)d pegawai selesai dihitung."))


def tpp_tutup_job(job_id: int) -> None:
    _periode_job(job_id, tpp_periode_tutup, _("Bulan ditutup; TPP %(n)d pegawai dibekukan."))
