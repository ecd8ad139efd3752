"""The project-wide pages that belong to no domain: background jobs, the health check, the favicon
and the 500 handler."""

import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.http import require_POST

from .jobs import job_boleh_diulang, job_done_count, job_rerun
from .middleware import DATABASE_DOWN, database_unavailable
from .models import Job
from .selectors import job_visible_to


def job_detail(request, pk: int):
    """The progress of a background job; htmx polls the `status` partial until it finishes."""
    job = get_object_or_404(job_visible_to(request.user), pk=pk)
    done = job_done_count(job)
    percent = 100 if job.status == Job.Status.DONE else (done * 100 // job.total if job.total else 0)
    template = "core/job_detail.html#status" if request.htmx else "core/job_detail.html"
    ctx = {"job": job, "done": done, "percent": percent, "boleh_ulang": job_boleh_diulang(job)}
    return render(request, template, ctx)


def job_download(request, pk: int):
    """The result file of a finished job, only for who may see the job (salary data is private)."""
    job = get_object_or_404(job_visible_to(request.user).exclude(file=""), pk=pk, status=Job.Status.DONE)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])


@require_POST
def job_ulang(request, pk: int):
    """Jalankan ulang: a failed job, or one whose worker died (no progress for a while), runs again
    as a new job with the same inputs; the page of the new job opens."""
    job = get_object_or_404(job_visible_to(request.user), pk=pk)
    try:
        baru = job_rerun(job, user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("job_detail", pk=job.pk)
    return redirect("job_detail", pk=baru.pk)


def server_error(request):
    """handler500: an unreachable database (met in a middleware, before any view) gets the 503 page."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable(request)
    return defaults.server_error(request)


@login_not_required
def sehat(request):
    """Health check for a load balancer: one `SELECT 1`, no session; 503 (the outage page) while the
    database is down. Also the trivial view bench/peak.py compares the month-end mix with. It passes
    the admission control (core/admission.py): a box that is full is still healthy."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    response = HttpResponse("ok\n", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
def favicon(request):
    """/favicon.ico, which browsers ask for by themselves (before any page names its icon): the
    static icon, under its hashed name that whitenoise serves with a long cache."""
    response = redirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
