"""Reads of the organisation, scoped to who asks (DESIGN.md §4) and dated (DESIGN.md §2)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from core.indeks import indeks_cari
from core.models import Indeks

from .choices import JenisPenempatan
from .models import Jabatan, Pegawai, Pemda, Penempatan, PeriodeTutup, UnitKerja, User


def nip_terdaftar(nip: str) -> bool:
    """Whether any pemda of the installation holds this NIP (the reference table, issue 20)."""
    return indeks_cari(Indeks.Jenis.NIP, nip) is not None


def user_by_nip(nip: str) -> User | None:
    """The login of the pegawai holding this NIP in whichever pemda (found through the installation's
    NIP index, so only that pemda's rows are read)."""
    i = indeks_cari(Indeks.Jenis.NIP, nip)
    return User.objects.filter(pegawai__pk=i.objek_id, pegawai__pemda_id=i.pemda_id).first() if i else None


def pegawai_of(user: User, pesan: str | None = None) -> Pegawai:
    """The pegawai behind an account; PermissionDenied for an account without one (HR, superadmin)."""
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        raise PermissionDenied(pesan or _("Akun ini bukan akun pegawai."))
    return pegawai


# When several people hold one post on a day, an explicit acting appointment (Plh for a temporary
# absence, Plt for a vacancy) speaks for the post on its dates; then the definitive holder.
_ACTING_ORDER = {JenisPenempatan.PLH: 0, JenisPenempatan.PLT: 1, JenisPenempatan.DEFINITIF: 2}


def _berlaku(on: date) -> Q:
    return Q(mulai__lte=on) & (Q(selesai__isnull=True) | Q(selesai__gte=on))


def penempatan_on(*, on: date) -> QuerySet[Penempatan]:
    """Postings in force on a date."""
    return Penempatan.objects.filter(_berlaku(on))


def penempatan_utama_of(pegawai: Pegawai, on: date) -> Penempatan | None:
    """The posting that places a pegawai in the tree on a date: the definitive one, else an acting one.

    A Plt/Plh on top of one's own post adds approval duties but does not move the person.
    """
    memo = getattr(pegawai, MEMO_ATTR, None)
    if memo is not None and on in memo:
        return memo[on]
    rows = list(penempatan_on(on=on).filter(pegawai=pegawai).select_related("jabatan__unit", "jabatan__opd"))
    utama = _utama(rows)
    if memo is not None:
        memo[on] = utama
    return utama


# Set (to {}) only on the Pegawai of the signed-in user, which accounts.backends loads afresh for each
# request: the entry form's catalog and the submit's approval chain then share one posting lookup.
# Objects that outlive a request (tests, tasks) have no memo and always read the database.
MEMO_ATTR = "_penempatan_utama_memo"


def _utama(rows: list[Penempatan]) -> Penempatan | None:
    """The main one among a pegawai's postings in force on a date (see penempatan_utama_of)."""
    if not rows:
        return None
    return min(rows, key=lambda p: (p.jenis != JenisPenempatan.DEFINITIF, -p.mulai.toordinal(), -p.pk))


def penempatan_utama_banyak(pegawai_ids, *, on: date) -> dict[int, Penempatan]:
    """Pegawai id → their main posting on a date, with jabatan and unit (one query for any number)."""
    rows: dict[int, list[Penempatan]] = {}
    for p in penempatan_on(on=on).filter(pegawai_id__in=pegawai_ids).select_related("jabatan__unit"):
        rows.setdefault(p.pegawai_id, []).append(p)
    return {pid: _utama(postings) for pid, postings in rows.items()}


def nama_jabatan_utama(pegawai_ids, *, on: date) -> dict[int, str]:
    """Pegawai id → the name of their main post on a date (one query for any number of pegawai)."""
    rows: dict[int, list[Penempatan]] = {}
    for p in penempatan_on(on=on).filter(pegawai_id__in=pegawai_ids).select_related("jabatan"):
        rows.setdefault(p.pegawai_id, []).append(p)
    return {pid: _utama(postings).jabatan.nama for pid, postings in rows.items()}


def _holder(jabatan_id: int, on: date, exclude: set[int]) -> Penempatan | None:
    rows = [
        p
        for p in penempatan_on(on=on).filter(jabatan_id=jabatan_id).select_related("pegawai", "jabatan")
        if p.pegawai_id not in exclude
    ]
    if not rows:
        return None
    rows.sort(key=lambda p: (_ACTING_ORDER[p.jenis], -p.mulai.toordinal(), p.pk))
    return rows[0]


@dataclass(frozen=True)
class Approver:
    """Who approves, and through which posting (a Plt approves as the post they act for)."""

    pegawai: Pegawai
    penempatan: Penempatan

    @property
    def jabatan(self) -> Jabatan:
        return self.penempatan.jabatan

    @property
    def is_acting(self) -> bool:
        return self.penempatan.jenis != JenisPenempatan.DEFINITIF


def approval_chain(pegawai: Pegawai, on: date, depth: int = 2) -> list[Approver]:
    """The first `depth` approvers above a pegawai on a date, walking up the jabatan tree.

    A vacant post passes to the next one up; a person never approves themself nor twice in one
    chain (a kasubag who is also Plt sekretaris passes the validation up to the kepala dinas).
    """
    return _chain_from(pegawai, penempatan_utama_of(pegawai, on), on, depth)


def _ancestors(jabatan: Jabatan) -> list[int]:
    """The posts above a post, nearest first, in one query (a recursive walk up the tree)."""
    if jabatan.parent_id is None:
        return []
    table, qn = Jabatan._meta.db_table, connection.ops.quote_name
    sql = f"""
        WITH RECURSIVE naik (id, parent_id, tingkat) AS (
            SELECT id, parent_id, 1 FROM {qn(table)} WHERE id = %s
            UNION ALL
            SELECT j.id, j.parent_id, naik.tingkat + 1
            FROM {qn(table)} j JOIN naik ON j.id = naik.parent_id
            WHERE naik.tingkat < 100
        )
        SELECT id FROM naik ORDER BY tingkat"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [jabatan.parent_id])
        return [row[0] for row in cursor.fetchall()]


def _chain_from(pegawai: Pegawai, utama: Penempatan | None, on: date, depth: int) -> list[Approver]:
    """approval_chain from the pegawai's main posting: three queries in all, however deep the tree
    and however many vacant posts are passed (each approval used to cost two queries per level)."""
    if utama is None:
        return []
    ancestors = _ancestors(utama.jabatan)
    if not ancestors:
        return []
    by_post: dict[int, list[Penempatan]] = {}
    for p in penempatan_on(on=on).filter(jabatan_id__in=ancestors).select_related("pegawai", "jabatan"):
        by_post.setdefault(p.jabatan_id, []).append(p)
    chain: list[Approver] = []
    seen = {pegawai.pk}
    for jabatan_id in ancestors:
        if len(chain) >= depth:
            break
        rows = [p for p in by_post.get(jabatan_id, []) if p.pegawai_id not in seen]
        if rows:  # the same choice as _holder: an acting appointment first, then the latest
            holder = min(rows, key=lambda p: (_ACTING_ORDER[p.jenis], -p.mulai.toordinal(), p.pk))
            chain.append(Approver(holder.pegawai, holder))
            seen.add(holder.pegawai_id)
    return chain


def atasan_of(pegawai: Pegawai, on: date) -> Pegawai | None:
    """The atasan langsung on a date: derived from the jabatan tree and postings, never typed."""
    chain = approval_chain(pegawai, on, depth=1)
    return chain[0].pegawai if chain else None


def atasan_atasan_of(pegawai: Pegawai, on: date) -> Pegawai | None:
    """The atasan's atasan on a date: the next holder above the atasan's post (who validates)."""
    chain = approval_chain(pegawai, on, depth=2)
    return chain[1].pegawai if len(chain) > 1 else None


def bawahan_of(pegawai: Pegawai, on: date) -> list[Pegawai]:
    """The people whose atasan langsung on a date is this pegawai (through any post they hold).

    A fixed number of queries per level of the tree, whatever the number of people: descend from the
    posts this pegawai speaks for, through posts vacant on the date (the approval passes up), and
    take the holders of the first occupied posts whose main posting is that post. Someone found
    only through an acting posting is checked with `atasan_of` (rare).
    """
    held = [
        p.jabatan_id
        for p in penempatan_on(on=on).filter(pegawai=pegawai)
        if (speaker := _holder(p.jabatan_id, on, set())) is not None and speaker.pegawai_id == pegawai.pk
    ]
    if not held:
        return []
    found: dict[int, tuple[Pegawai, set[int]]] = {}  # pegawai → (pegawai, posts where found)
    frontier = list(Jabatan.objects.filter(parent_id__in=held).values_list("pk", flat=True))
    visited: set[int] = set(held)
    while frontier:
        visited.update(frontier)
        postings = list(penempatan_on(on=on).filter(jabatan_id__in=frontier).select_related("pegawai"))
        occupied = {p.jabatan_id for p in postings if p.pegawai_id != pegawai.pk}
        for p in postings:
            if p.pegawai_id != pegawai.pk:
                found.setdefault(p.pegawai_id, (p.pegawai, set()))[1].add(p.jabatan_id)
        passthrough = [j for j in frontier if j not in occupied]
        frontier = [
            pk
            for pk in Jabatan.objects.filter(parent_id__in=passthrough).values_list("pk", flat=True)
            if pk not in visited
        ]
    if not found:
        return []
    utama: dict[int, Penempatan] = {}
    for p in sorted(
        penempatan_on(on=on).filter(pegawai_id__in=found),
        key=lambda p: (p.jenis != JenisPenempatan.DEFINITIF, -p.mulai.toordinal(), -p.pk),
    ):
        utama.setdefault(p.pegawai_id, p)
    result = []
    for pid, (candidate, posts) in found.items():
        main = utama.get(pid)
        if main is not None and main.jabatan_id in posts:
            result.append(candidate)
        elif (a := atasan_of(candidate, on)) is not None and a.pk == pegawai.pk:
            result.append(candidate)
    return sorted(result, key=lambda p: p.nama)


# --- scoping by who asks (DESIGN.md §4) -------------------------------------------------------


def _scoped(qs: QuerySet, user: User, *, opd_field: str = "opd_id") -> QuerySet:
    """Admin OPD: their OPD; HR pemda: their pemda; superadmin: everything; anyone else: nothing."""
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    if user.is_admin_opd:
        return qs.filter(pemda_id=user.pemda_id, **{opd_field: user.opd_id})
    return qs.none()


def unit_visible_to(user: User) -> QuerySet[UnitKerja]:
    """Units an admin may manage."""
    return _scoped(UnitKerja.objects.select_related("parent", "opd"), user)


def jabatan_visible_to(user: User) -> QuerySet[Jabatan]:
    return _scoped(Jabatan.objects.select_related("unit", "opd", "parent"), user)


def pegawai_visible_to(user: User) -> QuerySet[Pegawai]:
    return _scoped(Pegawai.objects.select_related("opd"), user)


def penempatan_visible_to(user: User) -> QuerySet[Penempatan]:
    qs = Penempatan.objects.select_related("pegawai", "jabatan__unit", "jabatan__opd")
    return _scoped(qs, user, opd_field="jabatan__opd_id")


@dataclass(frozen=True)
class Profil:
    """What Beranda shows about the signed-in person today."""

    pegawai: Pegawai | None
    penempatan: Penempatan | None
    atasan: Approver | None
    atasan_atasan: Approver | None
    tugas_tambahan: list[Penempatan]


def profil_of(user: User, on: date) -> Profil:
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        return Profil(None, None, None, None, [])
    postings = list(penempatan_on(on=on).filter(pegawai=pegawai).select_related("jabatan__unit", "jabatan__opd"))
    utama = _utama(postings)
    chain = _chain_from(pegawai, utama, on, depth=2)
    tambahan = [p for p in postings if utama is None or p.pk != utama.pk]
    return Profil(
        pegawai=pegawai,
        penempatan=utama,
        atasan=chain[0] if chain else None,
        atasan_atasan=chain[1] if len(chain) > 1 else None,
        tugas_tambahan=tambahan,
    )


def periode_tertutup(*, pemda_id: int, on: date) -> bool:
    """Whether the month of a date is closed for the pemda (no entry of it may change)."""
    return PeriodeTutup.objects.filter(pemda_id=pemda_id, tahun=on.year, bulan=on.month).exists()


def memegang_jabatan_atasan(pegawai: Pegawai, on: date) -> bool:
    """Whether a pegawai holds, on a date, a post that has posts under it (so they approve someone)."""
    return penempatan_on(on=on).filter(pegawai=pegawai, jabatan__children__isnull=False).exists()


def kepala_opd_banyak(*, opd_ids, on: date) -> dict[int, Approver]:
    """The head of each OPD on a date: the holder of the OPD's top post (no atasan inside the OPD;
    the highest kelas if there are several), an acting Plh/Plt first as for approvals. An OPD whose
    top post is vacant is missing from the result. Two queries whatever the number of OPDs."""
    tops: dict[int, int] = {}
    rows = (
        Jabatan.objects.filter(opd_id__in=list(opd_ids), aktif=True)
        .filter(Q(parent__isnull=True) | ~Q(parent__opd_id=F("opd_id")))
        .order_by("opd_id", "-kelas", "pk")
        .values_list("opd_id", "pk")
    )
    for opd_id, jabatan_id in rows:
        tops.setdefault(opd_id, jabatan_id)
    holders = sorted(
        penempatan_on(on=on).filter(jabatan_id__in=tops.values()).select_related("pegawai", "jabatan"),
        key=lambda p: (_ACTING_ORDER[p.jenis], -p.mulai.toordinal(), p.pk),
    )
    result: dict[int, Approver] = {}
    for p in holders:
        result.setdefault(p.jabatan.opd_id, Approver(p.pegawai, p))
    return result


# --- the pemda a page acts on (issue 16) --------------------------------------------------------

# A superadmin's last explicit choice, so that moving between pemda-scoped pages keeps it.
SESI_PEMDA = "pemda_halaman"


def pemda_halaman(request) -> Pemda | None:
    """The pemda a pemda-scoped page acts on. HR pemda and admin OPD: their own (a `pemda` parameter
    is ignored). A superadmin: the `pemda` POST field or GET parameter (an unknown one is a 404),
    else their last choice, else their own pemda, else the only pemda; None when there are several
    and none chosen: the page then asks which one (never the first one silently)."""
    user = request.user
    if not user.is_superadmin:
        return user.pemda
    raw = request.POST.get("pemda") or request.GET.get("pemda")
    if raw:
        pemda = Pemda.objects.filter(pk=raw).first() if raw.isdigit() else None
        if pemda is None:
            raise Http404
        request.session[SESI_PEMDA] = pemda.pk
        return pemda
    for pk in (request.session.get(SESI_PEMDA), user.pemda_id):
        if pk and (pemda := Pemda.objects.filter(pk=pk).first()) is not None:
            return pemda
    semua = list(Pemda.objects.order_by("pk")[:2])
    return semua[0] if len(semua) == 1 else None


def pemda_pilihan(user: User) -> list[Pemda]:
    """The pemda a superadmin may switch between (by name); nobody else switches."""
    return list(Pemda.objects.order_by("nama", "pk")) if user.is_superadmin else []
