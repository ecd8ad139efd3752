"""Supervisors' pages: the queues "Perlu verifikasi" and "Perlu validasi", one or many moves, the figures.

Entries are fetched through `selectors` scoped to the signed-in person (out of scope → 404 or "not
found" in a bulk report); every move goes through `services` (not allowed → 403, refused → a
message). The queue page runs a fixed number of queries however many entries wait (issue 4).
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Pegawai
from accounts.permissions import pegawai_halaman
from accounts.selectors import nama_jabatan_utama
from attendance.selectors import PresensiHari, presensi_hari_banyak
from core import idempotency, pages
from core.dates import today

from . import selectors, services, tunggakan
from .choices import Peran, Status
from .filters import AntreanFilter
from .forms_antrean import TindakanMassalForm, TindakForm
from .models import Aktivitas
from .selectors_kejanggalan import kejanggalan_terbuka

BATAS_TAMPIL = 500  # entries on one queue page
BARU_DIPROSES = 20  # own recent moves offered for taking back
BARU_KOLOM = (  # what the "take back" list shows of them
    "nama_kegiatan",
    "tanggal",
    "menit",
    "status",
    "pegawai__nama",
    "pegawai__gelar_depan",
    "pegawai__gelar_belakang",
)
MAKS_ALASAN = 20  # failures listed one by one in a bulk report

# --- the queues -------------------------------------------------------------------------------
#
# Issue 4 asks for 500 waiting entries in ≤ 100 ms of server time. The rows are therefore read as
# plain values (no model instance per row) and their text is prepared here once, so the template
# does little per row; see bench/queue.py.

KOLOM = (
    *("pk", "pemda_id", "pegawai_id", "tanggal", "jam_mulai", "jam_selesai", "katalog_id", "volume"),
    *("nama_kegiatan", "uraian", "menit_diajukan", "menit", "bukti_file", "bukti_link", "catatan"),
    *("validator_id", "verifikator_id", "diverifikasi_pada", "katalog__satuan", "katalog__menit_per_satuan"),
    "dicatat_oleh_id",  # typed by a named helper for the owner (issue 17)
    *("status", "diajukan_pada"),  # when it arrived in the queue: its deadline (issue 18)
)


@dataclass
class HariAntrean:
    """One person's day in a queue: its waiting entries and the day's total of all their entries."""

    tanggal: date
    pegawai_id: int
    total: int = 0
    menit_per_hari: int = 300
    entri: list[dict] = field(default_factory=list)  # rows prepared by _Baris
    presensi: PresensiHari | None = None  # the stored attendance of a past day (issue 13's marker)

    @property
    def lebih(self) -> bool:
        return self.total > self.menit_per_hari

    @property
    def kurang(self) -> int:
        return max(self.menit_per_hari - self.total, 0)

    @property
    def kunci(self) -> str:
        """The checkbox group of this day ("centang semua aktivitas hari ini")."""
        return f"h-{self.pegawai_id}-{self.tanggal:%Y%m%d}"


@dataclass
class KelompokPegawai:
    pegawai: Pegawai
    jabatan: str = ""
    hari: list[HariAntrean] = field(default_factory=list)

    @property
    def jumlah(self) -> int:
        return sum(len(h.entri) for h in self.hari)

    @property
    def kunci(self) -> str:
        return f"p-{self.pegawai.pk}"


def _kelompokkan(rows: list[dict], peran: str, user_id: int | None = None) -> list[KelompokPegawai]:
    """Group the rows by person and day, with each day's total of all that person's entries and its
    stored attendance and each entry's open anomaly flags (6 queries; 7 when a past day's status needs
    its OPD's machine-data date)."""
    if not rows:
        return []
    pegawai_ids = {r["pegawai_id"] for r in rows}
    tanggal = [r["tanggal"] for r in rows]
    totals = {
        (t["pegawai_id"], t["tanggal"]): t["m"]
        for t in Aktivitas.objects.filter(pegawai_id__in=pegawai_ids, tanggal__range=(min(tanggal), max(tanggal)))
        .values("pegawai_id", "tanggal")
        .annotate(m=Sum("menit"))
        .order_by()
    }
    # The people, in the validation queue who verified, and any helper who typed an entry: one query.
    pencatat = {r["dicatat_oleh_id"] for r in rows if r["dicatat_oleh_id"]}
    semua = list(
        Pegawai.objects.filter(
            Q(pk__in=pegawai_ids | {r["verifikator_id"] for r in rows}) | Q(user_id__in=pencatat)
        ).only("nama", "gelar_depan", "gelar_belakang", "nip", "user_id")
    )
    orang = {p.pk: p for p in semua}
    oleh = {p.user_id: p for p in semua if p.user_id in pencatat}
    jabatan = nama_jabatan_utama(pegawai_ids, on=today())
    aturan = selectors.aturan_banyak({r["pemda_id"] for r in rows})
    presensi = presensi_hari_banyak({(r["pegawai_id"], r["tanggal"]) for r in rows})
    tanda = kejanggalan_terbuka(r["pk"] for r in rows)  # the open anomaly flags (issue 18): one query

    _batas_tunggu(rows, aturan)
    baris = _Baris(peran, orang, oleh, user_id)
    groups: list[KelompokPegawai] = []
    for r in rows:
        pid = r["pegawai_id"]
        if not groups or groups[-1].pegawai.pk != pid:
            groups.append(KelompokPegawai(orang[pid], jabatan.get(pid, "")))
        days = groups[-1].hari
        a = aturan(r["pemda_id"], r["tanggal"])
        menit_per_hari, final = a.menit_per_hari, a.verifikasi_final_di_puncak
        if not days or days[-1].tanggal != r["tanggal"]:
            days.append(
                HariAntrean(
                    r["tanggal"],
                    pid,
                    totals.get((pid, r["tanggal"]), 0),
                    menit_per_hari,
                    presensi=presensi.get((pid, r["tanggal"])),
                )
            )
        r["kejanggalan"] = tanda.get(r["pk"], ())
        days[-1].entri.append(baris.siapkan(r, final))
    return groups


