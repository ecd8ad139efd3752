"""A seeded first quarter of 2026 for the BKN bridge tests: two rated staff in the dinas, one rated
in the badan (another OPD), one unrated, with fixed NIPs and SIASN ids so the records are stable."""

from datetime import date

from accounts.models import Pegawai
from skp.choices import JenisPeriode, Jenjang, Predikat, Rating, Status
from skp.models import Penilaian, Skp

TAHUN = 2026
IDENTITAS = {
    "kadis": ("197001011995031001", "IV/c", "a1000000000000000000000000000001"),
    "atasan_atasan": ("197502022000031002", "IV/a", "a1000000000000000000000000000002"),
    "atasan": ("198003032005011003", "III/d", "a1000000000000000000000000000003"),
    "pegawai": ("199004042015032004", "III/a", "a1000000000000000000000000000004"),
    "pegawai_lain": ("199105052016031005", "II/c", "a1000000000000000000000000000005"),
}


def _skp(pegawai, penilai, jabatan, jenjang="") -> Skp:
    return Skp.objects.create(
        pemda=pegawai.pemda,
        pegawai=pegawai,
        tahun=TAHUN,
        mulai=date(TAHUN, 1, 1),
        selesai=date(TAHUN, 12, 31),
        jabatan=jabatan,
        penilai=penilai,
        status=Status.DISETUJUI,
        jenjang=jenjang,
    )


def _nilai(skp, hasil, perilaku, predikat, *, jenis=JenisPeriode.TRIWULAN, ke=1) -> Penilaian:
    return Penilaian.objects.create(
        pemda=skp.pemda,
        skp=skp,
        jenis=jenis,
        ke=ke,
        penilai=skp.penilai,
        hasil_kerja=hasil,
        perilaku_kerja=perilaku,
        predikat=predikat,
    )


def seed_quarter(cast) -> dict[str, Penilaian]:
    for attr, (nip, golongan, siasn_id) in IDENTITAS.items():
        orang = getattr(cast, attr)
        Pegawai.objects.filter(pk=orang.pk).update(nip=nip, golongan=golongan, siasn_id=siasn_id)
        orang.refresh_from_db()
    staf = _skp(cast.pegawai, cast.atasan, cast.j_staf, Jenjang.AHLI_PERTAMA)
    kasubag = _skp(cast.atasan, cast.atasan_atasan, cast.j_kasubag)
    sek = _skp(cast.atasan_atasan, cast.kadis, cast.j_sekretaris)
    lain = _skp(cast.pegawai_lain, None, cast.j_badan_staf)
    return {
        "staf": _nilai(staf, Rating.SESUAI, Rating.SESUAI, Predikat.BAIK),
        "kasubag": _nilai(kasubag, Rating.DI_ATAS, Rating.DI_ATAS, Predikat.SANGAT_BAIK),
        "sek_belum": Penilaian.objects.create(pemda=sek.pemda, skp=sek, jenis=JenisPeriode.TRIWULAN, ke=1),
        "lain": _nilai(lain, Rating.DI_BAWAH, Rating.SESUAI, Predikat.BUTUH_PERBAIKAN),
        "staf_tahunan": _nilai(
            staf, Rating.DI_ATAS, Rating.DI_BAWAH, Predikat.KURANG, jenis=JenisPeriode.TAHUNAN, ke=1
        ),
    }
