"""TPP follows a changed predikat (an objection decided as DIUBAH, PP 30/2019 Pasal 59; skp.signals).

Where the month's rule set pays the kinerja part by the monthly predikat (AturanTpp.kinerja_dari_predikat):
- a month already calculated and still open (CALCULATED, REOPENED): the pegawai's row is recalculated
  at once, in the decision's transaction, under the month's shared lock (core.locks), as the month's
  own calculation would compute it; a reopened month keeps its frozen figures, so the difference shows;
- a month not calculated yet: nothing to do, its calculation reads the new predikat;
- a CLOSED month is not rewritten (its rows are what was paid). The existing correction applies: HR
  reopens the month with a reason (`services.tpp_periode_buka`) and recalculates; the row then shows
  the frozen amount next to the new one. HR is told so, and the objection records it.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Pegawai, User
from core.bulk import upsert
from core.locks import kunci_bulan
from notifikasi.choices import Jenis
from notifikasi.services import notifikasi_buat

from .calculation import aturan_bulan, bulan_range, hitung_bulan
from .choices import StatusPeriode
from .models import UNIK, BarisTpp, PeriodeTpp
from .services import UPDATE_FIELDS, baris_dari_hitungan


def _bayar_predikat(aturan, opd_id) -> bool:
    return bool(aturan.untuk(opd_id).kinerja_dari_predikat)


def tpp_ikuti_predikat(*, pemda_id: int, pegawai_id: int, tahun: int, bulan: list[int], actor, **_kw) -> list[str]:
    """Recalculate the pegawai's row of each open month paid by predikat; say which closed month
    needs reopening. Returns one Indonesian sentence per month concerned."""
    kalimat = []
    pegawai = Pegawai.objects.get(pk=pegawai_id)
    for b in bulan:
        start, _end = bulan_range(tahun, b)
        kunci_bulan(pemda_id, start)  # shared with the closing, then the check (core.locks)
        periode = PeriodeTpp.objects.select_for_update().filter(pemda_id=pemda_id, tahun=tahun, bulan=b).first()
        aturan = aturan_bulan(pemda_id=pemda_id, tahun=tahun, bulan=b, bawaan=True)
        baris = BarisTpp.objects.filter(periode=periode, pegawai_id=pegawai_id).first() if periode else None
        if baris is None or aturan is None:  # not calculated yet: its calculation reads the new predikat
            continue
        if not _bayar_predikat(aturan, baris.opd_id):
            continue
        label = f"{b:02d}/{tahun}"
        if periode.status == StatusPeriode.CLOSED:
            kalimat.append(
                _("TPP bulan %(b)s sudah ditutup dan tidak diubah; BKPSDM perlu membuka kembali bulan itu dan "
                  "menghitung ulang agar selisihnya dibayarkan.") % {"b": label}
            )  # fmt: skip
            _beri_tahu_hr(pemda_id, periode, pegawai, label)
            continue
        hitungan = hitung_bulan(aturan=aturan, pemda_id=pemda_id, tahun=tahun, bulan=b, pegawai_ids=[pegawai_id])
        now = timezone.now()
        rows = [baris_dari_hitungan(periode, h, now, aturan.menit_default, False, aturan) for h in hitungan]
        upsert(BarisTpp, rows, unique_fields=UNIK, update_fields=UPDATE_FIELDS)
        baru = BarisTpp.objects.get(periode=periode, pegawai_id=pegawai_id)
        kalimat.append(
            _("TPP bulan %(b)s dihitung ulang: bruto Rp%(lama)s menjadi Rp%(baru)s.")
            % {"b": label, "lama": f"{baris.bruto:,}".replace(",", "."), "baru": f"{baru.bruto:,}".replace(",", ".")}
        )
    return kalimat


def _beri_tahu_hr(pemda_id: int, periode: PeriodeTpp, pegawai: Pegawai, label: str) -> None:
    users = User.objects.filter(pemda_id=pemda_id, is_active=True, role=Role.HR_PEMDA)
    with translation.override(settings.LANGUAGE_CODE):
        judul = _("Predikat %(nama)s bulan %(b)s berubah karena keputusan keberatan") % {
            "nama": pegawai.nama_lengkap,
            "b": label,
        }
        isi = _("TPP bulan itu sudah ditutup. Buka kembali bulan itu dan hitung ulang agar selisihnya dibayarkan.")
    notifikasi_buat(
        users=list(users), jenis=Jenis.KEBERATAN, judul=judul, isi=isi,
        url=reverse("tpp:bulan"),
        kunci=f"keberatan-tpp:{periode.pk}:{pegawai.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
    )  # fmt: skip