def _batas_tunggu(rows: list[dict], aturan) -> None:
    """Each row's last day in the queue (`batas`, its text `batas_teks`) and whether it is past it
    (`lewat`), by the one deadline rule (activities.tunggakan); one query (the holidays)."""
    hari_ini = today()
    awal = min((timezone.localdate(r["diajukan_pada"]) for r in rows if r["diajukan_pada"]), default=None)
    batas = tunggakan.BatasTunggu(
        pemda_ids={r["pemda_id"] for r in rows}, today=hari_ini, sejak_awal=awal, aturan=aturan
    )
    teks: dict[date, str] = {}
    lewat = _("Lewat batas")
    for r in rows:
        sejak, _atasan, _peran = tunggakan.antrean_dari(
            r["status"],
            diajukan_pada=r["diajukan_pada"],
            diverifikasi_pada=r["diverifikasi_pada"],
            verifikator_id=r["verifikator_id"],
            validator_id=r["validator_id"],
        )
        r["batas"] = b = batas.batas(r["pemda_id"], sejak) if sejak else None
        if b is not None and b not in teks:
            teks[b] = _("Batas: %(d)s") % {"d": date_format(b, "l, j F")}
        r["batas_teks"] = teks.get(b, "")
        r["lewat"] = b is not None and hari_ini > b
        r["lewat_teks"] = lewat if r["lewat"] else ""


class _Baris:
    """What each queue row shows, prepared once per page: translations, formats and URLs done in
    Python cost a fraction of the same work in template tags, 500 times over."""

    SENTINEL = "987654321"

    def __init__(self, peran: str, orang: dict[int, Pegawai], oleh: dict[int, Pegawai], user_id: int | None):
        self.peran, self.orang, self.oleh, self.user_id = peran, orang, oleh, user_id
        self.dicatat = _("Dicatat oleh %(x)s atas nama %(y)s")
        self.menit = _("menit")
        self.bebas = _("Di luar daftar kegiatan")
        self.diubah = _("diajukan %(d)d menit, diakui %(m)d menit")
        self.detail = reverse("aktivitas:detail", args=[self.SENTINEL])
        self.tanggal: dict[date, str] = {}

    def siapkan(self, r: dict, final: bool) -> dict:
        """Add to a row (a dict of values) the text its template line shows."""
        kode = str(r["pk"])
        if r["katalog_id"]:
            rincian = f"{r['volume']} {r['katalog__satuan']} × {r['katalog__menit_per_satuan']} {self.menit}"
        else:
            rincian = self.bebas
        if r["menit"] != r["menit_diajukan"]:
            rincian += " · " + self.diubah % {"d": r["menit_diajukan"], "m": r["menit"]}
        if r["tanggal"] not in self.tanggal:
            self.tanggal[r["tanggal"]] = date_format(r["tanggal"], "j F")
        verifikasi = self.peran == "verifikasi"
        verifikator = self.orang.get(r["verifikator_id"]) if not verifikasi else None
        r.update(
            kode=kode,
            jam=f"{r['jam_mulai']:%H.%M}–{r['jam_selesai']:%H.%M}",
            menit_teks=f"{r['menit']} {self.menit}",
            rincian=rincian,
            detail_url=self.detail.replace(self.SENTINEL, kode),
            judul=f"{r['nama_kegiatan']} ({self.orang[r['pegawai_id']].nama_lengkap}, {self.tanggal[r['tanggal']]})",
            verifikator=verifikator.nama_lengkap if verifikator else "",
            # Only a free-text item's minutes may be lowered, and only by the verifier.
            menit_bebas=str(r["menit"]) if verifikasi and not r["katalog_id"] else "",
            maks=str(r["menit_diajukan"]),
            # At the top of the tree nobody validates: this verification is the last word.
            final=verifikasi and r["validator_id"] is None and final,
        )
        # who typed it, when a helper did (issue 17); that helper may not approve it
        pencatat = r["dicatat_oleh_id"]
        if pencatat:
            x = self.oleh.get(pencatat)
            r["dicatat"] = self.dicatat % {
                "x": x.nama_lengkap if x else "—",
                "y": self.orang[r["pegawai_id"]].nama_lengkap,
            }
        else:
            r["dicatat"] = ""
        r["anda_pencatat"] = bool(pencatat) and pencatat == self.user_id
        # the evidence's file name (the file is downloaded through the entry's page; the markup is the template's)
        r["bukti_nama"] = PurePosixPath(r["bukti_file"]).name if r["bukti_file"] else ""
        return r


