"""SKP fixtures: the cast's chain with SKP for 2026 (kadis → sekretaris → kasubag → staf)."""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

import pytest

from activities.choices import Status as AStatus
from activities.models import Aktivitas
from skp import services
from skp.choices import Aspek, Pendekatan
from skp.models import BimbinganKinerja, Rhk, Skp

TAHUN = 2026
AWAL = date(TAHUN, 1, 1)


def new_skp(pegawai, *, mulai=AWAL, **kw) -> Skp:
    return services.skp_create(
        actor=pegawai.user, tahun=mulai.year, pendekatan=kw.pop("pendekatan", Pendekatan.KUANTITATIF), mulai=mulai, **kw
    )


def add_rhk(skp: Skp, *, uraian="Laporan kegiatan tersusun", induk=None, target=Decimal(12), satuan="laporan") -> Rhk:
    return services.rhk_save(
        actor=skp.pegawai.user,
        skp=skp,
        uraian=uraian,
        induk=induk,
        indikator=[
            {"aspek": Aspek.KUANTITAS, "uraian": "Jumlah laporan", "target": target, "satuan": satuan},
            {"aspek": Aspek.KUALITAS, "uraian": "Laporan diterima tanpa revisi", "target": Decimal(100), "satuan": "%"},
        ],
    )


def approved(skp: Skp) -> Skp:
    """Submit as the owner and approve as the penilai; the top of the tree is approved directly."""
    if skp.penilai_id is None:
        Skp.objects.filter(pk=skp.pk).update(status="DISETUJUI")
        skp.refresh_from_db()
        return skp
    services.skp_submit(actor=skp.pegawai.user, skp=skp)
    return services.skp_approve(actor=skp.penilai.user, skp=skp)


def validated(pegawai, rhk, *, tanggal, volume=None, menit=60, status=AStatus.VALIDATED, mulai=time(8)) -> Aktivitas:
    """An activity written directly in a final state (the activity workflow is tested elsewhere)."""
    return Aktivitas.objects.create(
        pemda=pegawai.pemda,
        pegawai=pegawai,
        tanggal=tanggal,
        jam_mulai=mulai,
        jam_selesai=time(mulai.hour + 1),
        nama_kegiatan="Menyusun laporan",
        uraian="Laporan",
        menit_diajukan=menit,
        menit=menit,
        status=status,
        bukti_link="https://drive.example.org/bukti",
        rhk=rhk,
    )


def dibimbing(skp: Skp, *, tanggal: date = date(TAHUN, 11, 2), pembimbing=None) -> BimbinganKinerja:
    """A coaching note written directly (the service is tested in test_bimbingan): a rating below
    Baik needs one in its period."""
    return BimbinganKinerja.objects.create(
        pemda=skp.pemda,
        skp=skp,
        pembimbing=pembimbing or skp.penilai,
        tanggal=tanggal,
        aspek="Jumlah laporan",
        temuan="Target triwulan belum tercapai",
        tindak_lanjut="Rencana kerja mingguan",
    )


@dataclass
class Rencana:
    skp_kadis: Skp
    skp_sek: Skp
    skp_atasan: Skp
    rhk_kadis: Rhk
    rhk_sek: Rhk
    rhk_atasan: Rhk


@pytest.fixture
def rencana(cast) -> Rencana:
    """Approved SKP from the kepala dinas down to the kasubag (the pegawai's atasan)."""
    skp_kadis = new_skp(cast.kadis)
    rhk_kadis = add_rhk(skp_kadis, uraian="Mutu layanan pendidikan meningkat")
    approved(skp_kadis)
    skp_sek = new_skp(cast.atasan_atasan)
    rhk_sek = add_rhk(skp_sek, uraian="Layanan kesekretariatan tertib", induk=rhk_kadis)
    approved(skp_sek)
    skp_atasan = new_skp(cast.atasan)
    rhk_atasan = add_rhk(skp_atasan, uraian="Administrasi umum tertib", induk=rhk_sek)
    approved(skp_atasan)
    return Rencana(skp_kadis, skp_sek, skp_atasan, rhk_kadis, rhk_sek, rhk_atasan)


def dinilai_langsung(pegawai, penilai, *, jenis="TRIWULAN", ke=4, hasil="SESUAI", perilaku="SESUAI"):
    """An approved SKP with a rating given now, written directly (the rating service is tested elsewhere)."""
    from django.utils import timezone

    from skp.models import Penilaian
    from skp.rules import predikat

    skp = new_skp(pegawai)
    add_rhk(skp)
    Skp.objects.filter(pk=skp.pk).update(status="DISETUJUI")
    return Penilaian.objects.create(
        pemda=pegawai.pemda, skp=skp, jenis=jenis, ke=ke, penilai=penilai, hasil_kerja=hasil,
        perilaku_kerja=perilaku, predikat=predikat(hasil, perilaku), dinilai_pada=timezone.now(),
    )  # fmt: skip


def keberatan_langsung(penilaian, pemutus, **kw):
    """An objection filed, written directly (the filing is tested in test_keberatan.py)."""
    from datetime import timedelta

    from django.utils import timezone

    from skp.models import Keberatan

    return Keberatan.objects.create(
        pemda=penilaian.pemda, penilaian=penilaian, pegawai=penilaian.skp.pegawai, penilai=penilaian.penilai,
        pemutus=pemutus, status="DIAJUKAN", alasan="Realisasi saya melebihi target.",
        hasil_kerja_semula=penilaian.hasil_kerja, perilaku_kerja_semula=penilaian.perilaku_kerja,
        predikat_semula=penilaian.predikat, batas_ajukan=timezone.localdate() + timedelta(days=14),
        batas_putus=timezone.localdate() + timedelta(days=20), diajukan_pada=timezone.now(), **kw,
    )  # fmt: skip
