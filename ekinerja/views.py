from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from accounts.selectors import profil_of
from activities.selectors import ringkasan_hari
from ekinerja.lib.dates import today

from .jobs import job_done_count
from .models import Job
from .selectors import job_visible_to

# Panels for capabilities that arrive with later issues; they show where the data will be.
BERANDA_PANELS = [
    {"judul": _("Presensi"), "kosong": _("Rekap kehadiran Anda akan tampil di sini.")},
    {"judul": _("TPP bulan ini"), "kosong": _("Perkiraan TPP dan rinciannya akan tampil di sini.")},
]


def beranda(request):
    """Who I am, where I work, who approves my work today, and my day's activities."""
    hari_ini = today()
    profil = profil_of(request.user, hari_ini)
    ctx = {
        "profil": profil,
        "hari_ini": hari_ini,
        "aktivitas": ringkasan_hari(profil.pegawai, hari_ini) if profil.pegawai else None,
        "panels": BERANDA_PANELS,
    }
    return render(request, "ekinerja/beranda.html", ctx)


def job_detail(request, pk: int):
    """The progress of a background job; htmx polls the `status` partial until it finishes."""
    job = get_object_or_404(job_visible_to(request.user), pk=pk)
    done = job_done_count(job)
    percent = 100 if job.status == Job.Status.DONE else (done * 100 // job.total if job.total else 0)
    template = "ekinerja/job_detail.html#status" if request.htmx else "ekinerja/job_detail.html"
    return render(request, template, {"job": job, "done": done, "percent": percent})


def job_download(request, pk: int):
    """The result file of a finished job, only for who may see the job (salary data is private)."""
    job = get_object_or_404(job_visible_to(request.user).exclude(file=""), pk=pk, status=Job.Status.DONE)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])