def _potong(rows: list[dict]) -> list[dict]:
    """Show at most BATAS_TAMPIL entries, ending on a whole day so "centang semua hari ini" means it."""
    if len(rows) <= BATAS_TAMPIL:
        return rows
    first_hidden = rows[BATAS_TAMPIL]
    shown = rows[:BATAS_TAMPIL]
    hidden_day = (first_hidden["pegawai_id"], first_hidden["tanggal"])
    whole = [r for r in shown if (r["pegawai_id"], r["tanggal"]) != hidden_day]
    return whole or shown


def _antrean(request, peran: str):
    # a pegawai page: an account without a pegawai record (HR, a superadmin) approves nobody → 403
    pegawai = pegawai_halaman(request)
    if peran == "verifikasi":
        base = selectors.antrean_verifikasi(pegawai)
        baru = Aktivitas.objects.filter(verifikator=pegawai, status=Status.VERIFIED).order_by("-diverifikasi_pada")
    else:
        base = selectors.antrean_validasi(pegawai)
        baru = Aktivitas.objects.filter(validator=pegawai, status=Status.VALIDATED).order_by("-divalidasi_pada")
    saring = AntreanFilter(request.GET, antrean=base)
    qs = saring.filter(base)
    entri = list(qs.values(*KOLOM)[: BATAS_TAMPIL + 1])
    jumlah = qs.count() if len(entri) > BATAS_TAMPIL else len(entri)
    entri = _potong(entri)
    context = {
        "peran": peran,
        "saring": saring,
        "kelompok": _kelompokkan(entri, peran, request.user.pk),
        "tampil": len(entri),
        "jumlah": jumlah,
        "baru": list(baru.select_related("pegawai").only(*BARU_KOLOM)[:BARU_DIPROSES]),
    }
    return render(request, "activities/antrean/antrean.html", context)


def antrean_verifikasi(request):
    return _antrean(request, "verifikasi")


def antrean_validasi(request):
    return _antrean(request, "validasi")


# --- moves ------------------------------------------------------------------------------------

# The state a person saw when they pressed the button (the declared source of the move); if it moved
# meanwhile, nothing is done. A queue acts in one role.
_PERAN_ANTREAN = {"verifikasi": Peran.ATASAN, "validasi": Peran.ATASAN_ATASAN}
_BERHASIL = {
    "verifikasi": gettext_lazy("diverifikasi"),
    "validasi": gettext_lazy("divalidasi"),
    "kembalikan": gettext_lazy("dikembalikan kepada pegawai"),
    "batal_verifikasi": gettext_lazy("dibatalkan verifikasinya; kembali menunggu verifikasi"),
    "batal_validasi": gettext_lazy("dibatalkan validasinya; kembali menunggu validasi"),
}
_GAGAL = {
    "verifikasi": gettext_lazy("diverifikasi"),
    "validasi": gettext_lazy("divalidasi"),
    "kembalikan": gettext_lazy("dikembalikan"),
}


def _sudah_berubah(aktivitas: Aktivitas) -> str:
    return _("Aktivitas ini baru saja diproses; statusnya kini %(s)s. Muat ulang halaman untuk melihatnya.") % {
        "s": aktivitas.get_status_display()
    }


def _label(aktivitas: Aktivitas) -> str:
    """`Rapat koordinasi (Budi, 23 November)`: how a supervisor recognises an entry in a report."""
    return f"{aktivitas.nama_kegiatan} ({aktivitas.pegawai.nama_lengkap}, {date_format(aktivitas.tanggal, 'j F')})"


def _ke_antrean(request, antrean: str):
    url = reverse(f"aktivitas:antrean_{antrean}")
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)


