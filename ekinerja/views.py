from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from .jobs import job_done_count
from .models import Job
from .selectors import job_visible_to


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
