"""Checking rows against the database and writing them all, or none (issue 3)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from django.db.models import Q
from django.utils.translation import gettext as _

from core.imports import HasilImpor, name_key, stored_upload, write_all_or_nothing
from core.jobs import job_finish, job_progress, job_run, job_start
from core.models import Job

from .. import services
from ..lembar import belum_aktif, lembar_aktivasi_buat, pesan_hasil
from ..models import Jabatan, Pegawai, User
from ..permissions import may_manage
from ..selectors import jabatan_visible_to
from .common import SIASN, BarisError, BarisPegawai, Tabel
from .reading import read_table
from .rows import parse_rows

# --- checking against the database and writing --------------------------------------------------


class _Lingkup:
    """The active jabatan an actor may fill, loaded in one query (a 2,000-row file must not query per row)."""

    def __init__(self, actor: User, layout: str):
        self.layout = layout
        self.by_id: dict[int, Jabatan] = {}
        self.by_name: dict[str, list[Jabatan]] = defaultdict(list)
        for jabatan in jabatan_visible_to(actor).filter(aktif=True).select_related(None).select_related("unit"):
            self.by_id[jabatan.pk] = jabatan
            self.by_name[name_key(jabatan.nama)].append(jabatan)
        if actor.is_superadmin:
            self.not_found = _("Jabatan tidak ditemukan: %(j)s.")
        elif actor.is_hr_pemda:
            self.not_found = _("Jabatan tidak ditemukan di pemda Anda: %(j)s.")
        else:
            self.not_found = _("Jabatan tidak ditemukan di OPD Anda: %(j)s.")

    def resolve(self, row: BarisPegawai) -> tuple[Jabatan | None, str, str]:
        """The jabatan of a row, or the column and the reason it cannot be found."""
        if row.jabatan_id is not None:
            jabatan = self.by_id.get(row.jabatan_id)
            if jabatan is None:
                return None, "jabatan_id", self.not_found % {"j": f"ID {row.jabatan_id}"}
            if row.jabatan_nama and name_key(row.jabatan_nama) != name_key(jabatan.nama):
                return (
                    None,
                    "jabatan_id",
                    _('Jabatan ID %(id)d adalah "%(nama)s", bukan "%(isi)s". Periksa kembali sheet Jabatan.')
                    % {"id": jabatan.pk, "nama": jabatan.nama, "isi": row.jabatan_nama},
                )
            return jabatan, "", ""
        candidates = self.by_name.get(name_key(row.jabatan_nama), [])
        if row.unit_nama and len(candidates) > 1:
            narrowed = [j for j in candidates if name_key(j.unit.nama) == name_key(row.unit_nama)]
            candidates = narrowed or candidates
        if not candidates:
            return None, "jabatan", self.not_found % {"j": f'"{row.jabatan_nama}"'}
        if len(candidates) > 1:
            units = ", ".join(sorted({j.unit.nama for j in candidates})[:5])
            if self.layout == SIASN:
                reason = _(
                    'Ada %(n)d jabatan bernama "%(j)s" (%(units)s) dan UNOR NAMA tidak cocok dengan '
                    "salah satu unitnya. Samakan nama unit kerja di E-Kinerja, atau impor pegawai ini lewat "
                    "template dengan kolom Jabatan ID."
                )
            else:
                reason = _(
                    'Ada %(n)d jabatan bernama "%(j)s" (%(units)s). Isi kolom Jabatan ID dengan ID dari sheet Jabatan.'
                )
            return None, "jabatan", reason % {"n": len(candidates), "j": row.jabatan_nama, "units": units}
        return candidates[0], "", ""


def _siasn_terdaftar(actor: User, rows: list[BarisPegawai], terdaftar: set[str]) -> None:
    """A SIASN re-import: a pegawai already registered, in the actor's scope, gets the file's PNS ID
    (and nothing else: other data change on the Pegawai page); one query for the whole file."""
    pns_id = {r.nip for r in rows if r.nip in terdaftar and r.data.get("siasn_id")}
    by_nip = {
        p.nip: p
        for p in Pegawai.objects.filter(nip__in=pns_id).only("pk", "nip", "pemda_id", "opd_id", "siasn_id")
        if may_manage(actor, pemda_id=p.pemda_id, opd_id=p.opd_id)
    }
    for row in rows:
        row.terdaftar = by_nip.get(row.nip)


def _check_against_db(actor: User, rows: list[BarisPegawai], tabel: Tabel) -> None:
    lingkup = _Lingkup(actor, tabel.layout)
    nips = [r.nip for r in rows if r.nip]
    terdaftar = set(Pegawai.objects.filter(nip__in=nips).values_list("nip", flat=True))
    if tabel.layout == SIASN:
        _siasn_terdaftar(actor, rows, terdaftar)
    # username → the pemda of an account made under a NIP for a future pegawai (the first HR of a
    # pemda, no pegawai behind it): a pegawai of that pemda takes it over; None: taken for good
    akun = {
        username: pemda_id if tanpa_pegawai else None
        for username, pemda_id, tanpa_pegawai in User.objects.filter(username__in=nips)
        .annotate(tanpa_pegawai=Q(pegawai__isnull=True))
        .values_list("username", "pemda_id", "tanpa_pegawai")
    }
    for row in rows:
        if row.terdaftar is not None:
            continue
        if row.nip in terdaftar:
            row.errors.append(
                BarisError(
                    row.baris,
                    tabel.label("nip"),
                    _(
                        "NIP sudah terdaftar. Data pegawai yang sudah ada diubah lewat halaman Pegawai, "
                        "bukan lewat impor."
                    ),
                )
            )
        if row.jabatan_id is not None or row.jabatan_nama:
            row.jabatan, kolom, alasan = lingkup.resolve(row)
            if row.jabatan is None:
                row.errors.append(BarisError(row.baris, tabel.label(kolom), alasan))
        if row.nip not in terdaftar and row.nip in akun:
            menunggu = akun[row.nip]
            if menunggu is None or row.jabatan is None or row.jabatan.pemda_id != menunggu:
                row.errors.append(
                    BarisError(row.baris, tabel.label("nip"), _("Sudah ada akun dengan nama pengguna NIP ini."))
                )


def pegawai_import(*, actor: User, tabel: Tabel, progress: Callable[[int], None] | None = None) -> HasilImpor:
    """Register every pegawai of a file with their first posting, or none of them (issue 3).

    Every row is checked first; the rows that pass are then written through
    `services.pegawai_create` in one transaction, which also surfaces what only the service knows
    (a structural post already filled, a clash between two rows). If anything failed, the whole
    transaction rolls back, so the clerk sees every reason in one pass and nothing is half-imported.
    """
    rows = parse_rows(tabel)
    _check_against_db(actor, rows, tabel)

    def save(row: BarisPegawai) -> int | None:
        if row.terdaftar is not None:
            services.pegawai_siasn_id_set(actor=actor, pegawai=row.terdaftar, siasn_id=row.data["siasn_id"])
            return None
        return services.pegawai_create(
            actor=actor,
            jabatan=row.jabatan,
            mulai=row.mulai,
            jenis_penempatan=row.jenis_penempatan,
            nomor_sk=row.nomor_sk,
            **row.data,
        ).pk

    hasil = write_all_or_nothing(
        rows,
        save,
        label=tabel.label,
        denied=lambda row: "jabatan",
        order=list(tabel.kolom.values()),
        conflict=(
            "nip",
            _("NIP ini baru saja didaftarkan oleh pengguna lain. Unggah ulang file untuk memeriksa lagi."),
        ),
        progress=progress,
    )
    if not hasil.ok:
        return hasil
    diperbarui = sum(1 for r in rows if r.terdaftar is not None)
    return replace(hasil, dibuat=hasil.dibuat - diperbarui, diperbarui=diperbarui)


def pesan_diperbarui(hasil: HasilImpor) -> str:
    """The SIASN re-import's part of the message ("" when no registered pegawai was in the file)."""
    if not hasil.diperbarui:
        return ""
    return _("%(n)d pegawai yang sudah terdaftar hanya diperbarui PNS ID (ID SIASN)-nya. ") % {"n": hasil.diperbarui}


