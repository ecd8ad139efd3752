"""Issue 8, peak load: what bench/peak.py led to — fewer queries on the hot paths, the health view.

The approval chain costs three queries however deep the tree and however many vacant posts it
passes; the menu one query; the pages pegawai and atasan open all day stay under a fixed bound.
"""

from datetime import date, time

import pytest
from django.urls import reverse

from accounts.choices import JenisJabatan, JenisPenempatan
from accounts.selectors import approval_chain, atasan_atasan_of, atasan_of, memegang_jabatan_atasan, profil_of
from activities.choices import Status
from activities.models import Aktivitas
from beranda.context_processors import navigasi_of
from core.dates import today
from tests.factories import JabatanFactory, PenempatanFactory, posted
from tests.helpers import aktivitas_baru, form_aktivitas

ON = date(2026, 11, 16)


def _entry(cast, status: str, **approvers) -> Aktivitas:
    return aktivitas_baru(
        cast.pegawai, status=status, nama_kegiatan="Rapat koordinasi", uraian="Notulen rapat", **approvers
    )


def _tower(cast, levels: int, *, vacant: set[int] = frozenset()):
    """A chain of `levels` posts above the staff post's atasan, some of them vacant."""
    parent = cast.j_kadis
    holders = []
    for i in range(levels):
        j = JabatanFactory(unit=cast.dinas, parent=parent, nama=f"Tingkat {i}", jenis=JenisJabatan.PENGAWAS)
        holders.append(None if i in vacant else posted(j, nama=f"Pejabat {i}"))
        parent = j
    staf = JabatanFactory(unit=cast.dinas, parent=parent, nama="Staf Menara")
    return posted(staf, nama="Staf Menara"), holders


@pytest.mark.django_db
@pytest.mark.parametrize("levels,vacant", [(2, set()), (6, {4, 5}), (12, {11, 10, 9, 8, 7})])
def test_approval_chain_costs_three_queries_at_any_depth(cast, levels, vacant, django_assert_num_queries):
    staf, holders = _tower(cast, levels, vacant=vacant)
    occupied = [h for h in reversed(holders) if h is not None]
    with django_assert_num_queries(3):
        chain = approval_chain(staf, ON, depth=2)
    assert [a.pegawai for a in chain] == occupied[:2]


@pytest.mark.django_db
def test_approval_chain_still_passes_a_vacant_post_and_skips_oneself(cast):
    # vacant post at the top of the tower: the kepala dinas comes next
    staf, holders = _tower(cast, 2, vacant={0})
    assert [a.pegawai for a in approval_chain(staf, ON, depth=2)] == [holders[1], cast.kadis]
    # the atasan is also Plt of the post above: he never validates his own verification
    PenempatanFactory(pegawai=cast.atasan, jabatan=cast.j_sekretaris, mulai=date(2020, 1, 1), jenis=JenisPenempatan.PLT)
    chain = approval_chain(cast.pegawai, ON, depth=2)
    assert [a.pegawai for a in chain] == [cast.atasan, cast.atasan_atasan]
    assert atasan_of(cast.pegawai, ON) == cast.atasan
    assert atasan_atasan_of(cast.pegawai, ON) == cast.atasan_atasan


@pytest.mark.django_db
def test_approval_chain_at_the_top_is_empty(cast):
    assert approval_chain(cast.kadis, ON) == []


@pytest.mark.django_db
def test_profil_costs_three_queries(cast, django_assert_num_queries):
    PenempatanFactory(
        pegawai=cast.pegawai, jabatan=cast.j_badan_staf, mulai=date(2020, 1, 1), jenis=JenisPenempatan.PLH
    )
    with django_assert_num_queries(3):
        profil = profil_of(cast.pegawai.user, ON)
    assert profil.penempatan.jabatan == cast.j_staf
    assert [p.jabatan for p in profil.tugas_tambahan] == [cast.j_badan_staf]
    assert (profil.atasan.pegawai, profil.atasan_atasan.pegawai) == (cast.atasan, cast.atasan_atasan)