@require_POST
def tindakan_massal(request):
    """Many entries ticked in a queue → one service call each; the report says how many and why not.
    An account without a pegawai record approves nobody: 403, as for one move (`tindak`)."""
    pegawai_halaman(request)
    form = TindakanMassalForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return _ke_antrean(request, form.antrean)
    aksi, ids = form.cleaned_data["aksi"], form.cleaned_data["ids"]
    if not ids:
        messages.warning(request, _("Belum ada aktivitas yang dipilih. Centang dulu aktivitas yang akan diproses."))
        return _ke_antrean(request, form.antrean)

    def run() -> idempotency.Hasil:
        _massal(request, form, aksi, ids)
        return idempotency.Hasil(url=_ke_antrean(request, form.antrean).url)

    # a double click or a retry with the same key reports once instead of "already moved" for every entry
    return redirect(idempotency.sekali(user=request.user, kunci=idempotency.kunci_dari(request), aksi=run).url)


def _massal(request, form: TindakanMassalForm, aksi: str, ids: list[int]) -> None:
    found = list(
        selectors.aktivitas_visible_to(request.user)
        .filter(pk__in=ids)
        .order_by("pegawai__nama", "tanggal", "jam_mulai")
    )
    found = selectors.aktivitas_terbuka(request.user, found)  # not a former approver's
    peran = _PERAN_ANTREAN.get(form.antrean)
    dari = services.WORKFLOW.source(aksi, peran) if peran else None
    gagal = [(a, _sudah_berubah(a)) for a in found if dari and a.status != dari]
    siap = [a for a in found if not dari or a.status == dari]
    hasil = services.aktivitas_bulk(
        actor=request.user, aktivitas=siap, to=form.to, catatan=form.cleaned_data["catatan"]
    )
    urutan = {a.pk: i for i, a in enumerate(found)}
    gagal = sorted(gagal + hasil.gagal, key=lambda g: urutan[g[0].pk])
    if hasil.berhasil:
        messages.success(request, _("%(n)d aktivitas %(aksi)s.") % {"n": hasil.berhasil, "aksi": _BERHASIL[aksi]})
    if gagal:
        context = {
            "judul": _("%(n)d aktivitas tidak dapat %(aksi)s:") % {"n": len(gagal), "aksi": _GAGAL[aksi]},
            "gagal": [(_label(a), alasan) for a, alasan in gagal[:MAKS_ALASAN]],
            "lainnya": _("… dan %(n)d lainnya.") % {"n": len(gagal) - MAKS_ALASAN} if len(gagal) > MAKS_ALASAN else "",
        }
        messages.error(request, render_to_string("activities/antrean/_gagal.html", context))
    if hilang := len(ids) - len(found):
        messages.error(
            request,
            _("%(n)d aktivitas tidak ditemukan atau bukan wewenang Anda, jadi tidak diproses.") % {"n": hilang},
        )


def _antrean_untuk(aktivitas: Aktivitas, aksi: str) -> str:
    if aksi in ("validasi", "batal_validasi") or (aksi == "kembalikan" and aktivitas.status == Status.VERIFIED):
        return "validasi"
    return "verifikasi"


@require_POST
def tindak(request, pk):
    """One move of one entry (from its page or a queue row); back to `next` when it is on this site."""
    aktivitas = get_object_or_404(selectors.aktivitas_visible_to(request.user), pk=pk)
    if not selectors.aktivitas_terbuka(request.user, [aktivitas]):
        raise Http404
    form = TindakForm(request.POST)
    next_url = pages.next_url(request)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(next_url or "aktivitas:antrean_verifikasi")
    aksi = form.cleaned_data["aksi"]
    next_url = next_url or reverse(f"aktivitas:antrean_{_antrean_untuk(aktivitas, aksi)}")
    dari = form.cleaned_data["dari"] or services.WORKFLOW.source(aksi)
    if dari and aktivitas.status != dari:
        messages.error(request, f"{_label(aktivitas)}: {_sudah_berubah(aktivitas)}")
        return redirect(next_url)
    try:
        d = form.cleaned_data  # the minutes are read by the verification only
        hasil = services.aktivitas_move(
            actor=request.user, aktivitas=aktivitas, to=form.to, catatan=d["catatan"], menit=d["menit"]
        )
    except ValidationError as e:
        messages.error(request, f"{_label(aktivitas)}: {' '.join(e.messages)}")
    else:
        text = _("%(label)s %(aksi)s.") % {"label": _label(hasil), "aksi": _BERHASIL[aksi]}
        if aksi == "verifikasi" and hasil.menit != hasil.menit_diajukan:
            text += " " + _("Menit diakui: %(m)d dari %(d)d.") % {"m": hasil.menit, "d": hasil.menit_diajukan}
        if aksi == "verifikasi" and hasil.status == Status.VALIDATED:
            text += " " + _("Verifikasi ini langsung final karena tidak ada atasan di atas Anda.")
        messages.success(request, text)
    return redirect(next_url)