def lembar_impor(*, actor: User, hasil: HasilImpor):
    """The activation codes of the pegawai an import just registered, on one sheet (per OPD) to
    download once. Made in the same request or job as the import: the codes exist nowhere else."""
    return lembar_aktivasi_buat(
        actor=actor,
        pegawai=belum_aktif(actor).filter(pk__in=hasil.ids),
        judul=_("Kode aktivasi %(n)d pegawai hasil impor") % {"n": len(hasil.ids)},
    )


# --- large files: a background job ---------------------------------------------------------------

# Up to this many rows the import runs in the request (a few seconds); a larger file (a whole OPD
# or a SIASN export) runs in the worker with a progress bar, so no proxy timeout loses the upload.
INLINE_ROWS = 150
ERRORS_KEPT = 500


def pegawai_import_job(job_id: int) -> None:
    """Run a stored upload through `pegawai_import`, reporting progress; the upload is then deleted."""

    def body(job: Job) -> None:
        with stored_upload(job.params["upload"]) as data:
            tabel = read_table(job.params["nama"], data)
            job_start(job_id, total=len(tabel.baris), message=_("Memeriksa dan menyimpan data pegawai"))
            hasil = pegawai_import(actor=job.created_by, tabel=tabel, progress=lambda n: job_progress(job, done=n))
        result = {
            "dibuat": hasil.dibuat,
            "diperbarui": hasil.diperbarui,
            "total": hasil.total,
            "errors": [str(e) for e in hasil.errors[:ERRORS_KEPT]],
            "errors_hidden": max(len(hasil.errors) - ERRORS_KEPT, 0),
        }
        if hasil.ok:
            lembar = lembar_impor(actor=job.created_by, hasil=hasil)
            result["lembar"] = lembar.lembar.pk if lembar.lembar else None
            message = " ".join(
                [
                    _("%(n)d pegawai berhasil diimpor beserta jabatannya.") % {"n": hasil.dibuat},
                    pesan_diperbarui(hasil) + pesan_hasil(lembar),
                ]
            )
        else:
            message = _("Tidak ada data yang disimpan: %(n)d baris perlu diperbaiki.") % {"n": hasil.baris_salah}
        job_finish(job_id, message=message[:500], result=result)

    job_run(job_id, body)
