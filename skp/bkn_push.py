"""Pushing closed evaluations to BKN (issue 19), never half-applied: each record's BknKirim row turns
TERKIRIM only after BKN answered success for it, in its own small write; a failure leaves the row
GAGAL with the reason and the count of attempts, and a later run sends only what is not TERKIRIM."""

from dataclasses import dataclass, field

from django.utils import timezone

from . import bkn, bkn_client
from .models import BknKirim


@dataclass
class Laporan:
    terkirim: int = 0
    gagal: int = 0
    sudah: int = 0
    galat: list[str] = field(default_factory=list)

    def as_result(self) -> dict:
        return {"terkirim": self.terkirim, "gagal": self.gagal, "sudah": self.sudah, "galat": self.galat[:50]}


def _tandai(penilaian, *, ok: bool, data: dict, pesan: str, bkn_id: str = "") -> None:
    kirim, _baru = BknKirim.objects.get_or_create(penilaian=penilaian, defaults={"pemda_id": penilaian.pemda_id})
    fields = {"percobaan": kirim.percobaan + 1, "pesan": pesan, "data": data, "diubah": timezone.now()}
    if ok:
        fields |= {"status": BknKirim.Status.TERKIRIM, "bkn_id": bkn_id, "terkirim_pada": timezone.now()}
    # never turn a TERKIRIM row back (a concurrent run that got there first wins)
    BknKirim.objects.filter(pk=kirim.pk).exclude(status=BknKirim.Status.TERKIRIM).update(**fields)


def bkn_push(*, pemda_id: int, tahun: int, jenis: str, ke: int, opd_id: int | None = None) -> Laporan:
    """Send every rated evaluation of the period (and OPD) that BKN has not accepted yet."""
    laporan = Laporan()
    semua = bkn.penilaian_tertutup(pemda_id=pemda_id, tahun=tahun, jenis=jenis, ke=ke, opd_id=opd_id)
    terkirim = set(
        BknKirim.objects.filter(penilaian__in=semua, status=BknKirim.Status.TERKIRIM).values_list(
            "penilaian_id", flat=True
        )
    )
    for penilaian, record in bkn.records(p for p in semua if p.pk not in terkirim):
        if not record["pnsDinilaiId"]:
            jawaban = bkn_client.Jawaban(False, "ID SIASN pegawai belum diisi")
        else:
            jawaban = bkn_client.kirim(record)
        _tandai(penilaian, ok=jawaban.ok, data=record, pesan=jawaban.pesan, bkn_id=jawaban.bkn_id)
        if jawaban.ok:
            laporan.terkirim += 1
        else:
            laporan.gagal += 1
            laporan.galat.append(f"{penilaian.skp.pegawai.nip}: {jawaban.pesan}")
    laporan.sudah = len(terkirim)
    return laporan
