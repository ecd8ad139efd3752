from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles held on top of being a pegawai. "Atasan" is not a role: it is derived (DESIGN.md §2)."""

    PEGAWAI = "PEGAWAI", _("Pegawai")
    ADMIN_OPD = "ADMIN_OPD", _("Admin OPD")
    HR_PEMDA = "HR_PEMDA", _("HR Pemda (BKPSDM/Keuangan)")
    SUPERADMIN = "SUPERADMIN", _("Superadmin")


class JenisPemda(models.TextChoices):
    KOTA = "KOTA", _("Kota")
    KABUPATEN = "KABUPATEN", _("Kabupaten")
    PROVINSI = "PROVINSI", _("Provinsi")


class ZonaWaktu(models.TextChoices):
    """The three time zones of Indonesia (UU/Keppres 41/1987): a pemda's working day runs in one."""

    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


class JenisUnit(models.TextChoices):
    """Levels of PP 18/2016 perangkat daerah (RULES.md §5)."""

    PERANGKAT_DAERAH = "PERANGKAT_DAERAH", _("Perangkat Daerah (OPD)")
    ASISTEN = "ASISTEN", _("Asisten")
    SEKRETARIAT = "SEKRETARIAT", _("Sekretariat")
    BIDANG = "BIDANG", _("Bidang")
    BAGIAN = "BAGIAN", _("Bagian")
    SUBBAGIAN = "SUBBAGIAN", _("Subbagian")
    SUBBIDANG = "SUBBIDANG", _("Subbidang")
    SEKSI = "SEKSI", _("Seksi")
    UPT = "UPT", _("UPT/UPTD")
    KECAMATAN = "KECAMATAN", _("Kecamatan")
    KELURAHAN = "KELURAHAN", _("Kelurahan")


class JenisJabatan(models.TextChoices):
    """SIASN jenis jabatan, with the structural level split out (RULES.md §5)."""

    JPT = "JPT", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")
    PELAKSANA = "PELAKSANA", _("Pelaksana")


class Eselon(models.TextChoices):
    I_A = "I.a", "I.a"
    I_B = "I.b", "I.b"
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"


class StatusPegawai(models.TextChoices):
    PNS = "PNS", _("PNS")
    CPNS = "CPNS", _("CPNS")
    PPPK = "PPPK", _("PPPK")


class JenisKelamin(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Golongan(models.TextChoices):
    """Golongan ruang PNS (SIASN golonganPns) and golongan PPPK I–XVII."""

    I_A = "I/a", "I/a – Juru Muda"
    I_B = "I/b", "I/b – Juru Muda Tingkat I"
    I_C = "I/c", "I/c – Juru"
    I_D = "I/d", "I/d – Juru Tingkat I"
    II_A = "II/a", "II/a – Pengatur Muda"
    II_B = "II/b", "II/b – Pengatur Muda Tingkat I"
    II_C = "II/c", "II/c – Pengatur"
    II_D = "II/d", "II/d – Pengatur Tingkat I"
    III_A = "III/a", "III/a – Penata Muda"
    III_B = "III/b", "III/b – Penata Muda Tingkat I"
    III_C = "III/c", "III/c – Penata"
    III_D = "III/d", "III/d – Penata Tingkat I"
    IV_A = "IV/a", "IV/a – Pembina"
    IV_B = "IV/b", "IV/b – Pembina Tingkat I"
    IV_C = "IV/c", "IV/c – Pembina Utama Muda"
    IV_D = "IV/d", "IV/d – Pembina Utama Madya"
    IV_E = "IV/e", "IV/e – Pembina Utama"
    PPPK_I = "I", "PPPK I"
    PPPK_II = "II", "PPPK II"
    PPPK_III = "III", "PPPK III"
    PPPK_IV = "IV", "PPPK IV"
    PPPK_V = "V", "PPPK V"
    PPPK_VI = "VI", "PPPK VI"
    PPPK_VII = "VII", "PPPK VII"
    PPPK_VIII = "VIII", "PPPK VIII"
    PPPK_IX = "IX", "PPPK IX"
    PPPK_X = "X", "PPPK X"
    PPPK_XI = "XI", "PPPK XI"
    PPPK_XII = "XII", "PPPK XII"
    PPPK_XIII = "XIII", "PPPK XIII"
    PPPK_XIV = "XIV", "PPPK XIV"
    PPPK_XV = "XV", "PPPK XV"
    PPPK_XVI = "XVI", "PPPK XVI"
    PPPK_XVII = "XVII", "PPPK XVII"


class KedudukanHukum(models.TextChoices):
    """SIASN kedudukanHukum codes (RULES.md §1.3); they drive TPP eligibility later."""

    AKTIF = "01", _("Aktif")
    CLTN = "02", _("Cuti di Luar Tanggungan Negara")
    TUGAS_BELAJAR = "03", _("Tugas Belajar")
    PEMBERHENTIAN_SEMENTARA = "04", _("Pemberhentian Sementara")
    UANG_TUNGGU = "05", _("Penerima Uang Tunggu")
    PERPANJANGAN_KONTRAK = "15", _("Perpanjangan/Pindah Instansi")
    MASA_PERSIAPAN_PENSIUN = "20", _("Masa Persiapan Pensiun")
    PPPK_AKTIF = "71", _("PPPK Aktif")
    PPPK_CLTN = "72", _("PPPK Cuti di Luar Tanggungan Negara")
    PPPK_BERAKHIR = "73", _("PPPK Berakhir")
    PENSIUN = "99", _("Pensiun")
    PPPK_PARUH_WAKTU = "101", _("PPPK Paruh Waktu")


class JenisPenempatan(models.TextChoices):
    """Plt/Plh hold a post while its definitive holder is absent; they approve like the holder."""

    DEFINITIF = "DEFINITIF", _("Definitif")
    PLT = "PLT", _("Pelaksana Tugas (Plt)")
    PLH = "PLH", _("Pelaksana Harian (Plh)")
