"""The access matrix (DESIGN.md §4–5, issue 14): every URL name of the project, listed once, with
who may open it, who is refused (403), and an object out of scope that is not found (404).

tests/test_access_matrix.py runs the whole matrix for the persona cast of tests/conftest.py (plus an
anonymous visitor), and fails when a named URL of the project has no line here: a new page is not
done until it says who may open it. tests/helpers.PAGES (the argument-less pages swept for
accessibility and bad input) is derived from the `sweep` column.

A line records the behaviour as it IS. Where that looks wrong, the line carries a `wrong` note (and
the note says what it should be); the matrix then guards the current answer until someone decides.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ("pegawai", "atasan", "atasan_atasan", "pegawai_lain", "admin_opd", "hr", "superadmin")
ALL = frozenset(PERSONAS)
ADMINS = frozenset({"admin_opd", "hr", "superadmin"})
HR = frozenset({"hr", "superadmin"})
PEGAWAI = ALL - {"hr", "superadmin"}  # the personas with a pegawai record (hr and superadmin have none)
NONE: frozenset[str] = frozenset()

# The month the TPP pages act on (a past month: nothing is calculated or closed in it).
TPP_BULAN = (2026, 10)


@dataclass(frozen=True)
class Page:
    """One URL name and how each persona is answered.

    `ok` get `ok_status` (200, or the view's normal redirect); `hidden` get 404 on the line's own
    object (it is out of their scope); `answers` names any other answer a persona gets; everyone
    else gets 403. `args` builds the reverse() arguments from the cast (the object in scope of `ok`);
    `out_of_scope` is (persona, builder) for an object that persona, allowed on the line's object,
    may not reach: 404. `method` is the one the matrix sends (POST with `data` for POST-only views).
    """

    name: str
    ok: frozenset[str] = ALL
    hidden: frozenset[str] = NONE
    answers: dict[str, int] = field(default_factory=dict)
    args: Callable | None = None
    out_of_scope: tuple[str, Callable] | None = None
    method: str = "GET"
    data: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)  # the GET parameters the page needs
    ok_status: int = 200
    public: bool = False  # login_not_required: an anonymous visitor gets `anonymous` too
    anonymous: int | None = None  # the public view's answer to an anonymous visitor
    sweep: tuple[str, ...] = ()  # the personas of tests/helpers.PAGES that open it
    wrong: str = ""  # why the recorded answer looks wrong (see the module docstring)

    def expected(self, persona: str) -> int:
        if persona in self.answers:
            return self.answers[persona]
        if persona in self.ok:
            return self.ok_status
        if persona in self.hidden:
            return 404
        return 403


# --- objects the lines open (built in the test, from the cast) -------------------------------------


def _pk(obj) -> list:
    return [obj.pk]


def _admin_lain(c):
    """An admin OPD of another pemda (out of the HR's scope)."""
    from accounts.choices import Role
    from tests.factories import JabatanFactory, PemdaFactory, UnitFactory, posted

    pemda = PemdaFactory(nama="Pemerintah Kabupaten Seberang", kode="SBR")
    dinas = UnitFactory(pemda=pemda, nama="Dinas Seberang")
    user = posted(JabatanFactory(pemda=pemda, unit=dinas, opd=dinas, kelas=5), nama="Admin Seberang").user
    user.role, user.opd = Role.ADMIN_OPD, dinas
    user.save()
    return user


def _aktivitas(c, *, own=True, draft=False):
    """An entry of the pegawai (own) or of the other OPD's pegawai, submitted (or a draft), with the
    approvers the workflow stores on it."""
    from activities.choices import Status
    from tests.helpers import aktivitas_baru

    status = Status.DRAFT if draft else Status.SUBMITTED
    if not own:
        return aktivitas_baru(c.pegawai_lain, status=status)
    return aktivitas_baru(c.pegawai, status=status, verifikator=c.atasan, validator=c.atasan_atasan)


def _lewat_batas(c, *, own=True):
    """Issue 18: an entry of the pegawai submitted a week before TODAY, so past its deadline in the
    atasan's queue, with the pemda's rule letting the atasan's atasan act (or, not own, one of the other
    OPD's pegawai, in nobody's queue below the atasan's atasan)."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from activities.models import AturanAktivitas
    from tests.helpers import TODAY

    AturanAktivitas.objects.get_or_create(
        pemda=c.pemda, berlaku_mulai=TODAY - timedelta(days=60), defaults={"eskalasi_boleh_bertindak": True}
    )
    sejak = datetime.combine(TODAY - timedelta(days=7), time(9), tzinfo=ZoneInfo(settings.TIME_ZONE))
    a = _aktivitas(c, own=own)
    a.tanggal, a.diajukan_pada = TODAY - timedelta(days=7), sejak
    a.save(update_fields=["tanggal", "diajukan_pada"])
    return a


def _pembantu(c, pegawai=None, unit=None):
    """A helper named by HR (issue 17): the admin OPD (a pelaksana of the subbag, beside the pegawai)
    unless told, for the subbag."""
    from datetime import date

    from activities.models import Pembantu

    pegawai = pegawai or c.admin_opd.pegawai
    unit = unit or c.subbag
    return Pembantu.objects.create(pemda=c.pemda, pegawai=pegawai, unit=unit, mulai=date(2026, 1, 1), dibuat_oleh=c.hr)


def _izin(c, *, own=True):
    """The pegawai (or the other OPD's pegawai) asked the admin OPD, named helper, to enter for them."""
    from activities.models import IzinPembantu

    pembantu = _pembantu(c)
    pegawai, unit = (c.pegawai, c.subbag) if own else (c.pegawai_lain, c.badan)
    return IzinPembantu.objects.create(pemda=c.pemda, pegawai=pegawai, pembantu=pembantu, unit=unit)


def _kejanggalan(c, *, own=True) -> list:
    """An open anomaly flag (issue 18) on a submitted entry of the pegawai (or of the other OPD's pegawai)."""
    from activities.choices import JenisKejanggalan
    from activities.models import Kejanggalan

    a = _aktivitas(c, own=own)
    k = Kejanggalan.objects.create(
        pemda_id=a.pemda_id,
        aktivitas=a,
        pegawai_id=a.pegawai_id,
        tanggal=a.tanggal,
        jenis=JenisKejanggalan.TEKS_BERULANG,
        penjelasan="Uraian yang sama ditulis pada 6 hari bulan ini.",
    )
    return [k.pk]


def _atas_nama(c) -> list:
    _izin(c)
    return [c.pegawai.pk]


def _draf_pembantu(c) -> list:
    """A draft the helper (the admin OPD) typed for the pegawai, who asked them."""
    from activities.choices import Status
    from tests.helpers import aktivitas_baru

    _izin(c)
    return [c.pegawai.pk, aktivitas_baru(c.pegawai, status=Status.DRAFT, dicatat_oleh=c.admin_opd).pk]


def _diajukan_pembantu(c, *, own=True):
    a = _aktivitas(c, own=own)
    a.dicatat_oleh = c.admin_opd
    a.save(update_fields=["dicatat_oleh"])
    return [a.pk]


def _katalog(c, *, own=True):
    from activities.choices import LingkupKatalog
    from activities.models import KegiatanKatalog

    jabatan = c.j_staf if own else c.j_badan_staf
    return KegiatanKatalog.objects.create(
        pemda=c.pemda,
        lingkup=LingkupKatalog.JABATAN,
        jabatan=jabatan,
        opd=jabatan.opd,
        nama="Mengagendakan surat masuk",
        satuan="surat",
        menit_per_satuan=10,
    )


def _posting(pegawai):
    from accounts.models import Penempatan

    return Penempatan.objects.get(pegawai=pegawai, selesai__isnull=True)


def _permohonan(c, *, own=True):
    """A submitted izin of the pegawai (its approver, the atasan, stored as the service does) or of the
    other OPD's pegawai."""
    from attendance.choices import JenisPermohonan
    from attendance.models import Permohonan
    from tests.helpers import TODAY

    pegawai = c.pegawai if own else c.pegawai_lain
    return Permohonan.objects.create(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        jenis=JenisPermohonan.IZIN,
        mulai=TODAY,
        selesai=TODAY,
        alasan="Keperluan keluarga",
        penyetuju=c.atasan if own else None,
    )


def _kegiatan(c, *, own=True):
    """The pemda's apel (seeded with the pemda), or the apel of another pemda."""
    from attendance.models import KegiatanWajib
    from tests.factories import PemdaFactory

    pemda = c.pemda if own else PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    return KegiatanWajib.objects.get(pemda=pemda, kode="TIDAK_APEL")


def _pembatalan(c, opd):
    """Today's apel called off for one OPD."""
    from attendance.models import PembatalanKegiatan
    from tests.helpers import TODAY

    return PembatalanKegiatan.objects.create(
        pemda=c.pemda, kegiatan=_kegiatan(c), tanggal=TODAY, opd=opd, alasan="Hujan deras"
    )


def _skp(pegawai):
    from tests.skp.conftest import add_rhk, new_skp

    skp = new_skp(pegawai)
    add_rhk(skp)
    return skp


def _rhk(pegawai):
    return _skp(pegawai).rhk.get()


def _rencana_aksi(pegawai):
    from skp.models import RencanaAksi

    return RencanaAksi.objects.create(rhk=_rhk(pegawai), bulan=11, uraian="Menyusun agenda")


def _data_dukung(pegawai):
    from django.core.files.base import ContentFile

    from skp.choices import JenisPeriode
    from skp.models import DataDukung

    d = DataDukung(skp=_skp(pegawai), jenis=JenisPeriode.TRIWULAN, ke=4, keterangan="Notula")
    d.berkas.save("notula.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return d


def _job(user):
    from core.models import Job

    return Job.objects.create(pemda=user.pemda, kind="uji", title="Uji", created_by=user, status=Job.Status.FAILED)


def _notifikasi(user):
    """One unread notification in the user's list, pointing at a page of this site."""
    from notifikasi.choices import Jenis
    from notifikasi.models import Notifikasi

    return Notifikasi.objects.create(
        pemda_id=user.pemda_id, user=user, jenis=Jenis.UMPAN_BALIK, judul="Umpan balik baru", url="/aktivitas/"
    )


def _job_done(user):
    from django.core.files.base import ContentFile

    job = _job(user)
    job.status = job.Status.DONE
    job.file.save("hasil.xlsx", ContentFile(b"PK"), save=True)
    return job


def _bkn_ekspor(pemda):
    from django.core.files.base import ContentFile

    from skp.models import BknEkspor

    e = BknEkspor.objects.create(pemda=pemda, tahun=2026, jenis="TAHUNAN", ke=1, jumlah=0)
    e.berkas.save("kinerjaperiodik-2026-tahunan-1.zip", ContentFile(b"PK"), save=True)
    return e


def _lembar(user):
    from accounts.models import LembarAktivasi

    return LembarAktivasi.objects.create(pemda=user.pemda, judul="Kode aktivasi", dibuat_oleh=user)


def _kunci(user):
    import uuid

    from core.models import KunciIdempotensi

    return [KunciIdempotensi.objects.create(user=user, kunci=uuid.uuid4(), hasil_url="/aktivitas/").kunci]


def _koreksi(pegawai):
    from tests.helpers import TODAY

    return [pegawai.pk, TODAY.isoformat()]


def _koreksi_presensi(c, *, own=True):
    """A pending correction of the pegawai (filed by them, for the atasan), or of the other OPD's."""
    from attendance.models import KoreksiPresensi
    from tests.helpers import TODAY

    pegawai = c.pegawai if own else c.pegawai_lain
    k = KoreksiPresensi.objects.create(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        jenis="HADIR",
        mulai=TODAY,
        selesai=TODAY,
        alasan="Sidik jari tidak terbaca",
        diajukan_oleh=pegawai.user,
        penyetuju=c.atasan if own else None,
    )
    return [k.pk]


def _gangguan_mesin(c, *, own=True):
    """A machine outage of the dinas (the admin OPD's OPD), or of the other OPD."""
    from attendance.models import GangguanMesin
    from tests.helpers import TODAY

    unit = c.dinas if own else c.badan
    g = GangguanMesin.objects.create(pemda=c.pemda, unit=unit, mulai=TODAY, selesai=TODAY, alasan="Mesin rusak")
    return [g.pk]


def _skp_periode(pegawai):
    return [_skp(pegawai).pk, "TRIWULAN-4"]


def _dinilai(c, pegawai, penilai):
    from tests.skp.conftest import dinilai_langsung

    p = dinilai_langsung(pegawai, penilai)
    return [p.skp_id, "TRIWULAN-4"]


def _keberatan(c, pegawai, penilai, pemutus):
    from tests.skp.conftest import dinilai_langsung, keberatan_langsung

    return [keberatan_langsung(dinilai_langsung(pegawai, penilai), pemutus).pk]


def _bimbingan(c, own=True):
    """A coaching note of the atasan on the pegawai's SKP (of pegawai_lain's: out of the atasan's scope)."""
    from datetime import date

    from skp.models import BimbinganKinerja

    pegawai = c.pegawai if own else c.pegawai_lain
    skp = _skp(pegawai)
    b = BimbinganKinerja.objects.create(
        pemda=skp.pemda,
        skp=skp,
        pembimbing=c.atasan,
        tanggal=date(2026, 11, 2),
        aspek="Ketepatan waktu laporan",
        temuan="Laporan Oktober terlambat",
        tindak_lanjut="Jadwal mingguan",
    )
    return [b.pk]


def _tahunan(pegawai):
    return [_skp(pegawai).pegawai_id, 2026]


# --- the registry ---------------------------------------------------------------------------------

P = Page

REGISTRY: list[Page] = [
    # ekinerja/urls.py
    P("beranda"),
    P("beranda_presensi", ok=PEGAWAI),
    P("beranda_tpp", ok=PEGAWAI),
    # the first-login welcome's "Mengerti" (issue 17): anyone may close their own
    P("sambutan_tutup", ok_status=302, method="POST"),
    P("sehat", public=True, anonymous=200),
    P("favicon", ok_status=302, public=True, anonymous=302),
    P("login", ok_status=302, public=True, anonymous=200),
    P("aktivasi", public=True, anonymous=200),
    # Django's LogoutView answers GET with 405
    P("logout", ok_status=302, method="POST"),
    P("password_change", sweep=("pegawai",)),
    # Akun › Pemberitahuan (notifikasi.views.pemberitahuan; the URL name is older than the page)
    P("pengingat", sweep=("pegawai",)),
    # the second factor: the check sends a verified session on (302); set-up and the account page open
    P("faktor_periksa", ok_status=302),
    P("faktor_pasang", sweep=("pegawai",)),
    P("faktor_kedua", sweep=("pegawai",)),
    # passkeys (django-otp-webauthn's views, JSON): a ceremony's second half without its first is refused
    P("otp_webauthn:credential-registration-begin", method="POST"),
    P("otp_webauthn:credential-registration-complete", ok_status=400, method="POST"),
    P("otp_webauthn:credential-authentication-begin", method="POST"),
    P("otp_webauthn:credential-authentication-complete", ok_status=400, method="POST"),
    P("otp_webauthn:js-i18n-catalog"),
    P(
        "job_detail",
        ok=frozenset({"admin_opd", "superadmin"}),
        hidden=frozenset({"pegawai", "atasan", "atasan_atasan", "pegawai_lain", "hr"}),
        args=lambda c: _pk(_job(c.admin_opd)),
        out_of_scope=("admin_opd", lambda c: _pk(_job(c.hr))),
    ),
    P(
        "job_download",
        ok=frozenset({"admin_opd", "superadmin"}),
        hidden=frozenset({"pegawai", "atasan", "atasan_atasan", "pegawai_lain", "hr"}),
        args=lambda c: _pk(_job_done(c.admin_opd)),
        out_of_scope=("admin_opd", lambda c: _pk(_job_done(c.hr))),
    ),
    P(
        "job_ulang",
        ok=frozenset({"admin_opd", "superadmin"}),
        hidden=frozenset({"pegawai", "atasan", "atasan_atasan", "pegawai_lain", "hr"}),
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_job(c.admin_opd)),
        out_of_scope=("admin_opd", lambda c: _pk(_job(c.hr))),
    ),
    P("draf", ok_status=302, method="POST", data={"hapus": "1"}),
    # where a form sent with this key led: only its sender sees it
    P(
        "kunci_hasil",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan", "atasan_atasan", "pegawai_lain", "admin_opd", "hr", "superadmin"}),
        args=lambda c: _kunci(c.pegawai.user),
    ),
    # accounts/urls.py
    P("org:unit_list", sweep=("admin_opd",), ok=ADMINS),
    P("org:unit_create", sweep=("admin_opd",), ok=ADMINS),
    P("org:unit_update", ok=ADMINS, args=lambda c: _pk(c.subbag), out_of_scope=("admin_opd", lambda c: _pk(c.badan))),
    P("org:jabatan_list", sweep=("admin_opd",), ok=ADMINS),
    P("org:jabatan_create", sweep=("admin_opd",), ok=ADMINS),
    P(
        "org:jabatan_update",
        ok=ADMINS,
        args=lambda c: _pk(c.j_staf),
        out_of_scope=("admin_opd", lambda c: _pk(c.j_badan_staf)),
    ),
    P("org:pegawai_list", sweep=("admin_opd",), ok=ADMINS),
    P("org:pegawai_create", sweep=("admin_opd",), ok=ADMINS),
    P(
        "org:pegawai_detail",
        ok=ADMINS,
        args=lambda c: _pk(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _pk(c.pegawai_lain)),
    ),
    P(
        "org:pegawai_update",
        ok=ADMINS,
        args=lambda c: _pk(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _pk(c.pegawai_lain)),
    ),
    P(
        "org:pegawai_reset_password",
        ok=ADMINS,
        method="POST",
        args=lambda c: _pk(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _pk(c.pegawai_lain)),
    ),
    # an active login: the service answers "already active" with a message and the page again
    P(
        "org:pegawai_buka_akun",
        ok=ADMINS,
        ok_status=302,
        method="POST",
        args=lambda c: _pk(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _pk(c.pegawai_lain)),
    ),
    # only HR resets a second factor (admin OPD: 403); pegawai_lain is in the HR's pemda too
    P("org:pegawai_reset_faktor", ok=HR, ok_status=302, method="POST", args=lambda c: _pk(c.pegawai)),
    P("org:audit_list", ok=HR, sweep=("hr",)),
    P("org:audit_ekspor", ok=HR),
    P("org:penempatan_list", sweep=("admin_opd",), ok=ADMINS),
    P("org:penempatan_create", sweep=("admin_opd",), ok=ADMINS),
    P(
        "org:penempatan_end",
        ok=ADMINS,
        args=lambda c: _pk(_posting(c.pegawai)),
        out_of_scope=("admin_opd", lambda c: _pk(_posting(c.pegawai_lain))),
    ),
    P("org:aktivasi", sweep=("admin_opd",), ok=ADMINS),
    # an empty POST: the form answers 400 with its errors (a valid one makes a PDF sheet)
    P("org:aktivasi_lembar", ok=ADMINS, ok_status=400, method="POST"),
    # a sheet is downloaded only by its maker
    P(
        "org:lembar_unduh",
        ok=frozenset({"admin_opd"}),
        hidden=HR,
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_lembar(c.admin_opd)),
        out_of_scope=("admin_opd", lambda c: _pk(_lembar(c.hr))),
    ),
    P("org:impor", sweep=("admin_opd",), ok=ADMINS),
    P("org:impor_template", ok=ADMINS),
    # onboarding a pemda (issue 16): the superadmin's pemda pages (swept through the superadmin's menu)
    P("org:pemda_list", ok=frozenset({"superadmin"})),
    P("org:pemda_create", ok=frozenset({"superadmin"})),
    P("org:pemda_update", ok=frozenset({"superadmin"}), args=lambda c: _pk(c.pemda)),
    P("org:pemda_hr", ok=frozenset({"superadmin"}), args=lambda c: _pk(c.pemda)),
    P("org:peran", sweep=("hr",), ok=HR),
    # taking admin OPD from the admin of the dinas: done, back to the page (302)
    P(
        "org:peran_cabut",
        ok=HR,
        ok_status=302,
        method="POST",
        args=lambda c: _pk(c.admin_opd),
        out_of_scope=("hr", lambda c: _pk(_admin_lain(c))),
    ),
    # activities/urls.py
    P("aktivitas:hari_ini", ok=PEGAWAI),
    P("aktivitas:tambah", sweep=("pegawai",), ok=PEGAWAI),
    P(
        "aktivitas:detail",
        ok=frozenset({"pegawai", "atasan", "atasan_atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"pegawai_lain"}),
        args=lambda c: _pk(_aktivitas(c)),
        out_of_scope=("atasan", lambda c: _pk(_aktivitas(c, own=False))),
    ),
    P(
        "aktivitas:ubah",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"pegawai_lain"}),
        args=lambda c: _pk(_aktivitas(c, draft=True)),
        out_of_scope=("pegawai", lambda c: _pk(_aktivitas(c, own=False, draft=True))),
    ),
    P(
        "aktivitas:hapus",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"pegawai_lain"}),
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_aktivitas(c, draft=True)),
        out_of_scope=("pegawai", lambda c: _pk(_aktivitas(c, own=False, draft=True))),
    ),
    P(
        "aktivitas:ajukan",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"pegawai_lain"}),
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_aktivitas(c, draft=True)),
        out_of_scope=("pegawai", lambda c: _pk(_aktivitas(c, own=False, draft=True))),
    ),
    # the owner takes back what a helper submitted for them (issue 17), as on aktivitas:hapus
    P(
        "aktivitas:tarik",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"pegawai_lain"}),
        ok_status=302,
        method="POST",
        args=_diajukan_pembantu,
        out_of_scope=("pegawai", lambda c: _diajukan_pembantu(c, own=False)),
    ),
    # helper entry (issue 17): a pegawai asks and revokes; the helper's list; the helper's pages for
    # the colleague who asked (anyone else: 404, the colleague is out of their scope; no pegawai: 403)
    P("aktivitas:minta_bantuan", sweep=("pegawai",), ok=PEGAWAI),
    P(
        "aktivitas:izin_cabut",
        ok=frozenset({"pegawai"}),
        hidden=PEGAWAI - {"pegawai"},
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_izin(c)),
        out_of_scope=("pegawai", lambda c: _pk(_izin(c, own=False))),
    ),
    P("aktivitas:bantu_rekan", sweep=("pegawai",), ok=PEGAWAI),
    P(
        "aktivitas:bantu_hari_ini",
        ok=frozenset({"admin_opd"}),
        hidden=PEGAWAI - {"admin_opd"},
        args=_atas_nama,
        out_of_scope=("admin_opd", lambda c: [c.pegawai_lain.pk]),
    ),
    P(
        "aktivitas:bantu_tambah",
        ok=frozenset({"admin_opd"}),
        hidden=PEGAWAI - {"admin_opd"},
        args=_atas_nama,
        out_of_scope=("admin_opd", lambda c: [c.pegawai_lain.pk]),
    ),
    P(
        "aktivitas:bantu_ubah",
        ok=frozenset({"admin_opd"}),
        hidden=PEGAWAI - {"admin_opd"},
        args=_draf_pembantu,
        out_of_scope=("admin_opd", lambda c: [c.pegawai_lain.pk, _draf_pembantu(c)[1]]),
    ),
    P(
        "aktivitas:bantu_ajukan_hari",
        ok=frozenset({"admin_opd"}),
        hidden=PEGAWAI - {"admin_opd"},
        ok_status=302,
        method="POST",
        args=_atas_nama,
        out_of_scope=("admin_opd", lambda c: [c.pegawai_lain.pk]),
    ),
    P("aktivitas:ajukan_hari", ok=PEGAWAI, ok_status=302, method="POST"),
    P("aktivitas:salin_kemarin", ok=PEGAWAI, ok_status=302, method="POST"),
    P("aktivitas:kalender", sweep=("pegawai",), ok=PEGAWAI),
    # the queues are pegawai pages (hr and the superadmin, no pegawai record: 403); a pegawai who
    # approves nobody gets the empty queue, as in presensi:permohonan_antrean
    P("aktivitas:antrean_verifikasi", sweep=("atasan",), ok=PEGAWAI),
    P("aktivitas:antrean_validasi", ok=PEGAWAI),
    # hr and the superadmin: 403 as on aktivitas:tindak; a pegawai gets the redirect, with the reason
    # per entry it may not move (an empty POST here: the form's message)
    P("aktivitas:tindakan_massal", ok=PEGAWAI, ok_status=302, method="POST"),
    # issue 18: overdue queues; acting in the place of a bawahan whose queue left an entry overdue
    P("aktivitas:lewat_batas", ok=PEGAWAI, sweep=("atasan_atasan",)),
    P(
        "aktivitas:lewat_batas_tindak",
        ok=frozenset({"atasan_atasan"}),
        # the pegawai, the atasan (whose own queue it is: the queue page is theirs) and the others have
        # no bawahan whose queue holds it; hr and the superadmin have no pegawai record (403)
        hidden=frozenset({"pegawai", "atasan", "pegawai_lain", "admin_opd"}),
        ok_status=302,
        method="POST",
        data={"aksi": "verifikasi"},
        args=lambda c: _pk(_lewat_batas(c)),
        out_of_scope=("atasan_atasan", lambda c: _pk(_lewat_batas(c, own=False))),
    ),
    P(
        "aktivitas:tindak",
        ok=frozenset({"atasan"}),
        hidden=frozenset({"pegawai_lain"}),
        ok_status=302,
        method="POST",
        data={"aksi": "verifikasi"},
        args=lambda c: _pk(_aktivitas(c)),
        out_of_scope=("atasan", lambda c: _pk(_aktivitas(c, own=False))),
    ),
    # anomaly flags (issue 18): the entry's verifier or validator dismisses one with a note (back: 302);
    # the owner and the admins who see the entry may not (403); an entry out of scope: 404
    P(
        "aktivitas:kejanggalan_abaikan",
        ok=frozenset({"atasan", "atasan_atasan"}),
        hidden=frozenset({"pegawai_lain"}),
        ok_status=302,
        method="POST",
        data={"catatan": "Sudah saya cek: rapat rutin mingguan."},
        args=_kejanggalan,
        out_of_scope=("atasan", lambda c: _kejanggalan(c, own=False)),
    ),
    P("aktivitas:kejanggalan_list", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("aktivitas:kejanggalan_ekspor", ok=ADMINS),
    P("aktivitas:persetujuan_kilat", sweep=("hr",), ok=HR),
    P("aktivitas:persetujuan_kilat_ekspor", ok=HR),
    # hr and the superadmin are sent on to the unit recap
    P("aktivitas:rekap", sweep=("pegawai",), ok=PEGAWAI, answers={"hr": 302, "superadmin": 302}),
    P("aktivitas:rekap_unit", sweep=("admin_opd",), ok=ADMINS),
    # dashboards (issue 18): no object in the URL; a unit out of scope in ?unit= is refused by the filter
    P("aktivitas:dasbor_bawahan", sweep=("atasan",), ok=PEGAWAI),
    P("aktivitas:dasbor_unit", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("aktivitas:dasbor_unit_ekspor", ok=ADMINS, args=lambda c: ["unit"]),
    P("aktivitas:katalog_list", sweep=("admin_opd",), ok=ADMINS),
    P("aktivitas:katalog_create", sweep=("admin_opd",), ok=ADMINS),
    P(
        "aktivitas:katalog_update",
        ok=ADMINS,
        args=lambda c: _pk(_katalog(c)),
        out_of_scope=("admin_opd", lambda c: _pk(_katalog(c, own=False))),
    ),
    P("aktivitas:katalog_impor", sweep=("admin_opd",), ok=ADMINS),
    P("aktivitas:katalog_template", ok=ADMINS),
    P("aktivitas:dispensasi_list", sweep=("admin_opd",), ok=ADMINS),
    P("aktivitas:pembantu_list", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("aktivitas:pembantu_create", sweep=("admin_opd",), ok=ADMINS),
    # the pegawai named helper of the subbag; the admin OPD may not reach another OPD's designation
    P(
        "aktivitas:pembantu_akhiri",
        ok=ADMINS,
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_pembantu(c, c.pegawai)),
        out_of_scope=("admin_opd", lambda c: _pk(_pembantu(c, c.pegawai_lain, c.badan))),
    ),
    P("aktivitas:dispensasi_create", sweep=("admin_opd",), ok=ADMINS),
    # as the holiday and schedule pages: not for a superadmin bound to no pemda
    P("aktivitas:gangguan_list", sweep=("hr",), ok=frozenset({"hr"})),
    P("aktivitas:gangguan_create", sweep=("hr",), ok=frozenset({"hr"})),
    # attendance/urls.py
    P("presensi:saya", sweep=("pegawai",), ok=PEGAWAI),
    P(
        "presensi:pegawai_bulan",
        ok=ADMINS,
        args=lambda c: _pk(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _pk(c.pegawai_lain)),
    ),
    P(
        "presensi:koreksi",
        ok=ADMINS,
        args=lambda c: _koreksi(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _koreksi(c.pegawai_lain)),
    ),
    P("presensi:kejadian_create", sweep=("admin_opd",), ok=ADMINS),
    # compulsory gatherings (issue 16): the list is HR's; admin OPD see the active ones on the event
    # form and call one off for their own OPD
    P("presensi:kejadian_list", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("presensi:kegiatan_list", sweep=("hr",), ok=HR),
    P("presensi:kegiatan_create", sweep=("hr",), ok=HR),
    P(
        "presensi:kegiatan_update",
        ok=HR,
        args=lambda c: _pk(_kegiatan(c)),
        out_of_scope=("hr", lambda c: _pk(_kegiatan(c, own=False))),
    ),
    P("presensi:pembatalan_list", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("presensi:pembatalan_create", sweep=("admin_opd", "hr"), ok=ADMINS),
    P(
        "presensi:pembatalan_hapus",
        ok=ADMINS,
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_pembatalan(c, c.dinas)),
        out_of_scope=("admin_opd", lambda c: _pk(_pembatalan(c, c.badan))),
    ),
    P("presensi:rekap_unit", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("presensi:rekap_unit_ekspor", ok=ADMINS),
    P("presensi:rekap_cuti", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("presensi:rekap_cuti_ekspor", ok=ADMINS),
    P("presensi:kumulatif", sweep=("admin_opd",), ok=ADMINS),
    P("presensi:impor", ok=ADMINS),
    P("presensi:pin_list", sweep=("admin_opd",), ok=ADMINS),
    P("presensi:pin_create", sweep=("admin_opd",), ok=ADMINS),
    P("presensi:token_list", sweep=("hr",), ok=HR),
    # the device API: no session, a bearer token (none here: 401); GET is 405
    P("org:siasn_banding", sweep=("hr",), ok=HR),
    P("presensi:api_absen", ok_status=401, method="POST", public=True, anonymous=401),
    # the read API (issue 19): no session, a bearer token with the read permission (none here: 401);
    # its own tests (tests/api/) cover tokens, scope and 404; the OpenAPI document is public
    P("api:openapi", public=True, anonymous=200),
    P("api:pegawai_list", ok_status=401, public=True, anonymous=401),
    P("api:pegawai_detail", ok_status=401, public=True, anonymous=401, args=lambda c: [c.pegawai.nip]),
    P("api:rekap_aktivitas", ok_status=401, public=True, anonymous=401),
    P("api:penilaian_skp", ok_status=401, public=True, anonymous=401),
    P("api:tpp_list", ok_status=401, public=True, anonymous=401),
    P("presensi:permohonan_list", sweep=("pegawai",), ok=PEGAWAI),
    P("presensi:permohonan_create", sweep=("pegawai",), ok=PEGAWAI),
    P(
        "presensi:permohonan_detail",
        # admins read the requests of their scope (issue 16, read only); out of scope 404
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_permohonan(c)),
        out_of_scope=("atasan", lambda c: _pk(_permohonan(c, own=False))),
    ),
    P(
        "presensi:permohonan_tindak",
        ok=frozenset({"pegawai", "atasan"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain", "admin_opd"}),
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_permohonan(c)),
        out_of_scope=("atasan", lambda c: _pk(_permohonan(c, own=False))),
    ),
    P("presensi:permohonan_antrean", sweep=("atasan",), ok=PEGAWAI),
    P("presensi:permohonan_kelola", sweep=("admin_opd",), ok=ADMINS),
    P("presensi:permohonan_kelola_ekspor", ok=ADMINS),
    # attendance moderation (issue 16): correction requests and machine outages
    P("presensi:koreksi_list", sweep=("pegawai",), ok=PEGAWAI),
    P("presensi:koreksi_create", sweep=("pegawai",), ok=PEGAWAI),
    P(
        "presensi:koreksi_untuk",
        ok=ADMINS,
        args=lambda c: _pk(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _pk(c.pegawai_lain)),
    ),
    P(
        "presensi:koreksi_detail",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _koreksi_presensi(c),
        out_of_scope=("atasan", lambda c: _koreksi_presensi(c, own=False)),
    ),
    P(
        "presensi:koreksi_tindak",
        # an empty POST: the form's message and the redirect; the service decides the real moves
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        ok_status=302,
        method="POST",
        args=lambda c: _koreksi_presensi(c),
        out_of_scope=("atasan", lambda c: _koreksi_presensi(c, own=False)),
    ),
    # the deciders' queue: a pegawai page (empty for one who decides nothing); hr and superadmin 403
    P("presensi:koreksi_antrean", sweep=("atasan",), ok=PEGAWAI),
    P("presensi:koreksi_kelola", sweep=("admin_opd",), ok=ADMINS),
    P("presensi:koreksi_kelola_ekspor", ok=ADMINS),
    P("presensi:gangguan_mesin_list", sweep=("admin_opd",), ok=ADMINS),
    P("presensi:gangguan_mesin_create", sweep=("admin_opd",), ok=ADMINS),
    P(
        "presensi:gangguan_mesin_terapkan",
        ok=ADMINS,
        ok_status=302,
        method="POST",
        args=lambda c: _gangguan_mesin(c),
        out_of_scope=("admin_opd", lambda c: _gangguan_mesin(c, own=False)),
    ),
    P("presensi:libur_list", sweep=("hr",), ok=frozenset({"hr"})),
    P("presensi:libur_create", sweep=("hr",), ok=frozenset({"hr"})),
    P("presensi:libur_impor", sweep=("hr",), ok=frozenset({"hr"})),
    P("presensi:jadwal_list", sweep=("hr",), ok=frozenset({"hr"})),
    P("presensi:jadwal_create", sweep=("hr",), ok=frozenset({"hr"})),
    # skp/urls.py
    P("skp:saya", sweep=("pegawai",), ok=PEGAWAI),
    P("skp:buat", sweep=("pegawai",), ok=PEGAWAI),
    P("skp:pohon", sweep=("pegawai",)),
    P("skp:penilaian_grid", sweep=("atasan",), ok=PEGAWAI),
    P("skp:pengaturan", sweep=("hr",), ok=frozenset({"hr"})),
    P("skp:sebaran", sweep=("admin_opd", "hr"), ok=ADMINS),
    # the bridge to BKN (issue 19): HR pemda and superadmin only
    P("skp:bkn", sweep=("hr",), ok=HR),
    P("skp:bkn_ekspor", ok=HR, ok_status=302, method="POST", data={"tahun": "2026", "periode": "TAHUNAN-1"}),
    P("skp:bkn_kirim", ok=HR, ok_status=302, method="POST", data={"tahun": "2026", "periode": "TAHUNAN-1"}),
    P(
        "skp:bkn_unduh",
        ok=HR,
        args=lambda c: _pk(_bkn_ekspor(c.hr.pemda)),
        out_of_scope=("hr", lambda c: _pk(_bkn_ekspor(_admin_lain(c).pemda))),
    ),
    P(
        "skp:detail",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:pdf",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:lampiran",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:ekspektasi",
        ok=frozenset({"atasan"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:pindah",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        ok_status=302,
        method="POST",
        data={"aksi": "ajukan"},
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("pegawai", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:komentar",
        ok=frozenset({"pegawai", "atasan"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        ok_status=302,
        method="POST",
        data={"isi": "Target kuantitas perlu dipertajam"},
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:rhk_tambah",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("pegawai", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:data_dukung",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        query={"periode": "TRIWULAN-4"},
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("pegawai", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:periode",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _skp_periode(c.pegawai),
        out_of_scope=("atasan", lambda c: _skp_periode(c.pegawai_lain)),
    ),
    P(
        "skp:periode_pdf",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _skp_periode(c.pegawai),
        out_of_scope=("atasan", lambda c: _skp_periode(c.pegawai_lain)),
    ),
    # issue 19: objections to a rating (PP 30/2019 Pasal 59)
    P("skp:keberatan_daftar", sweep=("pegawai",)),
    P(
        "skp:keberatan_ajukan",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _dinilai(c, c.pegawai, c.atasan),
        out_of_scope=("pegawai", lambda c: _dinilai(c, c.pegawai_lain, None)),
    ),
    P(
        "skp:keberatan_detail",
        ok=ALL - {"pegawai_lain"},
        hidden=frozenset({"pegawai_lain"}),
        args=lambda c: _keberatan(c, c.pegawai, c.atasan, c.atasan_atasan),
        out_of_scope=("atasan", lambda c: _keberatan(c, c.pegawai_lain, None, None)),
    ),
    P(
        "skp:rhk_ubah",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_rhk(c.pegawai)),
        out_of_scope=("pegawai", lambda c: _pk(_rhk(c.pegawai_lain))),
    ),
    P(
        "skp:rhk_hapus",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_rhk(c.pegawai)),
        out_of_scope=("pegawai", lambda c: _pk(_rhk(c.pegawai_lain))),
    ),
    P(
        "skp:rencana_aksi",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_rhk(c.pegawai)),
        out_of_scope=("pegawai", lambda c: _pk(_rhk(c.pegawai_lain))),
    ),
    P(
        "skp:rencana_aksi_hapus",
        ok=frozenset({"pegawai"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        ok_status=302,
        method="POST",
        args=lambda c: _pk(_rencana_aksi(c.pegawai)),
        out_of_scope=("pegawai", lambda c: _pk(_rencana_aksi(c.pegawai_lain))),
    ),
    P(
        "skp:data_dukung_unduh",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_data_dukung(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_data_dukung(c.pegawai_lain))),
    ),
    # performance coaching (issue 19): read by those who see the SKP; written by its pejabat penilai
    P(
        "skp:bimbingan",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:bimbingan_tambah",
        ok=frozenset({"atasan"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:bimbingan_pdf",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(_skp(c.pegawai)),
        out_of_scope=("atasan", lambda c: _pk(_skp(c.pegawai_lain))),
    ),
    P(
        "skp:bimbingan_hasil",
        ok=frozenset({"atasan"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _bimbingan(c),
        out_of_scope=("atasan", lambda c: _bimbingan(c, own=False)),
    ),
    # the annual assessment of one pegawai (issue 19)
    P(
        "skp:tahunan",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _tahunan(c.pegawai),
        out_of_scope=("atasan", lambda c: _tahunan(c.pegawai_lain)),
    ),
    P(
        "skp:tahunan_pdf",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _tahunan(c.pegawai),
        out_of_scope=("atasan", lambda c: _tahunan(c.pegawai_lain)),
    ),
    # beranda/views.py: the checklist of a new pemda (issue 16)
    P("persiapan", sweep=("hr",), ok=HR),
    # panduan/urls.py: the guides (issue 17), readable by anyone logged in; an unknown role or task is 404
    P("panduan:index", sweep=("pegawai", "atasan", "admin_opd", "hr")),
    P("panduan:peran", args=lambda c: ["pegawai"]),
    P("panduan:tugas", args=lambda c: ["atasan", "verifikasi"]),
    P("panduan:cetak", args=lambda c: ["hr"]),
    # tpp/urls.py
    P("tpp:uang_makan", sweep=("admin_opd",), ok=ADMINS),
    P("tpp:uang_makan_ekspor", ok=ADMINS, ok_status=302, method="POST"),
    P("tpp:rincian_saya", sweep=("pegawai",), ok=PEGAWAI),
    P(
        "tpp:rincian_pegawai",
        ok=frozenset({"pegawai", "atasan", "admin_opd", "hr", "superadmin"}),
        hidden=frozenset({"atasan_atasan", "pegawai_lain"}),
        args=lambda c: _pk(c.pegawai),
        out_of_scope=("admin_opd", lambda c: _pk(c.pegawai_lain)),
    ),
    P("tpp:aturan_list", sweep=("hr",), ok=HR),
    P("tpp:aturan_create", sweep=("hr",), ok=HR),
    # issue 16: the activity and attendance/uang makan rule pages; an admin OPD reads the versions
    # (their OPD works by them) but only HR and the superadmin save a new one
    P("tpp:aturan_aktivitas_list", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("tpp:aturan_aktivitas_create", sweep=("hr",), ok=HR),
    P("tpp:aturan_presensi_list", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("tpp:aturan_presensi_create", sweep=("hr",), ok=HR),
    P("tpp:hukdis_list", sweep=("hr",), ok=HR),
    P("tpp:hukdis_create", sweep=("hr",), ok=HR),
    P("tpp:bulan", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("tpp:baris_list", sweep=("admin_opd", "hr"), ok=ADMINS),
    P("tpp:bulan_hitung", ok=HR, ok_status=302, method="POST", args=lambda c: list(TPP_BULAN)),
    # GET is the confirmation page; October is not calculated, so HR is sent back to the month (302)
    P("tpp:bulan_tutup", ok=HR, ok_status=302, args=lambda c: list(TPP_BULAN)),
    # GET is the reason form; October is not closed, so HR is sent back to the month (302)
    P("tpp:bulan_buka", ok=HR, ok_status=302, args=lambda c: list(TPP_BULAN)),
    P("tpp:bulan_rekap", ok=HR, ok_status=302, method="POST", args=lambda c: list(TPP_BULAN)),
    # notifikasi/urls.py: everyone has their own list; a notification opens only for its owner
    P("notifikasi:daftar", sweep=("pegawai", "hr")),
    P(
        "notifikasi:buka",
        method="POST",
        ok=frozenset({"pegawai"}),
        hidden=ALL - {"pegawai"},
        ok_status=302,
        args=lambda c: _pk(_notifikasi(c.pegawai.user)),
        out_of_scope=("pegawai", lambda c: _pk(_notifikasi(c.atasan.user))),
    ),
    P("notifikasi:baca_semua", method="POST", ok_status=302),
]

BY_NAME: dict[str, Page] = {p.name: p for p in REGISTRY}
assert len(BY_NAME) == len(REGISTRY), "a URL name is listed twice"


def pages_by_persona() -> dict[str, list[str]]:
    """The argument-less GET pages each sweeping persona opens (tests/helpers.PAGES)."""
    out: dict[str, list[str]] = {}
    for who in ("pegawai", "atasan", "admin_opd", "hr"):
        out[who] = [p.name for p in REGISTRY if who in p.sweep]
        assert all(BY_NAME[n].expected(who) == 200 and BY_NAME[n].args is None for n in out[who]), who
    return out


WRONG = {p.name: p.wrong for p in REGISTRY if p.wrong}
