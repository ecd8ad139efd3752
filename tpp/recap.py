"""TPP recap jobs (issue 6): recalculate a month that is not closed, write the month's or the
quarter's recap xlsx, and start them from the HR pages or the beat schedule. The figures themselves
are `tpp.recap_figures`.

A month that is not closed is recalculated first (by the job), so its recap is current; a closed
month is recapped from its rows as they were frozen.

Job bodies (`rekap_bulanan_job`, `rekap_triwulan_job`) follow DESIGN.md §5: the thin Celery task
fetches nothing but passes the job id; the body reports progress and stores the xlsx atomically
(core.files.simpan_atomik), so a Job row only ever points at a complete file.
"""

import logging
from collections.abc import Callable
from datetime import date

from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Pemda, UnitKerja, User
from accounts.permissions import is_hr_of
from core.dates import BULAN, today
from core.files import simpan_atomik
from core.jobs import job_create, job_finish, job_progress, job_run, job_start
from core.models import Job
from core.money import format_rupiah
from core.months import previous_month

from .calculation import aturan_bulan, bulan_range
from .choices import StatusPeriode
from .models import PeriodeTpp
from .recap_figures import Jumlah, bulan_triwulan, rekap_bulanan, rekap_triwulan
from .services import periode_ambil, tpp_periode_hitung

log = logging.getLogger(__name__)

KIND_BULANAN = "tpp_rekap_bulanan"
KIND_TRIWULAN = "tpp_rekap_triwulan"
PROGRESS_EVERY = 200  # rows between two progress writes (fewer for a small OPD, so the bar moves)
# --- job bodies --------------------------------------------------------------------------------


def _hitung_terkini(job: Job, periode: PeriodeTpp, actor: User) -> bool:
    """Recalculate a month that is not closed (figures "as if it closed today"), with the bar
    following the rows written. A closed month keeps its frozen rows; so does a month whose job was
    started by someone who may not recalculate (an OPD admin), whose recap shows the last calculation."""
    if periode.status == StatusPeriode.CLOSED or not is_hr_of(actor, periode.pemda_id):
        return False
    start, _end = bulan_range(periode.tahun, periode.bulan)
    if start > today():
        return False
    pesan = _("Menghitung TPP %(b)s %(t)d") % {"b": BULAN[periode.bulan - 1], "t": periode.tahun}
    Job.objects.filter(pk=job.pk).update(message=pesan)

    def progress(n: int, total: int) -> None:
        if job.total != total:
            job.total = total
            Job.objects.filter(pk=job.pk).update(total=total)
        job_progress(job, done=n)

    tpp_periode_hitung(actor=actor, periode=periode, progress=progress)
    return True


