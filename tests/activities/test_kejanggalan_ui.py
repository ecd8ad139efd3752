"""The anomaly flags as people see and use them (issue 18): the queue's marker (one query for any
number of rows), the dismissal with a note (who may, the conditional update, the audit row), the
entry's own page, HR's and the admin OPD's report and HR's rubber-stamp figures, with their xlsx.
The flags are written straight to the table here (the detection job is tested on its own)."""

import io
from datetime import date, datetime, time, timedelta

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.choices import JenisKejanggalan, Status
from activities.models import Aktivitas, Kejanggalan, RekapPersetujuan
from activities.services_kejanggalan import kejanggalan_abaikan
from core.models import AuditLog
from tests.factories import JabatanFactory, PemdaFactory, UnitFactory, posted
from tests.helpers import TODAY

pytestmark = pytest.mark.django_db

VERIF = reverse("aktivitas:antrean_verifikasi")
VALID = reverse("aktivitas:antrean_validasi")
LAPORAN = reverse("aktivitas:kejanggalan_list")
LAPORAN_XLSX = reverse("aktivitas:kejanggalan_ekspor")
KILAT = reverse("aktivitas:persetujuan_kilat")
KILAT_XLSX = reverse("aktivitas:persetujuan_kilat_ekspor")
BULAN = f"{TODAY:%Y-%m}"


def entri(pegawai, *, verifikator=None, validator=None, tanggal=TODAY, jam=8, status=Status.SUBMITTED, **extra):
    data = {
        "pemda_id": pegawai.pemda_id,
        "pegawai": pegawai,
        "tanggal": tanggal,
        "jam_mulai": time(jam),
        "jam_selesai": time(jam + 1),
        "nama_kegiatan": "Rapat koordinasi",
        "uraian": "Notulen rapat",
        "menit_diajukan": 60,
        "menit": 60,
        "status": status,
        "verifikator": verifikator,
        "validator": validator,
    }
    return Aktivitas.objects.create(**(data | extra))


def milik_pegawai(cast, **kw):
    return entri(cast.pegawai, verifikator=cast.atasan, validator=cast.atasan_atasan, **kw)


def tanda(a, jenis=JenisKejanggalan.TEKS_BERULANG, penjelasan="Uraian yang sama ditulis pada 6 hari bulan ini.", **kw):
    return Kejanggalan.objects.create(
        pemda_id=a.pemda_id,
        aktivitas=a,
        pegawai_id=a.pegawai_id,
        tanggal=a.tanggal,
        jenis=jenis,
        penjelasan=penjelasan,
        **kw,
    )


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def abaikan_url(k) -> str:
    return reverse("aktivitas:kejanggalan_abaikan", args=[k.pk])


# --- the service ---------------------------------------------------------------------------------


def test_the_verifier_dismisses_a_flag_with_a_note_and_it_is_audited(cast):
    k = tanda(milik_pegawai(cast))
    kejanggalan_abaikan(actor=cast.atasan.user, kejanggalan=k, catatan="  Rapat rutin tiap pagi, sudah saya cek.  ")
    k.refresh_from_db()
    assert (k.diabaikan is not None, k.diabaikan_oleh_id, k.catatan_abai) == (
        True,
        cast.atasan.user.pk,
        "Rapat rutin tiap pagi, sudah saya cek.",
    )
    log = AuditLog.objects.get(aksi="kejanggalan:abaikan")
    assert (log.actor_id, log.objek_id, log.pegawai_id, log.pemda_id) == (
        cast.atasan.user.pk,
        str(k.pk),
        cast.pegawai.pk,
        cast.pemda.pk,
    )
    assert log.sesudah["catatan"] == "Rapat rutin tiap pagi, sudah saya cek." and log.sebelum == {"diabaikan": None}


def test_the_validator_may_dismiss_too(cast):
    k = tanda(milik_pegawai(cast, status=Status.VERIFIED))
    kejanggalan_abaikan(actor=cast.atasan_atasan.user, kejanggalan=k, catatan="Wajar.")
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan_oleh_id == cast.atasan_atasan.user.pk