@pytest.mark.django_db
def test_menu_counts_and_atasan_flag_in_one_query(cast, django_assert_num_queries):
    _entry(cast, Status.SUBMITTED, verifikator=cast.atasan)
    _entry(cast, Status.VERIFIED, verifikator=cast.atasan, validator=cast.atasan_atasan)
    for who in (cast.pegawai, cast.atasan, cast.atasan_atasan, cast.kadis):
        with django_assert_num_queries(1):
            nav = navigasi_of(who, ON)
        assert nav["memegang"] == memegang_jabatan_atasan(who, ON)
    assert navigasi_of(cast.kadis, ON)["antrean"] == {"verifikasi": 0, "validasi": 0}
    assert navigasi_of(cast.atasan, ON)["antrean"] == {"verifikasi": 1, "validasi": 0}
    assert navigasi_of(cast.pegawai, ON) == {
        "antrean": {"verifikasi": 0, "validasi": 0},
        "memegang": False,
        "belum_dibaca": 0,
    }
    assert navigasi_of(cast.atasan_atasan, ON)["antrean"] == {"verifikasi": 0, "validasi": 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,url,bound",
    [
        ("pegawai", "beranda", 7),
        ("pegawai", "aktivitas:hari_ini", 13),
        ("atasan", "aktivitas:antrean_verifikasi", 6),
        ("atasan_atasan", "aktivitas:antrean_validasi", 6),
    ],
)
def test_hot_pages_stay_under_their_query_bound(cast, client, who, url, bound, django_assert_max_num_queries):
    client.force_login(getattr(cast, who).user)
    client.get(reverse(url))  # first visit: the CSRF cookie, the session
    with django_assert_max_num_queries(bound):
        assert client.get(reverse(url)).status_code == 200


