"""Every TPP write: rule-set versions, disciplinary sentences, and the month's moves (DESIGN.md §3).

A month is calculated (any number of times), closed (rows frozen, the month's activities,
approvals and attendance locked through accounts.PeriodeTutup) and reopened by HR with a reason;
after reopening, a recalculation keeps the frozen figures next to the new ones so the difference
per employee is visible. The closing holds the month's lock exclusively (core.locks) and the writes
that change the month share it, so none of them lands between the closing's reading and its freeze.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Pegawai, Pemda, PeriodeTutup, UnitKerja, User
from accounts.permissions import check_hr_of, is_hr_of
from core import audit, workflow
from core.bulk import upsert
from core.locks import kunci_bulan, kunci_bulan_tutup

from . import rules
from .calculation import AturanBulan, Hitungan, aturan_bulan, bulan_range, hitung_bulan
from .choices import StatusPeriode
from .models import UNIK, AturanTpp, BarisTpp, HukumanDisiplin, PeriodeTpp, PeriodeTppLog

BATCH = 2000
GALAT_DISEBUT = 10  # rows that could not be computed named in the refusal of a closing
# what a closing freezes per row (BarisTpp.beku) and a reopened month compares against
BEKU = (
    "hari_kerja", "menit_valid", "capaian", "besaran", "bagian_kinerja", "potongan_disiplin_pct",
    "bagian_disiplin", "bruto", "potongan_hukdis", "bpjs_pegawai", "pph", "neto",
)  # fmt: skip


# TPP rules and months belong to HR of the pemda (BKPSDM / keuangan) and the superadmin
# (accounts.permissions.check_hr_of).
HANYA_HR = gettext_lazy("Hanya petugas BKPSDM/keuangan pemda yang dapat mengubah data TPP.")


# --- rule sets ---------------------------------------------------------------------------------


def _decimal(value, label: str) -> Decimal:
    try:
        d = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(f)s harus berupa angka.") % {"f": label}, code="bukan_angka") from None
    if not d.is_finite():
        raise ValidationError(_("%(f)s harus berupa angka.") % {"f": label}, code="bukan_angka")
    return d


def _bulan_tertutup_sejak(pemda_id: int, mulai: date, *, kunci: bool = True) -> PeriodeTpp | None:
    """A closed month on or after `mulai`'s month, if any (a new version must not reach back into it),
    read under the locks of the months from `mulai` to the last one HR has opened (core.locks);
    without `kunci` (a preview, which writes nothing) read as it stands."""
    terakhir = PeriodeTpp.objects.filter(pemda_id=pemda_id).order_by("-tahun", "-bulan").first()
    if terakhir is not None and kunci:
        kunci_bulan(pemda_id, mulai, max(mulai, date(terakhir.tahun, terakhir.bulan, 1)))
    return (
        PeriodeTpp.objects.filter(pemda_id=pemda_id, status=StatusPeriode.CLOSED)
        .filter(Q(tahun__gt=mulai.year) | Q(tahun=mulai.year, bulan__gte=mulai.month))
        .order_by("tahun", "bulan")
        .first()
    )


def aturan_tpp_calon(
    *,
    actor: User,
    pemda: Pemda,
    berlaku_mulai: date,
    catatan: str,
    opd: UnitKerja | None = None,
    kunci: bool = False,
    **nilai,
) -> AturanTpp:
    """A checked, unsaved version (the preview computes with it; `aturan_tpp_simpan` stores it).

    Refused when it would change a closed month (reopen the month first) or when the numbers break
    the rules: weights within 0..1 summing to at most 1, cut percentages within 0..100, amounts whole
    non-negative rupiah for kelas 1–17. `kunci`: read the closed months under their locks (a save).
    """
    check_hr_of(actor, pemda.pk, HANYA_HR)
    if opd is not None and (opd.pemda_id != pemda.pk or not opd.is_opd):
        raise ValidationError({"opd": _("Pilih OPD dari pemda ini.")})
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Tuliskan alasan perubahan aturan (misalnya nomor Perkada).")})
    tertutup = _bulan_tertutup_sejak(pemda.pk, berlaku_mulai, kunci=kunci)
    if tertutup is not None:
        raise ValidationError(
            {
                "berlaku_mulai": _(
                    "Bulan %(b)s sudah ditutup. Aturan baru tidak boleh berlaku surut ke bulan yang sudah "
                    "ditutup; buka kembali bulan itu lebih dulu atau pilih tanggal berlaku sesudahnya."
                )
                % {"b": tertutup}
            }
        )
    row = AturanTpp(pemda=pemda, opd=opd, berlaku_mulai=berlaku_mulai, catatan=catatan.strip(), dibuat_oleh=actor)
    for name, value in nilai.items():
        setattr(row, name, value)
    errors: dict[str, str] = {}
    besaran = {}
    for kelas, amount in (row.besaran_kelas or {}).items():
        if not str(kelas).isdigit() or not 1 <= int(kelas) <= 17:
            errors["besaran_kelas"] = _("Kelas jabatan harus 1 sampai 17.")
        elif not isinstance(amount, int) or amount < 0:
            errors["besaran_kelas"] = _("Besaran TPP harus rupiah bulat, tidak negatif.")
        else:
            besaran[str(int(kelas))] = amount
    row.besaran_kelas = besaran
    for kode, pct in (row.tabel_potongan or {}).items():
        d = _decimal(pct, kode)
        if not Decimal(0) <= d <= Decimal(100):
            errors["tabel_potongan"] = _("Potongan %(k)s harus antara 0 dan 100 persen.") % {"k": kode}
    if Decimal(row.bobot_kinerja) + Decimal(row.bobot_disiplin) > 1:
        errors["bobot_disiplin"] = _("Bobot kinerja dan bobot disiplin berjumlah paling banyak 100%.")
    if errors:
        raise ValidationError(errors)
    row.full_clean()
    return row


@transaction.atomic
def aturan_tpp_simpan(*, actor: User, pemda: Pemda, **kwargs) -> AturanTpp:
    """Save a new rule-set version (rows are never edited, so the history is the list of versions)."""
    row = aturan_tpp_calon(actor=actor, pemda=pemda, kunci=True, **kwargs)
    row.save()
    audit.catat("aturantpp:buat", row, actor=actor, sesudah=audit.nilai(row, _KOLOM_ATURAN))  # versions: never edited
    return row


_KOLOM_ATURAN = [
    f.name for f in AturanTpp._meta.concrete_fields if f.name not in ("id", "pemda", "dibuat_oleh", "dibuat")
]


# --- disciplinary sentences ---------------------------------------------------------------------


@transaction.atomic
def hukdis_simpan(
    *,
    actor: User,
    pegawai: Pegawai,
    jenis: str,
    persen: Decimal,
    mulai: date,
    selesai: date,
    nomor_sk: str,
    catatan: str = "",
) -> HukumanDisiplin:
    """Record a sentence that cuts TPP over its months (PP 94/2021 Pasal 8 ayat (3): 25% for 6–12 months)."""
    check_hr_of(actor, pegawai.pemda_id, HANYA_HR)
    if selesai < mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    for d in (mulai, selesai):
        kunci_bulan(pegawai.pemda_id, d)  # shared with the closing (core.locks), then the check
        if PeriodeTutup.objects.filter(pemda_id=pegawai.pemda_id, tahun=d.year, bulan=d.month).exists():
            raise ValidationError(_("Bulan %(b)02d/%(t)d sudah ditutup.") % {"b": d.month, "t": d.year})
    row = HukumanDisiplin(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        jenis=jenis,
        persen=persen,
        mulai=mulai,
        selesai=selesai,
        nomor_sk=nomor_sk.strip(),
        catatan=catatan.strip(),
        dibuat_oleh=actor,
    )
    row.full_clean()
    row.save()
    audit.catat(
        "hukumandisiplin:buat",
        row,
        actor=actor,
        sesudah=audit.nilai(row, ("jenis", "persen", "mulai", "selesai", "nomor_sk", "catatan")),
    )
    return row


# --- the month ---------------------------------------------------------------------------------


def periode_ambil(*, pemda_id: int, tahun: int, bulan: int) -> PeriodeTpp:
    bulan_range(tahun, bulan)  # validates
    periode, _created = PeriodeTpp.objects.get_or_create(pemda_id=pemda_id, tahun=tahun, bulan=bulan)
    return periode


class KonteksPeriode(workflow.Context):
    def has_role(self, role: str) -> bool:
        """HR of the month's pemda, or the superadmin, checked again on every move."""
        actor = self.move.actor
        return is_hr_of(actor, self.move.obj.pemda_id)