def test_a_second_dismissal_changes_nothing_and_says_so(cast):
    k = tanda(milik_pegawai(cast))
    kejanggalan_abaikan(actor=cast.atasan.user, kejanggalan=k, catatan="Pertama.")
    stale = Kejanggalan.objects.get(pk=k.pk)
    stale.diabaikan = None  # a page loaded before the first click
    with pytest.raises(ValidationError, match="sudah diabaikan"):
        kejanggalan_abaikan(actor=cast.atasan_atasan.user, kejanggalan=stale, catatan="Kedua.")
    k.refresh_from_db()
    assert (k.diabaikan_oleh_id, k.catatan_abai) == (cast.atasan.user.pk, "Pertama.")
    assert AuditLog.objects.filter(aksi="kejanggalan:abaikan").count() == 1


@pytest.mark.parametrize("catatan", ["", "   ", None])
def test_the_note_is_required(cast, catatan):
    k = tanda(milik_pegawai(cast))
    with pytest.raises(ValidationError) as e:
        kejanggalan_abaikan(actor=cast.atasan.user, kejanggalan=k, catatan=catatan)
    assert e.value.message_dict == {
        "catatan": ["Tulis catatan: mengapa tanda ini boleh diabaikan (misalnya apa yang sudah Anda periksa)."]
    }
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


def test_a_note_too_long_is_refused(cast):
    k = tanda(milik_pegawai(cast))
    with pytest.raises(ValidationError, match="paling banyak 500 huruf"):
        kejanggalan_abaikan(actor=cast.atasan.user, kejanggalan=k, catatan="x" * 501)
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


def test_nobody_dismisses_a_flag_on_their_own_entry(cast):
    # the kasubag's own entry, verified by the sekretaris
    k = tanda(entri(cast.atasan, verifikator=cast.atasan_atasan, validator=cast.kadis))
    with pytest.raises(PermissionDenied, match="aktivitas Anda sendiri"):
        kejanggalan_abaikan(actor=cast.atasan.user, kejanggalan=k, catatan="Saya sudah cek.")
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


def test_the_one_who_typed_the_entry_for_a_colleague_may_not_dismiss_its_flags(cast):
    k = tanda(milik_pegawai(cast, dicatat_oleh=cast.atasan.user))
    with pytest.raises(PermissionDenied, match="Anda yang mencatat"):
        kejanggalan_abaikan(actor=cast.atasan.user, kejanggalan=k, catatan="Saya sudah cek.")
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


@pytest.mark.parametrize("who", ["admin_opd", "hr", "superadmin", "kadis", "pegawai_lain"])
def test_only_the_entrys_approvers_dismiss(cast, who):
    user = getattr(cast, who)
    k = tanda(milik_pegawai(cast))
    with pytest.raises(PermissionDenied):
        kejanggalan_abaikan(actor=getattr(user, "user", user), kejanggalan=k, catatan="Saya sudah cek.")
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


# --- the queue -----------------------------------------------------------------------------------


def test_the_queue_shows_the_open_flags_with_their_reason_and_not_the_dismissed(client, cast):
    a = milik_pegawai(cast)
    b = milik_pegawai(cast, jam=10, nama_kegiatan="Arsip surat")
    tanda(a, penjelasan="Uraian yang sama ditulis pada 6 hari bulan ini.")
    tanda(a, JenisKejanggalan.DI_LUAR_JAM, "Dicatat pukul 08.00–09.00, padahal pegawai baru hadir pukul 10.12.")
    tanda(
        b,
        JenisKejanggalan.BUKTI_BERULANG,
        "Berkas bukti yang sama dipakai lagi.",
        diabaikan=TODAY_9(),
        catatan_abai="ok",
    )
    client.force_login(cast.atasan.user)
    response = client.get(VERIF)
    rows = {r["pk"]: r for k in response.context["kelompok"] for h in k.hari for r in h.entri}
    assert [t.jenis for t in rows[a.pk]["kejanggalan"]] == ["DI_LUAR_JAM", "TEKS_BERULANG"]
    assert list(rows[b.pk]["kejanggalan"]) == []
    html = response.content.decode()
    assert html.count('data-testid="kejanggalan"') == 1 and html.count("Perlu dicek") == 1
    assert "Di luar jam hadir:</span> Dicatat pukul 08.00–09.00, padahal pegawai baru hadir pukul 10.12." in html
    assert "Berkas bukti yang sama dipakai lagi." not in html
    assert html.count('action="' + abaikan_url(Kejanggalan.objects.get(jenis="DI_LUAR_JAM"))) == 1


