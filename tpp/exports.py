"""xlsx pay lists: TPP month, TPP quarter and uang makan, all in the one printed shape of
`tpp.pay_sheet` (title, columns, a row per employee, totals, signature block).

The whole-pemda monthly recap is one workbook with a "Rekapitulasi" sheet (one line per OPD with its
totals and the pemda total; the BPKAD's view for the SP2D per OPD) followed by one complete sheet
per OPD, each with its own totals and signature block: TPP is paid through each OPD's budget
(DPA) by its own bendahara pengeluaran, who prints and signs their OPD's list only. One sheet with
subtotals would need cutting up before anyone could sign it.
"""

from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

from core.dates import BULAN

from .pay_sheet import PERSEN, RUPIAH, TEKS, Buku, Kolom, Penandatangan, bendahara, kepala_opd
from .uang_makan import Baris, total_of

# --- uang makan ----------------------------------------------------------------------------------

KOLOM_UANG_MAKAN = [
    Kolom("No.", 5),
    Kolom("NIP", 21, TEKS),
    Kolom("Nama", 34),
    Kolom("Golongan", 10),
    Kolom("Hari", 7),
    Kolom("Tarif/hari", 12, RUPIAH),
    Kolom("Bruto", 14, RUPIAH),
    Kolom("PPh", 12, RUPIAH),
    Kolom("Neto", 14, RUPIAH),
    Kolom("Keterangan", 40),
]