WORKFLOW = workflow.Workflow(
    model=PeriodeTpp,
    transitions=rules.TRANSISI_PERIODE,
    log_model=PeriodeTppLog,
    log_fk="periode",
    context=KonteksPeriode,
    role_messages=rules.PERIODE_ROLE_MESSAGES,
    not_in_table=rules.transisi_ditolak,
    stale=rules.PERIODE_STALE,
    note_message=rules.PERIODE_NOTE,
    codes={"not_in_table": "transisi", "stale": "balapan"},
    audit=True,  # every calculation, closing and reopening on the audit trail: "periodetpp:hitung|tutup|buka"
)


def _cek_transisi(periode: PeriodeTpp, ke: str) -> None:
    """The move must be in the table before the month is computed (the move checks it again)."""
    if WORKFLOW.transition(periode.status, ke) is None:
        raise WORKFLOW.refusal(periode.status, ke)


def _pindah(periode: PeriodeTpp, ke: str, actor: User, catatan: str = "") -> None:
    """The month's move through the one engine (core.workflow), inside the caller's transaction:
    someone else moving the month first makes this one fail, never overwrite."""
    WORKFLOW.apply(WORKFLOW.prepare(periode, ke, actor=actor, note=catatan))


def aturan_bulan_pastikan(*, pemda_id: int, tahun: int, bulan: int) -> AturanBulan | None:
    """The rule sets of a month for the payroll, saving the national default version first if the
    pemda has none in force (its rows must name a stored version). None only for a month before
    that default starts. Reads use `calculation.aturan_bulan(bawaan=True)` and write nothing."""
    aturan = aturan_bulan(pemda_id=pemda_id, tahun=tahun, bulan=bulan, bawaan=True)
    if aturan is not None and aturan.pemda.pk is None:
        aturan.pemda.save()
    return aturan