def _langkah(total: int) -> int:
    return max(1, min(PROGRESS_EVERY, total // 20))


def _menulis(job: Job, total: int) -> Callable[[int], None]:
    """Switch the bar to "writing the file" and return the per-row progress callback."""
    job.total = total
    Job.objects.filter(pk=job.pk).update(total=total, done=0, message=_("Menyusun berkas xlsx"))
    langkah = _langkah(total)

    def progress(n: int) -> None:
        if n % langkah == 0 or n == total:
            job_progress(job, done=n)

    return progress


def _nama_berkas(job: Job, nama: str) -> str:
    """Where Job.file would put `nama` (jobs/%Y/%m/…), as a storage name."""
    return Job._meta.get_field("file").generate_filename(job, nama.replace(" ", "-").lower())


def _pesan_selesai(judul: str, jumlah: Jumlah, galat: int) -> str:
    message = _("%(judul)s selesai: %(n)s pegawai, jumlah bersih %(neto)s. Silakan unduh berkasnya.") % {
        "judul": judul,
        "n": f"{jumlah.pegawai:,}".replace(",", "."),
        "neto": format_rupiah(jumlah.neto),
    }
    if galat:
        message += " " + _("%(n)d pegawai tanpa TPP atau belum dapat dihitung; lihat kolom keterangan.") % {"n": galat}
    return message


def rekap_bulanan_job(job_id: int) -> None:
    """Job body: params {"periode": id, "opd": id or null} → the month's recap xlsx in Job.file."""
    from .exports import rekap_bulanan_xlsx

    def body(job: Job) -> None:
        periode = PeriodeTpp.objects.select_related("pemda").get(pk=job.params["periode"])
        opd_id = job.params.get("opd")
        if opd_id is not None:
            UnitKerja.objects.get(pk=opd_id, pemda_id=periode.pemda_id)  # an OPD of another pemda: fail
        job_start(job_id, total=0, message=_("Menyiapkan rekap"))
        dihitung = _hitung_terkini(job, periode, job.created_by)
        rekap = rekap_bulanan(periode=periode, opd_id=opd_id)
        data = rekap_bulanan_xlsx(rekap, progress=_menulis(job, rekap.jumlah.pegawai))
        bagian = (rekap.opd[0].opd.singkatan or rekap.opd[0].opd.nama) if rekap.satu_opd else "pemda"
        nama = simpan_atomik(_nama_berkas(job, f"rekap-tpp-{bagian}-{periode.tahun}-{periode.bulan:02d}.xlsx"), data)
        judul = _("Rekap TPP %(b)s") % {"b": rekap.judul_bulan}
        message = _pesan_selesai(judul, rekap.jumlah, rekap.galat)
        if not dihitung and periode.status == StatusPeriode.OPEN:
            message += " " + _("TPP bulan ini belum pernah dihitung oleh BKPSDM, jadi daftarnya masih kosong.")
        job_finish(
            job_id,
            message=message,
            file_name=nama,
            result=rekap.jumlah.as_result() | {"ditutup": rekap.ditutup, "dihitung_ulang": dihitung},
        )

    job_run(job_id, body)


def rekap_triwulan_job(job_id: int) -> None:
    """Job body: params {"pemda", "tahun", "triwulan", "opd"} → the quarterly recap xlsx in Job.file."""
    from .exports import rekap_triwulan_xlsx

    def body(job: Job) -> None:
        p = job.params
        pemda = Pemda.objects.get(pk=p["pemda"])
        tahun, triwulan, opd_id = int(p["tahun"]), int(p["triwulan"]), p.get("opd")
        months = bulan_triwulan(triwulan)
        if opd_id is not None:
            UnitKerja.objects.get(pk=opd_id, pemda_id=pemda.pk)
        job_start(job_id, total=0, message=_("Menyiapkan rekap"))
        dihitung = []
        for m in months:
            start, _end = bulan_range(tahun, m)
            if start > today():
                continue  # a month of the quarter that has not begun has no TPP yet
            periode = periode_ambil(pemda_id=pemda.pk, tahun=tahun, bulan=m)
            if _hitung_terkini(job, periode, job.created_by):
                dihitung.append(m)
        rekap = rekap_triwulan(pemda=pemda, tahun=tahun, triwulan=triwulan, opd_id=opd_id)
        data = rekap_triwulan_xlsx(rekap, progress=_menulis(job, rekap.jumlah.pegawai))
        bagian = (rekap.opd.singkatan or rekap.opd.nama) if rekap.opd else "pemda"
        nama = simpan_atomik(_nama_berkas(job, f"rekap-tpp-tw{triwulan}-{bagian}-{tahun}.xlsx"), data)
        galat = sum(1 for r in rekap.baris if r.keterangan and not r.jumlah("bruto"))
        job_finish(
            job_id,
            message=_pesan_selesai(_("Rekap TPP %(j)s") % {"j": rekap.judul}, rekap.jumlah, galat),
            file_name=nama,
            result=rekap.jumlah.as_result() | {"dihitung_ulang": dihitung},
        )

    job_run(job_id, body)


# --- starting the jobs (HR pages and the beat schedule) -------------------------------------------


def rekap_bulanan_mulai(*, user: User, periode: PeriodeTpp, opd: UnitKerja | None = None, judul: str = "") -> Job:
    from .tasks import tpp_rekap_bulanan_task

    bulan = f"{BULAN[periode.bulan - 1]} {periode.tahun}"
    title = judul or _("Rekap TPP %(b)s – %(o)s") % {"b": bulan, "o": opd.nama if opd else _("seluruh OPD")}
    return job_create(
        user=user,
        kind=KIND_BULANAN,
        title=title,
        task=tpp_rekap_bulanan_task,
        params={"periode": periode.pk, "opd": opd.pk if opd else None},
        pemda=periode.pemda,
    )


def rekap_triwulan_mulai(
    *, user: User, pemda: Pemda, tahun: int, triwulan: int, opd: UnitKerja | None = None, judul: str = ""
) -> Job:
    from .tasks import tpp_rekap_triwulan_task

    bulan_triwulan(triwulan)
    nama = ("I", "II", "III", "IV")[triwulan - 1]
    title = judul or _("Rekap TPP triwulan %(t)s %(y)d – %(o)s") % {
        "t": nama,
        "y": tahun,
        "o": opd.nama if opd else _("seluruh OPD"),
    }
    return job_create(
        user=user,
        kind=KIND_TRIWULAN,
        title=title,
        task=tpp_rekap_triwulan_task,
        params={"pemda": pemda.pk, "tahun": tahun, "triwulan": triwulan, "opd": opd.pk if opd else None},
        pemda=pemda,
    )


def _sudah_hari_ini(kind: str, params: dict, hari: date) -> bool:
    return Job.objects.filter(kind=kind, params=params, created__date__gte=hari).exists()


def rekap_terjadwal(*, hari: date | None = None, pemda_id: int | None = None) -> list[Job]:
    """The beat's daily run: for each pemda whose rule set in force names today as its recap day
    (AturanTpp.hari_rekap), start the previous month's whole-pemda recap and, in the first month of
    a quarter, the previous quarter's. Once only: a job of the same kind and params started today
    (by the schedule or by hand) is not started again. The jobs belong to an active HR user of the
    pemda (the oldest account); a pemda without one is skipped with a log line."""
    hari = hari or today()
    prev_tahun, prev_bulan = previous_month(hari.year, hari.month)
    started: list[Job] = []
    semua = Pemda.objects.order_by("pk")
    for pemda in semua.filter(pk=pemda_id) if pemda_id is not None else semua:
        aturan = aturan_bulan(pemda_id=pemda.pk, tahun=hari.year, bulan=hari.month)
        if aturan is None or aturan.pemda.hari_rekap != hari.day:
            continue
        hr = (
            User.objects.filter(pemda=pemda, role=Role.HR_PEMDA, is_active=True)
            .select_related("pemda")
            .order_by("pk")
            .first()
        )
        if hr is None:
            log.warning("rekap TPP terjadwal %s: pemda %s has no active HR user; skipped", hari, pemda.pk)
            continue
        periode = periode_ambil(pemda_id=pemda.pk, tahun=prev_tahun, bulan=prev_bulan)
        todo = [(KIND_BULANAN, {"periode": periode.pk, "opd": None})]
        if hari.month in (1, 4, 7, 10):
            todo.append(
                (KIND_TRIWULAN, {"pemda": pemda.pk, "tahun": prev_tahun, "triwulan": (prev_bulan - 1) // 3 + 1,
                                 "opd": None})
            )  # fmt: skip
        for kind, params in todo:
            if _sudah_hari_ini(kind, params, hari):
                continue
            try:
                if kind == KIND_BULANAN:
                    job = rekap_bulanan_mulai(user=hr, periode=periode)
                else:
                    job = rekap_triwulan_mulai(user=hr, pemda=pemda, tahun=params["tahun"], triwulan=params["triwulan"])
            except Exception:  # the queue is down (the row is then failed): the other pemda still get theirs
                log.exception("rekap TPP terjadwal %s: %s of pemda %s not started", hari, kind, pemda.pk)
                continue
            started.append(job)
    return started