def uang_makan_xlsx(
    *,
    baris: Sequence[Baris],
    pemda: str,
    opd: str,
    bulan: str,
    kepala: Penandatangan | None = None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """One sheet: pemda / OPD / month header, a row per employee, a totals row, signatures."""
    buku = Buku()
    kolom = [Kolom(_(k.judul), k.lebar, k.format) for k in KOLOM_UANG_MAKAN]
    sheet = buku.lembar(
        nama=_("Uang makan"),
        judul=_("Daftar uang makan %(bulan)s") % {"bulan": bulan},
        pemda=pemda,
        opd=opd,
        kolom=kolom,
    )
    for i, b in enumerate(baris, start=1):
        sheet.baris([i, b.nip, b.nama, b.golongan, b.hari, b.tarif, b.bruto, b.pph, b.neto, b.galat])
        if progress:
            progress(i)
    total = total_of(list(baris))
    sheet.jumlah([None, None, _("Jumlah"), None, total.hari, None, total.bruto, total.pph, total.neto, None])
    sheet.tanda_tangan(kepala, bendahara())
    return buku.simpan()


# --- TPP of a month --------------------------------------------------------------------------------

KOLOM_TPP = [
    Kolom("No.", 5),
    Kolom("NIP", 21, TEKS),
    Kolom("Nama", 30),
    Kolom("Gol.", 7),
    Kolom("Jabatan", 30),
    Kolom("Kelas", 6),
    Kolom("Besaran TPP", 14, RUPIAH),
    Kolom("Capaian kinerja", 10, PERSEN),
    Kolom("Bagian kinerja", 14, RUPIAH),
    Kolom("Bagian disiplin", 14, RUPIAH),
    Kolom("Bruto", 14, RUPIAH),
    Kolom("Potongan hukuman disiplin", 12, RUPIAH),
    Kolom("BPJS (iuran pegawai)", 12, RUPIAH),
    Kolom("PPh 21", 12, RUPIAH),
    Kolom("Neto (diterima)", 14, RUPIAH),
    Kolom("Keterangan", 34),
]


def _kolom(spec: Sequence[Kolom]) -> list[Kolom]:
    return [Kolom(_(k.judul), k.lebar, k.format, _(k.grup) if k.grup else "") for k in spec]


def _nilai_tpp(i: int, b) -> list:
    o = b.orang
    return [
        i,
        o.nip,
        o.nama,
        o.golongan,
        o.jabatan,
        o.kelas,
        b.besaran,
        b.capaian,
        b.kinerja,
        b.disiplin,
        b.bruto,
        b.hukdis,
        b.bpjs,
        b.pph,
        b.neto,
        b.keterangan,
    ]


def _jumlah_tpp(j) -> list:
    return [
        None,
        None,
        _("Jumlah (%(n)d pegawai)") % {"n": j.pegawai},
        None,
        None,
        None,
        j.besaran,
        None,
        j.kinerja,
        j.disiplin,
        j.bruto,
        j.hukdis,
        j.bpjs,
        j.pph,
        j.neto,
        None,
    ]


def rekap_bulanan_xlsx(rekap, *, progress: Callable[[int], None] | None = None) -> bytes:
    """The month's TPP list: one sheet for one OPD; for the whole pemda a summary sheet and one sheet
    per OPD (see the module docstring for why)."""
    buku = Buku()
    judul = _("Daftar TPP %(b)s") % {"b": rekap.judul_bulan}
    if not rekap.ditutup:
        judul += " " + _("(belum ditutup: angka dapat berubah)")
    pemda = rekap.pemda.nama
    kepala = kepala_opd([r.opd.pk for r in rekap.opd if r.opd.pk])
    if not rekap.satu_opd:
        _ringkasan(buku, rekap, judul, pemda)
    n = 0
    for r in rekap.opd:
        sheet = buku.lembar(
            nama=r.opd.singkatan or r.opd.nama, judul=judul, pemda=pemda, opd=r.opd.nama, kolom=_kolom(KOLOM_TPP)
        )
        for i, b in enumerate(r.baris, start=1):
            sheet.baris(_nilai_tpp(i, b))
            n += 1
            if progress:
                progress(n)
        sheet.jumlah(_jumlah_tpp(r.jumlah))
        sheet.tanda_tangan(kepala.get(r.opd.pk), bendahara())
    return buku.simpan()


KOLOM_RINGKASAN = [
    Kolom("No.", 5),
    Kolom("OPD", 44),
    Kolom("Pegawai", 9),
    Kolom("Besaran TPP", 16, RUPIAH),
    Kolom("Bagian kinerja", 16, RUPIAH),
    Kolom("Bagian disiplin", 16, RUPIAH),
    Kolom("Bruto", 16, RUPIAH),
    Kolom("Potongan hukuman disiplin", 14, RUPIAH),
    Kolom("BPJS (iuran pegawai)", 14, RUPIAH),
    Kolom("PPh 21", 14, RUPIAH),
    Kolom("Neto (diterima)", 16, RUPIAH),
    Kolom("BPJS ditanggung pemda", 14, RUPIAH),
]


def _ringkasan(buku, rekap, judul: str, pemda: str) -> None:
    sheet = buku.lembar(
        nama=_("Rekapitulasi"),
        judul=judul,
        pemda=pemda,
        opd=_("Rekapitulasi seluruh OPD"),
        kolom=_kolom(KOLOM_RINGKASAN),
        beku="C",
    )

    def nilai(j) -> list:
        return [j.pegawai, j.besaran, j.kinerja, j.disiplin, j.bruto, j.hukdis, j.bpjs, j.pph, j.neto, j.bpjs_pemda]

    for i, r in enumerate(rekap.opd, start=1):
        sheet.baris([i, r.opd.nama, *nilai(r.jumlah)])
    sheet.jumlah([None, _("Jumlah"), *nilai(rekap.jumlah)])


# --- TPP of a quarter ------------------------------------------------------------------------------

BULANAN_TRIWULAN = [  # per month of the quarter
    Kolom("Capaian", 9, PERSEN),
    Kolom("Kinerja", 13, RUPIAH),
    Kolom("Disiplin", 13, RUPIAH),
    Kolom("Bruto", 13, RUPIAH),
    Kolom("Neto", 13, RUPIAH),
]
TOTAL_TRIWULAN = [
    Kolom("Capaian rata-rata", 9, PERSEN),
    Kolom("Kinerja", 14, RUPIAH),
    Kolom("Disiplin", 14, RUPIAH),
    Kolom("Bruto", 14, RUPIAH),
    Kolom("Potongan hukuman disiplin", 12, RUPIAH),
    Kolom("BPJS (iuran pegawai)", 12, RUPIAH),
    Kolom("PPh 21", 12, RUPIAH),
    Kolom("Neto", 14, RUPIAH),
    Kolom("Hari tanpa keterangan", 9),
    Kolom("Terlambat (kali)", 9),
    Kolom("Pulang cepat (kali)", 9),
]


def _kolom_triwulan(rekap) -> list[Kolom]:
    kolom = [
        Kolom(_("No."), 5),
        Kolom(_("NIP"), 21, TEKS),
        Kolom(_("Nama"), 28),
        Kolom(_("Gol."), 7),
        Kolom(_("Jabatan"), 26),
        Kolom(_("Kelas"), 6),
    ]
    if rekap.opd is None:
        kolom.append(Kolom(_("OPD"), 24))
    for m in rekap.bulan:
        for j, k in enumerate(BULANAN_TRIWULAN):
            kolom.append(Kolom(_(k.judul), k.lebar, k.format, BULAN[m - 1] if j == 0 else ""))
    for j, k in enumerate(TOTAL_TRIWULAN):
        kolom.append(Kolom(_(k.judul), k.lebar, k.format, _("Jumlah triwulan") if j == 0 else ""))
    kolom.append(Kolom(_("Keterangan"), 34))
    return kolom


def rekap_triwulan_xlsx(rekap, *, progress: Callable[[int], None] | None = None) -> bytes:
    """One sheet: a row per employee, the three months side by side, then the quarter's totals and
    the cumulative attendance (days without notice, late arrivals, early leaves)."""
    buku = Buku()
    kolom = _kolom_triwulan(rekap)
    opd = rekap.opd.nama if rekap.opd else _("Seluruh OPD")
    sheet = buku.lembar(
        nama=_("Triwulan %(t)d") % {"t": rekap.triwulan},
        judul=_("Rekap TPP %(j)s") % {"j": rekap.judul},
        pemda=rekap.pemda.nama,
        opd=opd,
        kolom=kolom,
    )
    for i, r in enumerate(rekap.baris, start=1):
        o = r.orang
        values: list = [i, o.nip, o.nama, o.golongan, o.jabatan, o.kelas]
        if rekap.opd is None:
            values.append(rekap.opd_nama[o.opd_id].nama if o.opd_id in rekap.opd_nama else "")
        for m in rekap.bulan:
            b = r.bulan.get(m)
            values += [b.capaian, b.kinerja, b.disiplin, b.bruto, b.neto] if b else [None] * 5
        values += [
            r.capaian,
            *(r.jumlah(x) for x in ("kinerja", "disiplin", "bruto", "hukdis", "bpjs", "pph", "neto")),
            r.jumlah("tanpa_keterangan"),
            r.jumlah("tl"),
            r.jumlah("psw"),
            r.keterangan,
        ]
        sheet.baris(values)
        if progress:
            progress(i)
    j = rekap.jumlah
    total: list = [None, None, _("Jumlah (%(n)d pegawai)") % {"n": j.pegawai}, None, None, None]
    if rekap.opd is None:
        total.append(None)
    for m in rekap.bulan:
        pb = rekap.per_bulan[m]
        total += [None, pb.kinerja, pb.disiplin, pb.bruto, pb.neto]
    total += [None, j.kinerja, j.disiplin, j.bruto, j.hukdis, j.bpjs, j.pph, j.neto, None, None, None, None]
    sheet.jumlah(total)
    if rekap.opd is not None:  # a whole-pemda quarter is a statistic for BKPSDM/BPKAD, not a pay list
        sheet.tanda_tangan(kepala_opd([rekap.opd.pk]).get(rekap.opd.pk), bendahara())
    return buku.simpan()