def _aturan(periode: PeriodeTpp) -> AturanBulan:
    return aturan_bulan_pastikan(pemda_id=periode.pemda_id, tahun=periode.tahun, bulan=periode.bulan)


def _beku(h: Hitungan) -> dict:
    r = h.hasil
    values = {
        "hari_kerja": h.masukan.hari_kerja,
        "menit_valid": h.masukan.menit_valid,
        "capaian": str(r.capaian),
        "potongan_disiplin_pct": str(r.potongan_disiplin_pct),
    }
    return {k: values.get(k, getattr(r, k, None)) for k in BEKU}


def baris_dari_hitungan(
    periode: PeriodeTpp, h: Hitungan, now, aturan_menit: int, beku: bool, aturan: AturanBulan | None = None
) -> BarisTpp:
    """The (unsaved) row of a computed month; the payroll writes it and the preview shows it. It names
    the activity and attendance versions the month used (`aturan`; None: the national defaults)."""
    r, m, p = h.hasil, h.masukan, h.posisi
    aktivitas, presensi = (aturan.aktivitas, aturan.presensi) if aturan else (None, None)
    return BarisTpp(
        periode=periode,
        pemda_id=periode.pemda_id,
        pegawai_id=h.pegawai_id,
        opd_id=p.opd_id,
        jabatan_id=p.jabatan_id,
        nama_jabatan=p.nama_jabatan,
        kelas=p.kelas,
        golongan=m.golongan,
        aturan=h.aturan,
        aturan_aktivitas=aktivitas if aktivitas is not None and aktivitas.pk else None,
        aturan_presensi=presensi if presensi is not None and presensi.pk else None,
        hari_kerja=m.hari_kerja,
        menit_valid=m.menit_valid,
        menit_kredit=r.menit_kredit,
        menit_pengurang=r.menit_pengurang,
        menit_per_hari=aturan_menit,
        capaian=r.capaian.quantize(Decimal("0.000001")),
        besaran=r.besaran,
        besaran_dibayar=r.besaran_dibayar,
        hari_kerja_bulan=max(m.hari_kerja_bulan, m.hari_kerja),
        hari_batal=r.hari_batal,
        tunggakan=m.tunggakan,
        kaskade_pct=r.kaskade_pct,
        kejadian=dict(m.kejadian),
        masukan=m.as_json(),
        potongan_disiplin_pct=r.potongan_disiplin_pct,
        hukdis_pct=r.hukdis_pct,
        bagian_kinerja=r.bagian_kinerja,
        bagian_disiplin=r.bagian_disiplin,
        bruto=r.bruto,
        potongan_hukdis=r.potongan_hukdis,
        bpjs_pegawai=r.bpjs_pegawai,
        bpjs_pemda=r.bpjs_pemda,
        pph=r.pph,
        neto=r.neto,
        batal=r.batal,
        galat=r.galat,
        beku=_beku(h) if beku else None,
        dihitung=now,
    )


