"""Demo SKP for the seeded pemda: a cascade from the atasan's atasan down to the `pegawai` persona,
approved, with activities linked to the RHK and the last finished quarter rated."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Pemda, User
from activities.models import Aktivitas

from . import rules, services, services_penilaian
from .choices import Aspek, JenisPeriode, Pendekatan, Status
from .models import Penilaian, Rhk, Skp

PLAN = {
    "atasan2": ("Layanan kesekretariatan dinas tertib dan tepat waktu", "Jumlah laporan kinerja", 12, "laporan"),
    "atasan": ("Administrasi umum dan kepegawaian tertib", "Jumlah dokumen administrasi", 240, "dokumen"),
    "pegawai": ("Surat masuk dan keluar teragenda dan terarsip", "Jumlah surat teragenda", 2400, "surat"),
}


@transaction.atomic
def seed_skp(*, pemda: Pemda, today: date) -> int:
    """Approved SKP for atasan2 → atasan → pegawai (each RHK cascading from the one above) and the
    pegawai's validated activities linked to their RHK. Returns the number of SKP made."""
    tahun, induk, made = today.year, None, 0
    for username in ("atasan2", "atasan", "pegawai"):
        user = User.objects.filter(username=username, pemda=pemda).select_related("pegawai").first()
        if user is None or getattr(user, "pegawai", None) is None:
            return made
        skp = services.skp_create(actor=user, tahun=tahun, pendekatan=Pendekatan.KUANTITATIF, mulai=date(tahun, 1, 1))
        uraian, iki, target, satuan = PLAN[username]
        if induk is not None and not services.selectors.rhk_induk_choices(skp).filter(pk=induk.pk).exists():
            induk = None  # the demo tree may put another penilai above; the plan stays without a link
        rhk = services.rhk_save(
            actor=user,
            skp=skp,
            uraian=uraian,
            induk=induk,
            indikator=[
                {"aspek": Aspek.KUANTITAS, "uraian": iki, "target": Decimal(target), "satuan": satuan},
                {"aspek": Aspek.KUALITAS, "uraian": "Persentase tanpa revisi", "target": Decimal(90), "satuan": "%"},
            ],
        )
        now = timezone.now()
        Skp.objects.filter(pk=skp.pk).update(status=Status.DISETUJUI, diajukan_pada=now, disetujui_pada=now)
        induk, made = rhk, made + 1
    pegawai_rhk: Rhk = induk
    Aktivitas.objects.filter(pegawai=pegawai_rhk.skp.pegawai, tanggal__year=tahun).update(rhk=pegawai_rhk)
    _rate_last_quarter(pegawai_rhk.skp, today)
    return made


def _rate_last_quarter(skp: Skp, today: date) -> None:
    """The quarter before the current one, rated by the penilai, so the predikat shows at once."""
    ke = rules.periode_of(JenisPeriode.TRIWULAN, today) - 1
    if ke < 1 or skp.penilai_id is None:
        return
    skp.refresh_from_db()
    Penilaian.objects.filter(skp=skp).delete()
    services_penilaian.penilaian_save(
        actor=skp.penilai.user,
        skp=skp,
        jenis=JenisPeriode.TRIWULAN,
        ke=ke,
        hasil_kerja="SESUAI",
        perilaku_kerja="SESUAI",
        alasan_beda_saran="Contoh data demo",
        umpan_balik="Pertahankan ketertiban agenda surat.",
    )