def TODAY_9():  # noqa: N802 - a moment, like TODAY
    return timezone.make_aware(datetime.combine(TODAY, time(9)))


def test_the_validation_queue_shows_flags_too(client, cast):
    a = milik_pegawai(cast, status=Status.VERIFIED)
    tanda(a)
    client.force_login(cast.atasan_atasan.user)
    html = client.get(VALID).content.decode()
    assert "Perlu dicek" in html and "Uraian yang sama ditulis pada 6 hari bulan ini." in html


def test_dismissing_from_the_queue_goes_back_to_it_with_a_message(client, cast):
    k = tanda(milik_pegawai(cast))
    client.force_login(cast.atasan.user)
    back = f"{VERIF}?pegawai={cast.pegawai.pk}"
    response = client.post(abaikan_url(k), {"catatan": "Sudah saya tanyakan.", "next": back})
    assert response.status_code == 302 and response.url == back
    assert flash(response) == ["Tanda “Uraian berulang” pada Rapat koordinasi sudah diabaikan dengan catatan Anda."]
    assert Kejanggalan.objects.get(pk=k.pk).catatan_abai == "Sudah saya tanyakan."
    assert "Perlu dicek" not in client.get(VERIF).content.decode()


def test_dismissing_without_a_note_says_why_and_changes_nothing(client, cast):
    k = tanda(milik_pegawai(cast))
    client.force_login(cast.atasan.user)
    response = client.post(abaikan_url(k), {"next": VERIF})
    assert response.status_code == 302 and response.url == VERIF
    assert flash(response) == [
        "Tulis catatan: mengapa tanda ini boleh diabaikan (misalnya apa yang sudah Anda periksa)."
    ]
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