UPDATE_FIELDS = [
    f.name for f in BarisTpp._meta.concrete_fields if f.name not in ("id", "periode", "pegawai", "pemda", "beku")
]


def _tulis(periode: PeriodeTpp, hitungan: list[Hitungan], aturan: AturanBulan, *, beku: bool, progress) -> int:
    """Upsert the month's rows in batches; rows of people no longer in the month are removed."""
    now = timezone.now()
    fields = UPDATE_FIELDS + (["beku"] if beku else [])
    for i in range(0, len(hitungan), BATCH):
        batch = [
            baris_dari_hitungan(periode, h, now, aturan.menit_default, beku, aturan) for h in hitungan[i : i + BATCH]
        ]
        upsert(BarisTpp, batch, unique_fields=UNIK, update_fields=fields)  # COPY: bench/recap.py
        if progress:
            progress(min(i + BATCH, len(hitungan)), len(hitungan))
    BarisTpp.objects.filter(periode=periode, dihitung__lt=now).delete()
    return len(hitungan)


def tpp_periode_hitung(*, actor: User, periode: PeriodeTpp, progress: Callable[[int, int], None] | None = None) -> int:
    """Calculate every employee's TPP of the month with the rule set in force (RULES.md §7).

    The figures are read first (no lock held), then written under a row lock of the month, which a
    concurrent closing also takes. A reopened month stays REOPENED and keeps its frozen figures.
    """
    check_hr_of(actor, periode.pemda_id, HANYA_HR)
    ke = StatusPeriode.REOPENED if periode.status == StatusPeriode.REOPENED else StatusPeriode.CALCULATED
    _cek_transisi(periode, ke)
    aturan = _aturan(periode)
    hitungan = hitung_bulan(aturan=aturan, pemda_id=periode.pemda_id, tahun=periode.tahun, bulan=periode.bulan)
    with transaction.atomic():
        terkini = PeriodeTpp.objects.select_for_update().get(pk=periode.pk)
        if terkini.status != periode.status:
            periode.status = terkini.status
            _cek_transisi(periode, ke)
        n = _tulis(periode, hitungan, aturan, beku=False, progress=progress)
        _pindah(periode, ke, actor)
    return n


