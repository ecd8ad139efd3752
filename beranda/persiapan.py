"""Persiapan pemda (issue 16): what a new pemda still lacks before it goes live, each line with a
count and the page that fixes it. It reads every app, so it lives here (the top of the import
direction core <- accounts <- attendance <- activities <- skp <- tpp <- beranda)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.faktor_kedua import tanpa_faktor_kedua
from accounts.lembar import tanpa_kode_berlaku
from accounts.models import Jabatan, LembarAktivasi, Pegawai, Pemda, UnitKerja, User
from accounts.selectors import penempatan_on
from accounts.services_pemda import PERAN_DIBERIKAN
from activities.models import AturanAktivitas
from attendance.models import AturanPresensi, HariLibur, JadwalKerja, PinMesin
from tpp.models import AturanTpp


@dataclass(frozen=True)
class Baris:
    """One line of the checklist: `jumlah` what there is (or what is missing), `siap` whether the
    line needs nothing more, `url_name` the page that fixes it (None: no page yet)."""

    kunci: str
    judul: str | Promise
    jumlah: int
    keterangan: str | Promise
    siap: bool
    url_name: str | None = None


def _pimpinan_opd(pemda: Pemda) -> set[int]:
    """The top post of each OPD (no atasan of its own, the highest kelas): its holder needs none."""
    tops: dict[int, int] = {}
    rows = (
        Jabatan.objects.filter(pemda=pemda, parent__isnull=True, aktif=True)
        .order_by("opd_id", "-kelas", "pk")
        .values_list("opd_id", "pk")
    )
    for opd_id, pk in rows:
        tops.setdefault(opd_id, pk)
    return set(tops.values())


def persiapan_pemda(pemda: Pemda, on: date) -> list[Baris]:
    """The checklist of a pemda on a date (a fixed number of queries, whatever its size)."""
    postings = penempatan_on(on=on).filter(pemda=pemda)
    pegawai = Pegawai.objects.filter(pemda=pemda)
    berpenempatan = pegawai.filter(Exists(postings.filter(pegawai=OuterRef("pk"))))
    n_pegawai, n_posted = pegawai.count(), berpenempatan.count()
    n_opd = UnitKerja.objects.filter(pemda=pemda, parent__isnull=True, aktif=True).count()
    n_unit = UnitKerja.objects.filter(pemda=pemda, aktif=True).count()
    n_jabatan = Jabatan.objects.filter(pemda=pemda, aktif=True).count()
    tanpa_atasan = (
        postings.filter(jabatan__parent__isnull=True)
        .exclude(jabatan_id__in=_pimpinan_opd(pemda))
        .values("pegawai")
        .distinct()
        .count()
    )
    jadwal = JadwalKerja.objects.filter(pemda=pemda, berlaku_mulai__lte=on).filter(
        Q(berlaku_selesai__isnull=True) | Q(berlaku_selesai__gte=on)
    )
    n_jadwal = jadwal.count()
    n_libur = HariLibur.objects.filter(pemda=pemda, tanggal__year=on.year).count()
    n_tpp = AturanTpp.objects.filter(pemda=pemda, berlaku_mulai__lte=on).count()
    n_aktivitas = AturanAktivitas.objects.filter(pemda=pemda).count()
    n_presensi = AturanPresensi.objects.filter(pemda=pemda).count()
    tanpa_pin = berpenempatan.exclude(Exists(PinMesin.objects.filter(pegawai=OuterRef("pk")))).count()
    belum_aktif = pegawai.filter(user__isnull=False, user__is_active=True, user__wajib_ganti_password=True)
    n_belum_aktif = belum_aktif.count()
    n_tanpa_kode = tanpa_kode_berlaku(belum_aktif).count()
    n_lembar = LembarAktivasi.objects.filter(pemda=pemda).count()
    pemegang = User.objects.filter(pemda=pemda, role__in=PERAN_DIBERIKAN, is_active=True, wajib_ganti_password=False)
    n_pemegang, n_tanpa_faktor = pemegang.count(), tanpa_faktor_kedua(pemegang).count()
    return [
        Baris("organisasi", _("Organisasi"), n_unit,
              _("%(opd)d OPD, %(unit)d unit kerja, %(j)d jabatan.") % {"opd": n_opd, "unit": n_unit, "j": n_jabatan},
              n_opd > 0 and n_jabatan > 0, "org:impor"),
        Baris("penempatan", _("Pegawai dan penempatan"), n_pegawai - n_posted,
              _("%(n)d pegawai, %(p)d di antaranya menempati jabatan hari ini; %(x)d tanpa penempatan.")
              % {"n": n_pegawai, "p": n_posted, "x": n_pegawai - n_posted},
              n_pegawai > 0 and n_posted == n_pegawai, "org:penempatan_list"),
        Baris("atasan", _("Atasan langsung"), tanpa_atasan,
              _("%(n)d pegawai menempati jabatan tanpa jabatan atasan (selain pimpinan OPD).") % {"n": tanpa_atasan},
              n_posted > 0 and tanpa_atasan == 0, "org:jabatan_list"),
        Baris("jadwal", _("Jadwal kerja"), n_jadwal,
              _("%(n)d jadwal berlaku hari ini; tanpa jadwal, jam kerja bawaan Perpres 21/2023 dipakai.")
              % {"n": n_jadwal}, n_jadwal > 0, "presensi:jadwal_list"),
        Baris("libur", _("Hari libur tahun ini"), n_libur,
              _("%(n)d hari libur dan cuti bersama tahun %(t)d tercatat.") % {"n": n_libur, "t": on.year},
              n_libur > 0, "presensi:libur_list"),
        Baris("aturan_tpp", _("Aturan TPP"), n_tpp,
              _("%(n)d aturan TPP berlaku.") % {"n": n_tpp}, n_tpp > 0, "tpp:aturan_list"),
        Baris("aturan_aktivitas", _("Aturan aktivitas"), n_aktivitas,
              _("%(n)d versi aturan aktivitas (menit kerja per hari, batas input); tanpa versi, nilai bawaan "
                "nasional dipakai.") % {"n": n_aktivitas}, n_aktivitas > 0, "tpp:aturan_aktivitas_list"),
        Baris("aturan_presensi", _("Aturan presensi dan uang makan"), n_presensi,
              _("%(n)d versi aturan presensi (tingkat terlambat, tarif uang makan); tanpa versi, nilai bawaan "
                "nasional dipakai.") % {"n": n_presensi}, n_presensi > 0, "tpp:aturan_presensi_list"),
        Baris("pin", _("ID mesin absen"), tanpa_pin,
              _("%(n)d pegawai berpenempatan belum memiliki ID mesin absen.") % {"n": tanpa_pin},
              n_posted > 0 and tanpa_pin == 0, "presensi:pin_list"),
        Baris("aktivasi", _("Aktivasi akun"), n_tanpa_kode,
              _("%(b)d akun belum diaktifkan; %(k)d di antaranya belum pernah menerima kode yang masih berlaku. "
                "%(l)d lembar kode sudah dicetak.") % {"b": n_belum_aktif, "k": n_tanpa_kode, "l": n_lembar},
              n_tanpa_kode == 0, "org:aktivasi"),
        Baris("faktor", _("Verifikasi dua langkah pemegang peran"), n_tanpa_faktor,
              _("%(x)d dari %(n)d admin OPD dan HR belum memasangnya.") % {"x": n_tanpa_faktor, "n": n_pemegang},
              n_tanpa_faktor == 0, "org:peran"),
    ]  # fmt: skip