@pytest.mark.django_db
def test_verify_through_the_queue_stays_under_its_bound(cast, client, django_assert_max_num_queries):
    a = _entry(cast, Status.SUBMITTED, verifikator=cast.atasan, validator=cast.atasan_atasan)
    client.force_login(cast.atasan.user)
    with django_assert_max_num_queries(16):
        response = client.post(reverse("aktivitas:tindak", args=[a.pk]), {"aksi": "verifikasi", "dari": "SUBMITTED"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.VERIFIED


@pytest.mark.django_db
def test_health_view_is_one_query_and_public(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("sehat"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_health_view_says_503_while_the_database_is_down(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", down)
    response = client.get(reverse("sehat"))
    assert response.status_code == 503


@pytest.mark.django_db
def test_catalog_of_a_pegawai_walks_the_unit_tree_in_the_same_query(cast, django_assert_num_queries):
    from activities.choices import LingkupKatalog
    from activities.models import KegiatanKatalog
    from activities.selectors import katalog_for

    def item(nama, **target):
        return KegiatanKatalog.objects.create(
            pemda=cast.pemda, nama=nama, satuan="dokumen", menit_per_satuan=30, **target
        )

    offered = [
        item("Pemda", lingkup=LingkupKatalog.PEMDA),
        item("Dinas", lingkup=LingkupKatalog.UNIT, unit=cast.dinas),
        item("Sekretariat", lingkup=LingkupKatalog.UNIT, unit=cast.sekretariat),
        item("Subbag", lingkup=LingkupKatalog.UNIT, unit=cast.subbag),
        item("Jabatan", lingkup=LingkupKatalog.JABATAN, jabatan=cast.j_staf),
    ]
    item("Badan lain", lingkup=LingkupKatalog.UNIT, unit=cast.badan)
    item("Jabatan lain", lingkup=LingkupKatalog.JABATAN, jabatan=cast.j_kasubag)
    with django_assert_num_queries(2):
        found = list(katalog_for(cast.pegawai, ON))
    assert sorted(k.nama for k in found) == sorted(k.nama for k in offered)


# --- the submit, the verify and the signed-in user (second round of bench/peak.py) ---------------


def _form(**over) -> dict:
    return form_aktivitas(ajukan="1", kunci_idempotensi="7b0c6f0e-1d7a-4d43-9d9b-3c8f2d1e5a01") | over


@pytest.fixture
def katalog_pemda(cast):
    from activities.choices import LingkupKatalog
    from activities.models import KegiatanKatalog

    return KegiatanKatalog.objects.create(
        pemda=cast.pemda, lingkup=LingkupKatalog.PEMDA, nama="Apel pagi", satuan="kali", menit_per_satuan=15
    )


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["BEBAS", "KATALOG"])
def test_save_and_submit_from_the_form_costs_a_fixed_number_of_queries(
    cast, client, katalog_pemda, mode, django_assert_max_num_queries
):
    """The input window once (not twice), no CHECK constraint or catalog re-validated by query, one
    posting lookup for the form and the approval chain, the idempotency key without a savepoint, the
    server draft deleted in the same transaction, a new entry inserted already submitted: 47 statements
    before, then 22 (23 with a catalog item). Third round: the pemda's input calendar kept in the
    process, the catalog item checked against the list the form loaded, no "any RHK?" query for a
    POST without one: 18 with or without a catalog item. Issue 15: 19, the month's shared lock taken
    before the closed-month check (core.locks), so that a close cannot slip in between."""
    client.force_login(cast.pegawai.user)
    client.get(reverse("aktivitas:hari_ini"))
    over = {"mode": "KATALOG", "katalog": str(katalog_pemda.pk), "volume": "4"} if mode == "KATALOG" else {}
    with django_assert_max_num_queries(19):
        response = client.post(reverse("aktivitas:tambah"), _form(**over))
    assert response.status_code == 302 and response.url == reverse("aktivitas:hari_ini")
    a = Aktivitas.objects.get()
    assert (a.status, a.verifikator, a.validator, a.menit) == (Status.SUBMITTED, cast.atasan, cast.atasan_atasan, 60)
    log = a.log.get()
    assert (log.dari, log.ke, log.oleh, log.peran) == (Status.DRAFT, Status.SUBMITTED, cast.pegawai.user, "OWNER")
    assert a.diajukan_pada is not None and a.catatan == ""
    # the same request again (a double click) creates nothing and leads to the same page
    again = client.post(reverse("aktivitas:tambah"), _form(**over))
    assert again.status_code == 302 and again.url == response.url
    assert Aktivitas.objects.count() == 1


@pytest.mark.django_db
def test_a_new_entry_without_an_atasan_is_kept_as_a_draft_with_the_reason(cast, client):
    from activities.models import AktivitasLog

    client.force_login(cast.kadis.user)
    response = client.post(reverse("aktivitas:tambah"), _form())
    assert response.status_code == 302
    a = Aktivitas.objects.get()
    assert (a.status, a.verifikator, a.validator, a.diajukan_pada) == (Status.DRAFT, None, None, None)
    assert not AktivitasLog.objects.exists()
    page = client.get(response.url).content.decode()
    assert "belum dapat diajukan" in page and "Belum ada atasan" in page


@pytest.mark.django_db
def test_a_catalog_item_the_pegawai_may_not_pick_is_still_refused_by_the_form(cast, client, katalog_pemda):
    from activities.choices import LingkupKatalog
    from activities.models import KegiatanKatalog

    lain = KegiatanKatalog.objects.create(
        pemda=cast.pemda, lingkup=LingkupKatalog.UNIT, unit=cast.badan, nama="Lain", satuan="x", menit_per_satuan=15
    )
    client.force_login(cast.pegawai.user)
    for pk in (lain.pk, 987654, "abc"):
        response = client.post(reverse("aktivitas:tambah"), _form(mode="KATALOG", katalog=str(pk), volume="1"))
        assert response.status_code == 200
        assert "katalog" in response.context["form"].errors
    assert not Aktivitas.objects.exists()


@pytest.mark.django_db
def test_a_check_constraint_refused_by_the_database_is_the_same_indonesian_error(cast, monkeypatch):
    """full_clean no longer validates the CHECK constraints by query: the database refuses, and the
    service says it in the same words as before."""
    from django.core.exceptions import ValidationError

    from activities import services

    monkeypatch.setattr(services, "_validate_entry", lambda a: setattr(a, "menit", a.menit_diajukan))
    data = {"tanggal": today(), "nama_kegiatan": "Rapat", "uraian": "Notula", "menit_diajukan": 30}
    with pytest.raises(ValidationError) as e:
        services.aktivitas_save(actor=cast.pegawai.user, jam_mulai=time(10), jam_selesai=time(9), **data)
    assert e.value.message_dict == {"jam_selesai": ["Jam selesai harus sesudah jam mulai."]}
    assert not Aktivitas.objects.exists()


@pytest.mark.django_db
def test_any_other_integrity_error_is_not_disguised(cast, monkeypatch):
    from django.db import IntegrityError

    from activities import services

    def refuse(self, *args, **kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "something_else"')

    monkeypatch.setattr(Aktivitas, "save", refuse)
    data = {"tanggal": today(), "nama_kegiatan": "Rapat", "uraian": "Notula", "menit_diajukan": 30}
    with pytest.raises(IntegrityError, match="something_else"):
        services.aktivitas_save(actor=cast.pegawai.user, jam_mulai=time(9), jam_selesai=time(10), **data)


@pytest.mark.django_db
def test_verify_through_the_queue_costs_eleven_queries(cast, client, django_assert_num_queries):
    """Ten, and the month's shared lock before the closed-month check (issue 15, core.locks)."""
    a = _entry(cast, Status.SUBMITTED, verifikator=cast.atasan, validator=cast.atasan_atasan)
    client.force_login(cast.atasan.user)
    with django_assert_num_queries(11):
        response = client.post(reverse("aktivitas:tindak", args=[a.pk]), {"aksi": "verifikasi", "dari": "SUBMITTED"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.verifikator, a.validator) == (Status.VERIFIED, cast.atasan, cast.atasan_atasan)


@pytest.mark.django_db
def test_the_signed_in_user_comes_with_the_pegawai_in_one_query(cast, django_assert_num_queries):
    from accounts.backends import NipOrUsernameBackend

    with django_assert_num_queries(1):
        user = NipOrUsernameBackend().get_user(cast.pegawai.user.pk)
        assert user.pegawai == cast.pegawai
    assert NipOrUsernameBackend().get_user(987654321) is None


@pytest.mark.django_db
def test_the_posting_lookup_is_memoised_only_for_the_request_user(cast, django_assert_num_queries):
    from accounts.backends import NipOrUsernameBackend
    from accounts.selectors import penempatan_utama_of

    pegawai = NipOrUsernameBackend().get_user(cast.pegawai.user.pk).pegawai
    with django_assert_num_queries(1):
        assert penempatan_utama_of(pegawai, ON).jabatan == cast.j_staf
        assert penempatan_utama_of(pegawai, ON).jabatan == cast.j_staf
    # an object that outlives a request (here the cast's) always reads the database: a new posting counts
    with django_assert_num_queries(2):
        penempatan_utama_of(cast.pegawai, ON)
        penempatan_utama_of(cast.pegawai, ON)
    PenempatanFactory(pegawai=cast.pegawai, jabatan=cast.j_badan_staf, mulai=ON, jenis=JenisPenempatan.DEFINITIF)
    assert penempatan_utama_of(cast.pegawai, ON).jabatan == cast.j_badan_staf


# --- a database outage: one line per failed request, one traceback a minute -----------------------


def test_an_outage_logs_one_line_per_request_and_a_traceback_once_a_minute(rf, caplog, monkeypatch):
    import logging

    from django.db import OperationalError

    from core import outage_log
    from core.middleware import GangguanMiddleware

    clock = [1000.0]
    monkeypatch.setattr(outage_log.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(outage_log, "_last_traceback", [float("-inf")])
    error = OperationalError("connection failed: refused\n\tIs the server running?")
    caplog.set_level(logging.ERROR)
    for step in (0, 1, 1, 58, 1):  # 0 s, 1 s, 2 s, 60 s, 61 s
        clock[0] += step
        request = rf.get("/aktivitas/")
        assert GangguanMiddleware(lambda r: None).process_exception(request, error).status_code == 503
    lines = [r for r in caplog.records if r.name == "core.middleware"]
    assert [r.getMessage() for r in lines] == ["database unavailable: GET /aktivitas/: connection failed: refused"] * 5
    assert [r.exc_info is not None for r in lines] == [True, False, False, True, False]


def test_django_request_log_of_an_outage_is_one_line(rf, monkeypatch):
    import logging
    import sys

    from django.db import OperationalError

    from core import outage_log

    monkeypatch.setattr(outage_log, "_last_traceback", [float("-inf")])
    flt = outage_log.GangguanLogFilter()

    def record(request, exc=None):
        exc_info = None
        if exc is not None:
            try:
                raise exc
            except OperationalError:
                exc_info = sys.exc_info()
        rec = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Service Unavailable: %s", ("/x/",), exc_info
        )
        rec.request = request
        return rec

    first, second = (
        record(rf.get("/x/"), OperationalError("down\nmore")),
        record(rf.get("/x/"), OperationalError("down")),
    )
    assert flt.filter(first) and flt.filter(second)
    assert first.getMessage() == "Service Unavailable: /x/ (database unavailable: down)"
    assert first.exc_info is not None and second.exc_info is None  # within the same minute
    # a request the middleware has logged already: Django's own line is dropped
    handled = rf.get("/x/")
    handled._gangguan_dicatat = True
    assert not flt.filter(record(handled))
    # other errors are left alone
    other = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /y/", (), None)
    assert flt.filter(other) and other.getMessage() == "Internal Server Error: /y/"


@pytest.mark.django_db
def test_the_queue_filter_renders_accessibly_without_crispy(cast, client):
    _entry(cast, Status.SUBMITTED, verifikator=cast.atasan, validator=cast.atasan_atasan)
    client.force_login(cast.atasan.user)
    html = client.get(reverse("aktivitas:antrean_verifikasi"), {"dari": "bukan-tanggal"}).content.decode()
    assert '<label for="id_unit" class="form-label">Unit kerja</label>' in html
    assert 'aria-describedby="id_unit_helptext"' in html and 'id="id_unit_helptext"' in html
    assert '<select name="pegawai" class="form-select" id="id_pegawai">' in html
    dari = html[html.index('name="dari"') - 20 : html.index('id="id_dari"')]
    assert 'class="form-control is-invalid"' in dari and 'aria-invalid="true"' in dari
    assert 'aria-describedby="id_dari_error"' in dari
    assert '<div id="id_dari_error" class="invalid-feedback">' in html


# --- third round: the input calendar kept per process ---------------------------------------------


@pytest.mark.django_db
def test_the_input_calendar_is_kept_and_forgotten_when_written(cast, django_assert_num_queries):
    """Rules, holidays and outages are read once per process; writing any of them (a service, the
    admin, a bulk holiday import) makes the next read go to the database again."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.imports.common import Tabel
    from activities.models import AturanAktivitas
    from activities.selectors import kalender_input
    from activities.services_admin import gangguan_create
    from attendance.services.kalender import hari_libur_create, hari_libur_import

    pemda_id, hr = cast.pemda.pk, cast.hr
    with django_assert_num_queries(3):
        first = kalender_input(pemda_id)
    with django_assert_num_queries(0):
        assert kalender_input(pemda_id) is first

    hari_libur_create(actor=hr, tanggal=date(2026, 12, 24), nama="Cuti bersama Natal", jenis="CUTI_BERSAMA")
    assert date(2026, 12, 24) in kalender_input(pemda_id).libur

    kolom = {"tanggal": "Tanggal", "nama": "Keterangan", "jenis": "Jenis"}
    baris = [(2, {"tanggal": date(2026, 12, 31), "nama": "Libur daerah", "jenis": "LIBUR DAERAH"})]
    assert hari_libur_import(actor=hr, tabel=Tabel(layout="libur", kolom=kolom, baris=baris)).dibuat == 1
    assert date(2026, 12, 31) in kalender_input(pemda_id).libur

    selesai = timezone.now() - timedelta(hours=1)
    gangguan_create(actor=hr, mulai=selesai - timedelta(hours=2), selesai=selesai, alasan="Server mati")
    assert len(kalender_input(pemda_id).gangguan) == len(first.gangguan) + 1

    AturanAktivitas.objects.create(pemda_id=pemda_id, berlaku_mulai=date(2026, 1, 1), batas_input_hari_kerja=5)
    assert kalender_input(pemda_id).aturan_on(ON).batas_input_hari_kerja == 5
    AturanAktivitas.objects.get(pemda_id=pemda_id, berlaku_mulai=date(2026, 1, 1)).delete()
    assert kalender_input(pemda_id).aturan_on(ON).batas_input_hari_kerja == 3  # the default again


@pytest.mark.django_db
def test_the_kept_input_calendar_is_read_again_after_its_time(cast, monkeypatch, django_assert_num_queries):
    """Another process's write reaches this one within KALENDER_TTL seconds."""
    import activities.selectors as sel
    from activities.models import Gangguan

    clock = [1000.0]
    monkeypatch.setattr(sel.time, "monotonic", lambda: clock[0])
    sel.kalender_input(cast.pemda.pk)
    # a write this process does not hear of (another gunicorn worker): no signal, the copy stays
    Gangguan.objects.bulk_create(
        [Gangguan(pemda=cast.pemda, mulai=_aware(2026, 11, 16, 9), selesai=_aware(2026, 11, 16, 11), alasan="x")]
    )
    clock[0] += sel.KALENDER_TTL - 1
    with django_assert_num_queries(0):
        assert sel.kalender_input(cast.pemda.pk).gangguan == ()
    clock[0] += 2
    assert len(sel.kalender_input(cast.pemda.pk).gangguan) == 1


def _aware(*args):
    from datetime import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime(*args))
