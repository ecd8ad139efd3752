"""The line-by-line explanation of one employee's TPP of a month, in plain Indonesian (issue 6).

Pure: it reads a row-like object (a `BarisTpp`, saved or not) and the rule numbers it was computed
with (`rules.NilaiAturan`), and returns lines; no database, no request. Every amount shown is the
one stored on the row, so the explanation can never disagree with the payroll; the formulas only
say how it came about.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from core.money import format_rupiah

from . import rules
from .rules_uang_makan import kelompok_golongan

# What each discipline event is called on the page (RULES.md §1.6; the bands of attendance.rules).
NAMA_KEJADIAN: Mapping[str, str] = {
    "TL1": "terlambat TL1 (1–30 menit)",
    "TL2": "terlambat TL2 (31–60 menit)",
    "TL3": "terlambat TL3 (61–90 menit)",
    "TL4": "terlambat TL4 (lebih dari 90 menit atau tidak absen masuk)",
    "PSW1": "pulang cepat PSW1 (1–30 menit)",
    "PSW2": "pulang cepat PSW2 (31–60 menit)",
    "PSW3": "pulang cepat PSW3 (61–90 menit)",
    "PSW4": "pulang cepat PSW4 (lebih dari 90 menit atau tidak absen pulang)",
    "TIDAK_APEL": "tidak mengikuti apel",
    "TIDAK_UPACARA": "tidak mengikuti upacara",
    "TIDAK_SENAM": "tidak mengikuti senam",
    "TANPA_KETERANGAN": "hari tidak masuk tanpa keterangan",
}
URUTAN_KEJADIAN = list(NAMA_KEJADIAN)
NAMA_PERMOHONAN: Mapping[str, str] = {
    "CUTI_TAHUNAN": "cuti tahunan",
    "CUTI_BESAR": "cuti besar",
    "CUTI_SAKIT": "cuti sakit",
    "CUTI_MELAHIRKAN": "cuti melahirkan",
    "CUTI_ALASAN_PENTING": "cuti karena alasan penting",
    "CUTI_BERSAMA": "cuti bersama",
    "CLTN": "cuti di luar tanggungan negara",
    "IZIN": "izin",
    "SAKIT": "sakit dengan surat dokter",
    "DINAS_LUAR": "dinas luar",
    "TUGAS_BELAJAR": "tugas belajar",
}


@dataclass(frozen=True)
class Baris:
    """One line: what it is, its amount or figure, how it came about; `jenis` styles it:
    "dasar" a starting figure, "kurang" a deduction, "info" for information only, "hasil" a subtotal,
    "akhir" the amount paid, "masalah" why there is no amount."""

    label: str
    nilai: str = ""
    keterangan: str = ""
    jenis: str = "dasar"


def angka(n: int | Decimal) -> str:
    """`6600` → `6.600` (Indonesian thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


def persen(value: Decimal | int | str, *, pecahan: bool = False, digits: int = 2) -> str:
    """`Decimal("75.757575")` → `75,76%`; `pecahan=True` reads 0..1 as a fraction. No trailing zeros."""
    d = Decimal(str(value)) * (100 if pecahan else 1)
    d = d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def _masukan(row) -> Mapping:
    return getattr(row, "masukan", None) or {}


def _besaran(row, aturan: rules.NilaiAturan) -> list[Baris]:
    jabatan_id = _masukan(row).get("jabatan_id")
    if jabatan_id is not None and int(jabatan_id) in aturan.besaran_jabatan:
        label = _("Besaran TPP jabatan Anda (besaran khusus jabatan)")
    else:
        label = _("Besaran TPP kelas jabatan %(k)s") % {"k": row.kelas}
    lines = [Baris(label, format_rupiah(row.besaran), _("Jumlah penuh sebulan menurut aturan TPP pemda."))]
    penuh = max(row.hari_kerja_bulan, row.hari_kerja)
    if row.besaran_dibayar != row.besaran:
        sebab = []
        if row.hari_kerja < penuh:
            sebab.append(
                _("Anda tercatat bertugas di pemda ini %(n)s dari %(h)s hari kerja bulan ini.")
                % {"n": row.hari_kerja, "h": penuh}
            )
        if row.hari_batal:
            sebab.append(
                _("%(n)s hari cuti besar atau cuti di luar tanggungan negara tidak mendapat TPP.")
                % {"n": row.hari_batal}
            )
        lines.append(
            Baris(
                _("Dibayar untuk %(d)s dari %(h)s hari kerja") % {"d": row.hari_kerja - row.hari_batal, "h": penuh},
                format_rupiah(row.besaran_dibayar),
                " ".join(sebab),
            )
        )
    return lines


NAMA_PREDIKAT: Mapping[str, str] = {
    "SANGAT_BAIK": "Sangat Baik",
    "BAIK": "Baik",
    "BUTUH_PERBAIKAN": "Butuh Perbaikan",
    "KURANG": "Kurang",
    "SANGAT_KURANG": "Sangat Kurang",
}


def _predikat(row, aturan: rules.NilaiAturan) -> list[Baris]:
    """Where the pemda pays the kinerja part by the monthly SKP predikat instead of minutes."""
    predikat = _masukan(row).get("predikat") or ""
    return [
        Baris(
            _("Capaian kinerja menurut predikat SKP bulan ini: %(p)s") % {"p": NAMA_PREDIKAT.get(predikat, predikat)},
            persen(row.capaian, pecahan=True),
            _("Pemda membayar bagian kinerja menurut predikat kinerja bulanan yang ditetapkan atasan."),
            "hasil",
        )
    ]


def _menit(row, aturan: rules.NilaiAturan) -> list[Baris]:
    if getattr(aturan, "kinerja_dari_predikat", False):
        return _predikat(row, aturan)
    m = _masukan(row)
    hari_dibayar = row.hari_kerja - row.hari_batal
    target = hari_dibayar * row.menit_per_hari
    lines = [
        Baris(
            _("Hari kerja dan target menit"),
            _("%(t)s menit") % {"t": angka(target)},
            _("%(h)s hari kerja × %(m)s menit per hari") % {"h": hari_dibayar, "m": angka(row.menit_per_hari)},
        ),
        Baris(
            _("Menit aktivitas yang sudah divalidasi"),
            _("%(m)s menit") % {"m": angka(row.menit_valid)},
            _("Yang dihitung hanya aktivitas yang sudah divalidasi (disetujui atasan dari atasan Anda)."),
        ),
    ]
    hari_permohonan = m.get("hari_permohonan") or {}
    if row.menit_kredit:
        rincian = [
            _("%(h)s hari %(j)s × %(m)s menit")
            % {"h": h, "j": NAMA_PERMOHONAN.get(j, j), "m": angka(aturan.menit_permohonan.get(j, 0))}
            for j, h in hari_permohonan.items()
            if j not in aturan.cuti_tanpa_tpp and int(aturan.menit_permohonan.get(j, 0)) > 0 and h
        ]
        lines.append(
            Baris(
                _("Menit dari cuti yang disetujui"),
                _("+%(m)s menit") % {"m": angka(row.menit_kredit)},
                "; ".join(rincian),
            )
        )
    if row.menit_pengurang:
        bagian = []
        if aturan.pengurang_menit_terlambat and m.get("menit_terlambat"):
            bagian.append(_("%(m)s menit terlambat dan pulang cepat") % {"m": angka(m["menit_terlambat"])})
        if m.get("hari_tanpa_keterangan"):
            bagian.append(
                _("%(h)s hari tanpa keterangan × %(m)s menit")
                % {"h": m["hari_tanpa_keterangan"], "m": angka(aturan.menit_tanpa_keterangan)}
            )
        for j, h in hari_permohonan.items():
            per_hari = int(aturan.menit_permohonan.get(j, 0))
            if j not in aturan.cuti_tanpa_tpp and per_hari < 0 and h:
                bagian.append(
                    _("%(h)s hari %(j)s × %(m)s menit")
                    % {"h": h, "j": NAMA_PERMOHONAN.get(j, j), "m": angka(-per_hari)}
                )
        lines.append(
            Baris(
                _("Pengurang batas capaian"),
                _("−%(m)s menit") % {"m": angka(row.menit_pengurang)},
                "; ".join(bagian),
                "kurang",
            )
        )
    batas = max(target - row.menit_pengurang, 0)
    dihitung = min(row.menit_valid + row.menit_kredit, batas)
    lines.append(
        Baris(
            _("Capaian kinerja"),
            persen(row.capaian, pecahan=True),
            _("%(d)s menit diakui (paling banyak %(b)s menit) dibagi target %(t)s menit")
            % {"d": angka(dihitung), "b": angka(batas), "t": angka(target)},
            "hasil",
        )
    )
    return lines


def _kinerja(row, aturan: rules.NilaiAturan) -> list[Baris]:
    lines = []
    dibayar = row.besaran_dibayar
    rumus = _("%(b)s × %(d)s × capaian %(c)s") % {
        "b": persen(aturan.bobot_kinerja, pecahan=True),
        "d": format_rupiah(dibayar),
        "c": persen(row.capaian, pecahan=True),
    }
    if row.kaskade_pct:
        lines.append(
            Baris(
                _("%(n)s aktivitas bawahan terlambat diperiksa: bagian kinerja dipotong %(p)s")
                % {"n": row.tunggakan, "p": persen(row.kaskade_pct)},
                "−" + persen(row.kaskade_pct),
                _("%(p)s per aktivitas, paling banyak %(m)s.")
                % {"p": persen(aturan.kaskade_persen), "m": persen(aturan.kaskade_maks)},
                "kurang",
            )
        )
        rumus += " × " + _("(100%% − %(k)s)") % {"k": persen(row.kaskade_pct)}
    lines.append(Baris(_("Bagian kinerja"), format_rupiah(row.bagian_kinerja), rumus, "hasil"))
    return lines


def _disiplin(row, aturan: rules.NilaiAturan, nama_kejadian: Mapping[str, str]) -> list[Baris]:
    lines = []
    kejadian = dict(row.kejadian or {})
    for kode in sorted(kejadian, key=lambda k: (URUTAN_KEJADIAN.index(k) if k in URUTAN_KEJADIAN else 99, k)):
        n = kejadian[kode]
        if not n:
            continue
        nama = nama_kejadian.get(kode) or NAMA_KEJADIAN.get(kode, kode)
        if kode not in aturan.tabel_potongan and kode not in rules.KODE_PRESENSI:
            lines.append(
                Baris(
                    _("%(n)s kali %(nama)s") % {"n": n, "nama": nama},
                    _("tanpa potongan"),
                    _("Aturan TPP yang dipakai belum menetapkan potongan untuk kejadian ini, jadi tidak memotong."),
                    "info",
                )
            )
            continue
        per = Decimal(str(aturan.tabel_potongan.get(kode, 0)))
        if kode == "TANPA_KETERANGAN":
            label = _("%(n)s %(nama)s") % {"n": n, "nama": nama}
        else:
            label = _("%(n)s kali %(nama)s") % {"n": n, "nama": nama}
        lines.append(
            Baris(
                label,
                _("−%(p)s dari bagian disiplin") % {"p": persen(per * n)},
                _("%(p)s setiap kejadian") % {"p": persen(per)},
                "kurang",
            )
        )
    if not lines:
        lines.append(Baris(_("Tidak ada pelanggaran disiplin"), _("tanpa potongan"), "", "info"))
    dibayar = row.besaran_dibayar
    rumus = _("%(b)s × %(d)s × (100%% − %(p)s)") % {
        "b": persen(aturan.bobot_disiplin, pecahan=True),
        "d": format_rupiah(dibayar),
        "p": persen(row.potongan_disiplin_pct),
    }
    if Decimal(str(row.potongan_disiplin_pct)) >= 100:
        rumus += " " + _("(potongan paling banyak 100%)")
    lines.append(Baris(_("Bagian disiplin"), format_rupiah(row.bagian_disiplin), rumus, "hasil"))
    return lines


def _potongan(row, aturan: rules.NilaiAturan) -> list[Baris]:
    lines = [Baris(_("TPP kotor (bruto)"), format_rupiah(row.bruto), _("Bagian kinerja + bagian disiplin"), "hasil")]
    if row.potongan_hukdis or Decimal(str(row.hukdis_pct)):
        lines.append(
            Baris(
                _("Hukuman disiplin: potongan %(p)s dari TPP kotor") % {"p": persen(row.hukdis_pct)},
                "−" + format_rupiah(row.potongan_hukdis),
                _("Sesuai surat keputusan hukuman disiplin yang berlaku bulan ini."),
                "kurang",
            )
        )
    lines.append(
        Baris(
            _("Iuran BPJS Kesehatan %(p)s (bagian pegawai)") % {"p": persen(aturan.bpjs_persen_pegawai)},
            "−" + format_rupiah(row.bpjs_pegawai),
            _("Dasar iuran gaji + TPP paling banyak %(b)s; bagian gaji sudah dipotong dari gaji.")
            % {"b": format_rupiah(aturan.bpjs_batas)},
            "kurang",
        )
    )
    lines.append(
        Baris(
            _("Iuran BPJS Kesehatan %(p)s dibayar pemda") % {"p": persen(aturan.bpjs_persen_pemda)},
            format_rupiah(row.bpjs_pemda),
            _("Hanya informasi: tidak dipotong dari TPP Anda."),
            "info",
        )
    )
    if aturan.pph_metode == "TARIF_GOLONGAN":
        tarif = None
        for key in ((row.golongan or "").strip(), kelompok_golongan(row.golongan or "")):
            if key and key in aturan.pph_tarif:
                tarif = aturan.pph_tarif[key]
                break
        label = _("PPh 21 %(p)s (golongan %(g)s)") % {"p": persen(tarif or 0), "g": row.golongan or "—"}
        lines.append(
            Baris(label, "−" + format_rupiah(row.pph), _("Dipotong dari TPP setelah hukuman disiplin."), "kurang")
        )
    else:
        lines.append(Baris(_("PPh 21"), format_rupiah(0), _("Tidak dipotong: ditanggung pemerintah."), "info"))
    lines.append(Baris(_("TPP diterima (neto)"), format_rupiah(row.neto), "", "akhir"))
    return lines


def masalah(row) -> str:
    """One plain sentence on why there is no amount, and what to do; empty when there is one."""
    if row.batal:
        return _("%(alasan)s Jika menurut Anda ini keliru, hubungi pengelola kepegawaian (BKPSDM).") % {
            "alasan": row.batal
        }
    if row.galat:
        return _("TPP belum dapat dihitung: %(alasan)s Hubungi BKPSDM agar data ini dilengkapi.") % {
            "alasan": row.galat
        }
    return ""


def rincian(row, aturan: rules.NilaiAturan, nama_kejadian: Mapping[str, str] | None = None) -> list[Baris]:
    """Every line of the month, from the amount of the jabatan to the amount paid; `nama_kejadian`
    names the pemda's gatherings by their code ("tidak mengikuti senam Jumat")."""
    if pesan := masalah(row):
        lines = []
        if row.besaran:
            lines = _besaran(row, aturan)
        return [*lines, Baris(_("Mengapa tidak ada TPP"), "", pesan, "masalah")]
    return [*_besaran(row, aturan), *_menit(row, aturan), *_kinerja(row, aturan),
            *_disiplin(row, aturan, nama_kejadian or {}), *_potongan(row, aturan)]  # fmt: skip