def _galat(periode: PeriodeTpp, hitungan: list[Hitungan]) -> ValidationError | None:
    """Why a month cannot be closed: the people whose TPP could not be computed (a data error such as
    a jabatan without kelas or amount), each with name, NIP, OPD and reason; None when there are none.
    The month page lists them all; the message names the first `GALAT_DISEBUT`."""
    gagal = [h for h in hitungan if h.hasil.galat]
    if not gagal:
        return None
    pegawai = Pegawai.objects.in_bulk([h.pegawai_id for h in gagal])
    opd = dict(UnitKerja.objects.filter(pk__in={h.posisi.opd_id for h in gagal}).values_list("pk", "nama"))
    # in the order of the month page: by OPD, then by name
    gagal.sort(
        key=lambda h: (opd.get(h.posisi.opd_id, ""), getattr(pegawai.get(h.pegawai_id), "nama", ""), h.pegawai_id)
    )
    disebut = gagal[:GALAT_DISEBUT]
    pesan = [
        _(
            "Bulan %(b)s belum dapat ditutup: TPP %(n)d pegawai belum dapat dihitung. Lengkapi datanya, "
            "hitung ulang, lalu tutup lagi."
        )
        % {"b": periode, "n": len(gagal)}
    ]
    for h in disebut:
        p = pegawai.get(h.pegawai_id)
        pesan.append(
            _("%(nama)s (NIP %(nip)s, %(opd)s): %(alasan)s")
            % {
                "nama": p.nama_lengkap if p else h.pegawai_id,
                "nip": p.nip if p else "—",
                "opd": opd.get(h.posisi.opd_id, "—"),
                "alasan": h.hasil.galat,
            }
        )
    if len(gagal) > len(disebut):
        pesan.append(
            _("… dan %(n)d pegawai lainnya; daftar lengkap ada di halaman bulan TPP.")
            % {"n": len(gagal) - len(disebut)}
        )
    return ValidationError(pesan, code="ada_galat")


def tpp_periode_tutup(*, actor: User, periode: PeriodeTpp, progress: Callable[[int, int], None] | None = None) -> int:
    """Close the month in one transaction: take its lock exclusively (core.locks: the writes that
    change the month have committed, later ones wait and then find it closed), recalculate, lock its
    data (accounts.PeriodeTutup) and freeze every row. A failure, or a worker killed half way, rolls
    all of it back: the month is open or closed, never locked but not closed.

    Refused while any row cannot be computed (nobody is closed out of their TPP by a data error):
    the recalculated rows are then stored as a recalculation would store them, so the month page
    lists exactly the people who block the closing, and the error names them."""
    check_hr_of(actor, periode.pemda_id, HANYA_HR)
    _cek_transisi(periode, StatusPeriode.CLOSED)
    with transaction.atomic():
        kunci_bulan_tutup(periode.pemda_id, periode.tahun, periode.bulan)
        terkini = PeriodeTpp.objects.select_for_update().get(pk=periode.pk)
        periode.status = terkini.status
        _cek_transisi(periode, StatusPeriode.CLOSED)
        aturan = _aturan(periode)
        hitungan = hitung_bulan(aturan=aturan, pemda_id=periode.pemda_id, tahun=periode.tahun, bulan=periode.bulan)
        galat = _galat(periode, hitungan)
        if galat is None:
            PeriodeTutup.objects.get_or_create(
                pemda_id=periode.pemda_id,
                tahun=periode.tahun,
                bulan=periode.bulan,
                defaults={"ditutup_oleh": actor, "catatan": _("Ditutup untuk pembayaran TPP.")},
            )
            n = _tulis(periode, hitungan, aturan, beku=True, progress=progress)
            _pindah(periode, StatusPeriode.CLOSED, actor)
        else:  # CALCULATED → CALCULATED or REOPENED → REOPENED: a recalculation, not a closing
            _tulis(periode, hitungan, aturan, beku=False, progress=progress)
            _pindah(periode, periode.status, actor)
    if galat is not None:
        raise galat
    return n


def tpp_periode_buka(*, actor: User, periode: PeriodeTpp, alasan: str) -> None:
    """Reopen a closed month with a reason: the month's data can change again; the frozen figures stay
    on every row until the next closing, so the difference is shown per employee."""
    check_hr_of(actor, periode.pemda_id, HANYA_HR)
    if len((alasan or "").strip()) < 10:
        raise ValidationError({"alasan": _("Tuliskan alasan membuka kembali bulan ini (paling sedikit 10 huruf).")})
    _cek_transisi(periode, StatusPeriode.REOPENED)
    with transaction.atomic():
        kunci_bulan_tutup(periode.pemda_id, periode.tahun, periode.bulan)
        _pindah(periode, StatusPeriode.REOPENED, actor, catatan=alasan.strip())
        PeriodeTutup.objects.filter(pemda_id=periode.pemda_id, tahun=periode.tahun, bulan=periode.bulan).delete()