def test_dismissal_bad_input_never_500(client, cast):
    k = tanda(milik_pegawai(cast))
    client.force_login(cast.atasan.user)
    assert client.get(abaikan_url(k)).status_code == 405
    assert client.post(reverse("aktivitas:kejanggalan_abaikan", args=[999999]), {"catatan": "x"}).status_code == 404
    response = client.post(abaikan_url(k), {"catatan": "x" * 5000, "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("aktivitas:detail", args=[k.aktivitas_id])
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


def test_the_queue_offers_no_dismissal_to_the_one_who_typed_the_entry(client, cast):
    k = tanda(milik_pegawai(cast, dicatat_oleh=cast.atasan.user))
    client.force_login(cast.atasan.user)
    html = client.get(VERIF).content.decode()
    assert "Uraian yang sama ditulis pada 6 hari bulan ini." in html and abaikan_url(k) not in html
    assert client.post(abaikan_url(k), {"catatan": "Sudah."}).status_code == 403


def test_the_owner_sees_but_may_not_dismiss(client, cast):
    k = tanda(milik_pegawai(cast))
    client.force_login(cast.pegawai.user)
    assert client.post(abaikan_url(k), {"catatan": "Tidak apa-apa."}).status_code == 403
    assert Kejanggalan.objects.get(pk=k.pk).diabaikan is None


def _banyak(cast, people, n, *, flags_every=0):
    """`n` waiting entries, one a day per person before today; every `flags_every`-th one flagged twice."""
    rows = []
    for i in range(n):
        who = people[i % len(people)]
        day = i // len(people)
        rows.append(
            Aktivitas(
                pemda_id=who.pemda_id,
                pegawai=who,
                tanggal=TODAY - timedelta(days=1 + day // 4),
                jam_mulai=time(8 + 2 * (day % 4)),
                jam_selesai=time(9 + 2 * (day % 4)),
                nama_kegiatan=f"Kegiatan {i}",
                uraian="Notulen",
                menit_diajukan=60,
                menit=60,
                status=Status.SUBMITTED,
                verifikator=cast.atasan,
                validator=cast.atasan_atasan,
            )
        )
    made = Aktivitas.objects.bulk_create(rows)
    flagged = [a for i, a in enumerate(made) if flags_every and i % flags_every == 0]
    Kejanggalan.objects.bulk_create(
        Kejanggalan(
            pemda_id=a.pemda_id, aktivitas=a, pegawai_id=a.pegawai_id, tanggal=a.tanggal, jenis=j, penjelasan="Periksa."
        )
        for a in flagged
        for j in (JenisKejanggalan.TEKS_BERULANG, JenisKejanggalan.BUKTI_BERULANG)
    )
    return flagged


def test_the_queue_with_flags_costs_the_same_queries_for_3_or_500_entries(client, cast, django_assert_max_num_queries):
    people = [cast.pegawai] + [
        posted(JabatanFactory(unit=cast.subbag, parent=cast.j_kasubag, nama=f"Staf {i}"), nama=f"Staf {i:02d}")
        for i in range(9)
    ]
    client.force_login(cast.atasan.user)
    _banyak(cast, people[:1], 3, flags_every=2)
    with django_assert_max_num_queries(25) as few:
        response = client.get(VERIF)
    shown = [r for k in response.context["kelompok"] for h in k.hari for r in h.entri]
    assert len(shown) == 3 and sum(len(r["kejanggalan"]) for r in shown) == 4
    Aktivitas.objects.all().delete()
    flagged = _banyak(cast, people, 500, flags_every=5)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(VERIF)
    shown = [r for k in response.context["kelompok"] for h in k.hari for r in h.entri]
    assert len(shown) == 500 and sum(len(r["kejanggalan"]) for r in shown) == 2 * len(flagged) == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.content.decode().count('data-testid="kejanggalan"') == 100


# --- the entry's own page ------------------------------------------------------------------------


def test_the_entrys_page_lists_open_and_dismissed_flags(client, cast):
    a = milik_pegawai(cast)
    buka = tanda(a, JenisKejanggalan.DI_LUAR_JAM, "Di luar jam hadir hari itu.")
    tanda(
        a,
        diabaikan=TODAY_9(),
        diabaikan_oleh=cast.atasan_atasan.user,
        catatan_abai="Laporan mingguan memang sama.",
    )
    url = reverse("aktivitas:detail", args=[a.pk])
    client.force_login(cast.atasan.user)
    html = client.get(url).content.decode()
    assert "Di luar jam hadir hari itu." in html and "Uraian yang sama ditulis pada 6 hari bulan ini." in html
    assert "Diabaikan oleh Sekretaris Sejati, 18 November 2026 09.00." in html
    assert "“Laporan mingguan memang sama.”" in html
    assert html.count('action="' + abaikan_url(buka)) == 1  # only the open one, for its verifier
    client.force_login(cast.pegawai.user)
    html = client.get(url).content.decode()
    assert "Di luar jam hadir hari itu." in html and "kejanggalan_abaikan" not in html and abaikan_url(buka) not in html


# --- the report ----------------------------------------------------------------------------------


@pytest.fixture
def laporan(cast):
    """Flags of this month in the dinas (pegawai: 2 open, 1 dismissed) and the badan (1), one of
    last month, and one of another pemda."""
    a = milik_pegawai(cast)
    b = milik_pegawai(cast, tanggal=TODAY - timedelta(days=1))
    tanda(a)
    tanda(a, JenisKejanggalan.DI_LUAR_JAM, "Di luar jam hadir.")
    tanda(b, diabaikan=TODAY_9(), diabaikan_oleh=cast.atasan.user, catatan_abai="=Sudah dicek")
    tanda(entri(cast.pegawai_lain), JenisKejanggalan.BUKTI_BERULANG, "Bukti dipakai ulang oleh rekan.")
    tanda(milik_pegawai(cast, tanggal=date(2026, 10, 5)), JenisKejanggalan.CUTI, "Bulan lalu.")
    pemda = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    unit = UnitFactory(pemda=pemda, nama="Dinas Lain")
    tanda(entri(posted(JabatanFactory(pemda=pemda, unit=unit, opd=unit), nama="Orang Lain")), penjelasan="Pemda lain.")


def jumlah(response) -> dict[str, int]:
    return {v: n for v, _label, n in response.context["filter"].jumlah_per_jenis if n}


def test_hr_reads_the_months_flags_of_the_pemda_with_counts_per_kind(client, cast, laporan):
    client.force_login(cast.hr)
    response = client.get(LAPORAN)
    assert response.status_code == 200
    assert jumlah(response) == {"TEKS_BERULANG": 2, "DI_LUAR_JAM": 1, "BUKTI_BERULANG": 1}
    page = response.context["page"]
    assert page.paginator.count == 4
    html = response.content.decode()
    assert "Pemda lain." not in html and "Bulan lalu." not in html
    assert 'data-jenis="TEKS_BERULANG">2</span>' in html and 'data-jenis="MELEBIHI_HARI">0</span>' in html


def test_the_admin_opd_reads_only_their_opd(client, cast, laporan):
    client.force_login(cast.admin_opd)
    response = client.get(LAPORAN)
    assert jumlah(response) == {"TEKS_BERULANG": 2, "DI_LUAR_JAM": 1}
    assert {k.pegawai_id for k in response.context["page"]} == {cast.pegawai.pk}
    assert "opd" not in response.context["filter"].fields


def test_the_report_filters(client, cast, laporan):
    client.force_login(cast.hr)

    def count(**q):
        return client.get(LAPORAN, q).context["page"].paginator.count

    assert count(jenis="TEKS_BERULANG") == 2
    assert count(keadaan="terbuka") == 3 and count(keadaan="diabaikan") == 1
    assert count(opd=cast.badan.pk) == 1 and count(unit=cast.sekretariat.pk) == 3 and count(unit=cast.badan.pk) == 1
    assert count(bulan="2026-10") == 1 and count(q="Pegawai Badan") == 1
    # counts per kind follow every filter but the kind
    assert jumlah(client.get(LAPORAN, {"jenis": "DI_LUAR_JAM", "keadaan": "terbuka"})) == {
        "TEKS_BERULANG": 1,
        "DI_LUAR_JAM": 1,
        "BUKTI_BERULANG": 1,
    }
    # a wrong value is marked and ignored, never a 500
    response = client.get(LAPORAN, {"bulan": "kemarin", "jenis": "X", "unit": "abc", "page": "zz"})
    assert response.status_code == 200 and response.context["page"].paginator.count == 4


def _sheet(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_report_downloads_the_same_filtered_rows_as_xlsx(client, cast, laporan):
    client.force_login(cast.hr)
    response = client.get(LAPORAN_XLSX, {"jenis": "TEKS_BERULANG"})
    assert 'filename="kejanggalan-aktivitas-2026-11.xlsx"' in response["Content-Disposition"]
    rows = _sheet(response)
    assert rows[0][:8] == (
        "Nama",
        "NIP",
        "OPD",
        "Unit kerja",
        "Tanggal",
        "Kegiatan",
        "Jenis",
        "Penjelasan",
    )
    assert rows[0][9:] == ("Diabaikan", "Diabaikan oleh", "Catatan")
    assert len(rows) == 3
    hari_ini, kemarin = rows[1], rows[2]
    assert hari_ini[:8] == (
        "Pegawai Rajin",
        cast.pegawai.nip,
        "Dinas Pendidikan Uji",
        "Subbagian Umum",
        "2026-11-18",
        "Rapat koordinasi",
        "Uraian berulang",
        "Uraian yang sama ditulis pada 6 hari bulan ini.",
    )
    assert hari_ini[9:] == (None, None, None)
    assert kemarin[4] == "2026-11-17" and kemarin[9:] == ("2026-11-18 09:00", "Kasubag Teliti", "=Sudah dicek")
    client.force_login(cast.admin_opd)
    assert [r[0] for r in _sheet(client.get(LAPORAN_XLSX, {"jenis": "BUKTI_BERULANG"}))[1:]] == []


# --- HR's rubber-stamp figures ---------------------------------------------------------------------


KILAT_SEBAB = (
    "96 dari 120 disetujui dalam 4 kelompok kilat tanpa satu pun dikembalikan; rekan setingkat rata-rata "
    "mengembalikan 6%."
)


@pytest.fixture
def kilat(cast):
    def rekap(p, **kw):
        return RekapPersetujuan.objects.create(pemda_id=p.pemda_id, penyetuju=p, tahun=2026, bulan=11, **kw)

    rekap(
        cast.atasan,
        disetujui=120,
        kilat=96,
        kelompok_kilat=4,
        dikembalikan=0,
        tanda=True,
        penjelasan=KILAT_SEBAB,
    )
    rekap(cast.atasan_atasan, disetujui=40, kilat=0, dikembalikan=3)
    RekapPersetujuan.objects.create(pemda=cast.pemda, penyetuju=cast.kadis, tahun=2026, bulan=10, disetujui=9)
    pemda = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    unit = UnitFactory(pemda=pemda, nama="Dinas Lain")
    rekap(posted(JabatanFactory(pemda=pemda, unit=unit, opd=unit), nama="Penyetuju Lain"), disetujui=1)


def test_hr_reads_the_approvers_month(client, cast, kilat):
    client.force_login(cast.hr)
    response = client.get(KILAT)
    rows = list(response.context["page"])
    assert [(r.penyetuju.nama, r.disetujui, r.kilat, r.dikembalikan, r.tanda) for r in rows] == [
        ("Kasubag Teliti", 120, 96, 0, True),
        ("Sekretaris Sejati", 40, 0, 3, False),
    ]
    html = response.content.decode()
    assert "96 dalam 4 kelompok" in html and "rekan setingkat rata-rata mengembalikan 6%" in html
    assert "Penyetuju Lain" not in html
    assert [r.penyetuju.nama for r in client.get(KILAT, {"tanda": "ya"}).context["page"]] == ["Kasubag Teliti"]
    assert [r.penyetuju.nama for r in client.get(KILAT, {"bulan": "2026-10"}).context["page"]] == ["Kadis Utama"]
    assert client.get(KILAT, {"bulan": "2026-13", "tanda": "x"}).status_code == 200


@pytest.mark.parametrize("who", ["admin_opd", "atasan", "pegawai"])
def test_the_approvers_figures_are_for_hr_only(client, cast, kilat, who):
    user = getattr(cast, who)
    client.force_login(getattr(user, "user", user))
    assert client.get(KILAT).status_code == 403 and client.get(KILAT_XLSX).status_code == 403


def test_the_approvers_figures_download_as_xlsx(client, cast, kilat):
    client.force_login(cast.hr)
    rows = _sheet(client.get(KILAT_XLSX, {"tanda": "ya"}))
    assert rows[0][:10] == (
        "Nama",
        "NIP",
        "OPD",
        "Unit kerja",
        "Bulan",
        "Disetujui",
        "Dalam kelompok kilat",
        "Jumlah kelompok kilat",
        "Dikembalikan",
        "Ditandai",
    )
    assert len(rows) == 2
    assert rows[1][:11] == (
        "Kasubag Teliti",
        cast.atasan.nip,
        "Dinas Pendidikan Uji",
        "Subbagian Umum",
        "2026-11",
        120,
        96,
        4,
        0,
        "Ya",
        "96 dari 120 disetujui dalam 4 kelompok kilat tanpa satu pun dikembalikan; rekan setingkat rata-rata "
        "mengembalikan 6%.",
    )


def test_the_menu_links_the_reports(client, cast):
    client.force_login(cast.hr)
    html = client.get(reverse("beranda")).content.decode()
    assert f'href="{LAPORAN}"' in html and f'href="{KILAT}"' in html
    client.force_login(cast.admin_opd)
    html = client.get(reverse("beranda")).content.decode()
    assert f'href="{LAPORAN}"' in html and f'href="{KILAT}"' not in html
    client.force_login(cast.atasan.user)
    html = client.get(reverse("beranda")).content.decode()
    assert f'href="{LAPORAN}"' not in html
