"""Admin OPD pages (DESIGN.md §5): anonymous → login, plain pegawai → 403, other OPD → 404, happy
paths checked in the database, and bad input shown on the form (never a 500)."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.choices import Eselon, JenisJabatan, JenisPenempatan, JenisUnit, Role, StatusPegawai
from accounts.models import Jabatan, Pegawai, Penempatan, UnitKerja, User
from accounts.rules import build_nip
from core.dates import today
from core.models import AuditLog
from tests.factories import JabatanFactory, PegawaiFactory, PenempatanFactory, UnitFactory, UserFactory, posted

pytestmark = pytest.mark.django_db


def _posting(pegawai) -> Penempatan:
    return Penempatan.objects.get(pegawai=pegawai, selesai__isnull=True)


# Every page, with the object of the admin OPD's own OPD (dinas) and one of the other OPD (badan).
PAGES = {
    "unit_list": None,
    "unit_create": None,
    "unit_update": lambda c, own: c.subbag if own else c.badan,
    "jabatan_list": None,
    "jabatan_create": None,
    "jabatan_update": lambda c, own: c.j_staf if own else c.j_badan_staf,
    "pegawai_list": None,
    "pegawai_create": None,
    "pegawai_detail": lambda c, own: c.pegawai if own else c.pegawai_lain,
    "pegawai_update": lambda c, own: c.pegawai if own else c.pegawai_lain,
    "penempatan_list": None,
    "penempatan_create": None,
    "penempatan_end": lambda c, own: _posting(c.pegawai if own else c.pegawai_lain),
}
WITH_PK = [name for name, obj in PAGES.items() if obj is not None]


def url(cast, name: str, own: bool = True) -> str:
    obj = PAGES[name]
    return reverse(f"org:{name}", kwargs={"pk": obj(cast, own).pk} if obj else None)


def reset_url(pegawai) -> str:
    return reverse("org:pegawai_reset_password", kwargs={"pk": pegawai.pk})


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def d(value: date) -> str:
    return value.isoformat()


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, cast, name):
    response = client.get(url(cast, name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_cannot_reset_a_password(client, cast):
    response = client.post(reset_url(cast.pegawai))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona", ["pegawai", "atasan", "kadis"])
def test_a_plain_pegawai_gets_403(client, cast, name, persona):
    client.force_login(getattr(cast, persona).user)
    assert client.get(url(cast, name)).status_code == 403
    assert client.post(url(cast, name), {}).status_code == 403


def test_a_plain_pegawai_cannot_reset_a_password(client, cast):
    client.force_login(cast.pegawai.user)
    assert client.post(reset_url(cast.atasan)).status_code == 403
    cast.atasan.user.refresh_from_db()
    assert cast.atasan.user.check_password(cast.password)


@pytest.mark.parametrize("name", WITH_PK)
def test_admin_opd_gets_404_for_another_opd(client, cast, name):
    client.force_login(cast.admin_opd)
    assert client.get(url(cast, name, own=False)).status_code == 404
    assert client.post(url(cast, name, own=False), {}).status_code == 404


def test_admin_opd_cannot_reset_a_password_in_another_opd(client, cast):
    client.force_login(cast.admin_opd)
    assert client.post(reset_url(cast.pegawai_lain)).status_code == 404
    assert not AuditLog.objects.filter(aksi__endswith=":reset_sandi").exists()


@pytest.mark.parametrize("name", PAGES)
def test_admin_opd_opens_every_page_of_their_opd(client, cast, name):
    client.force_login(cast.admin_opd)
    response = client.get(url(cast, name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "style=" not in html and "<script>" not in html
    assert "Select an option" not in html and "---------" not in html  # every choice speaks Indonesian


@pytest.mark.parametrize("name", ["unit_create", "jabatan_create", "pegawai_create", "penempatan_create"])
def test_superadmin_forms_speak_indonesian_too(client, cast, name):
    client.force_login(cast.superadmin)
    html = client.get(url(cast, name)).content.decode()
    assert "Select an option" not in html and "---------" not in html


@pytest.mark.parametrize("name", WITH_PK)
@pytest.mark.parametrize("own", [True, False])
def test_hr_pemda_opens_objects_of_both_opds(client, cast, name, own):
    client.force_login(cast.hr)
    assert client.get(url(cast, name, own=own)).status_code == 200


def test_hr_of_another_pemda_gets_404(client, cast):
    elsewhere = PegawaiFactory()  # in a pemda of its own
    client.force_login(UserFactory(role=Role.HR_PEMDA, pemda=elsewhere.pemda))
    assert client.get(url(cast, "pegawai_detail")).status_code == 404
    assert rows(client.get(reverse("org:pegawai_list"))) == [elsewhere]


# --- lists ------------------------------------------------------------------------------------


def rows(response) -> list:
    return list(response.context["page"].object_list)


def test_admin_opd_lists_only_their_opd(client, cast):
    client.force_login(cast.admin_opd)
    units = rows(client.get(reverse("org:unit_list")))
    assert [u.nama for u in units] == ["Dinas Pendidikan Uji", "Sekretariat", "Subbagian Umum"]
    jabatan = rows(client.get(reverse("org:jabatan_list")))
    assert cast.j_badan_staf not in jabatan and len(jabatan) == 4
    assert [j.kelas for j in jabatan] == [14, 11, 9, 5]
    pegawai = rows(client.get(reverse("org:pegawai_list")))
    assert cast.pegawai_lain not in pegawai and len(pegawai) == 5
    postings = rows(client.get(reverse("org:penempatan_list")))
    assert {p.pegawai for p in postings} == set(pegawai)


def test_hr_pemda_lists_both_opds_and_filters_by_opd(client, cast):
    client.force_login(cast.hr)
    assert {u.opd_id for u in rows(client.get(reverse("org:unit_list")))} == {cast.dinas.pk, cast.badan.pk}
    assert len(rows(client.get(reverse("org:pegawai_list")))) == 6
    badan = rows(client.get(reverse("org:pegawai_list"), {"opd": cast.badan.pk}))
    assert badan == [cast.pegawai_lain]
    jabatan = rows(client.get(reverse("org:jabatan_list"), {"opd": cast.badan.pk}))
    assert {j.nama for j in jabatan} == {"Kepala Badan", "Pengelola Keuangan"}


def test_an_opd_filter_outside_scope_is_refused_not_applied(client, cast):
    client.force_login(cast.hr)
    other_opd = JabatanFactory().opd  # another pemda
    response = client.get(reverse("org:pegawai_list"), {"opd": other_opd.pk})
    assert response.status_code == 200
    assert "opd" in response.context["filter"].errors
    assert len(rows(response)) == 6


def test_pegawai_search_by_name_nip_with_spaces_and_jabatan(client, cast):
    client.force_login(cast.admin_opd)
    lst = reverse("org:pegawai_list")
    assert rows(client.get(lst, {"q": "rajin"})) == [cast.pegawai]
    nip = cast.atasan.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert rows(client.get(lst, {"q": spaced})) == [cast.atasan]
    assert rows(client.get(lst, {"q": "kepala subbagian"})) == [cast.atasan]
    assert rows(client.get(lst, {"q": "Pegawai Badan"})) == []  # other OPD stays out of sight


def test_pegawai_filters_by_unit_subtree_status_golongan_and_posting(client, cast):
    client.force_login(cast.hr)
    lst = reverse("org:pegawai_list")
    under_sekretariat = rows(client.get(lst, {"unit": cast.sekretariat.pk}))
    assert set(under_sekretariat) == {cast.atasan_atasan, cast.atasan, cast.pegawai, cast.admin_opd.pegawai}
    pppk = PegawaiFactory(pemda=cast.pemda, status=StatusPegawai.PPPK, golongan="IX", nama="Tanpa Jabatan")
    pppk.opd = cast.dinas
    pppk.save()
    assert rows(client.get(lst, {"status": "PPPK"})) == [pppk]
    assert rows(client.get(lst, {"golongan": "IX"})) == [pppk]
    assert rows(client.get(lst, {"penempatan": "tanpa"})) == [pppk]
    assert len(rows(client.get(lst, {"penempatan": "ada"}))) == 6


def test_jabatan_filter_shows_vacant_posts_and_holders(client, cast):
    client.force_login(cast.admin_opd)
    vacant = JabatanFactory(unit=cast.subbag, parent=cast.j_kasubag, nama="Analis Kosong")
    lst = reverse("org:jabatan_list")
    assert rows(client.get(lst, {"pengisian": "kosong"})) == [vacant]
    terisi = rows(client.get(lst, {"pengisian": "terisi"}))
    assert vacant not in terisi and len(terisi) == 4
    staf = rows(client.get(lst, {"q": "pengadministrasi"}))[0]
    assert {p.pegawai for p in staf.pemegang} == {cast.pegawai, cast.admin_opd.pegawai}
    assert rows(client.get(lst, {"unit": cast.subbag.pk, "jenis": JenisJabatan.PENGAWAS})) == [cast.j_kasubag]


def test_penempatan_filter_active_today_vs_ended(client, cast):
    client.force_login(cast.admin_opd)
    old = PenempatanFactory(
        pegawai=cast.pegawai, jabatan=cast.j_staf, mulai=date(2015, 1, 1), selesai=date(2019, 12, 31)
    )
    future = PenempatanFactory(
        pegawai=cast.atasan, jabatan=cast.j_sekretaris, jenis=JenisPenempatan.PLH, mulai=today() + timedelta(days=5)
    )
    lst = reverse("org:penempatan_list")
    assert rows(client.get(lst, {"keadaan": "berakhir"})) == [old]
    assert rows(client.get(lst, {"keadaan": "akan_datang"})) == [future]
    berlaku = rows(client.get(lst, {"keadaan": "berlaku"}))
    assert len(berlaku) == 5 and old not in berlaku and future not in berlaku
    assert rows(client.get(lst, {"jenis": JenisPenempatan.PLH})) == [future]
    assert rows(client.get(lst))[0] == future  # newest first


def test_lists_are_paginated_by_25(client, cast):
    for i in range(26):
        posted(cast.j_staf, nama=f"Staf {i:02d}")
    client.force_login(cast.admin_opd)
    first = client.get(reverse("org:pegawai_list"))
    assert len(rows(first)) == 25 and first.context["page"].paginator.count == 31
    assert len(rows(client.get(reverse("org:pegawai_list"), {"page": 2}))) == 6
    assert len(rows(client.get(reverse("org:pegawai_list"), {"page": "abc"}))) == 25


def test_lists_stack_on_a_phone(client, cast):
    client.force_login(cast.admin_opd)
    for name in ("unit_list", "jabatan_list", "pegawai_list", "penempatan_list"):
        html = client.get(reverse(f"org:{name}")).content.decode()
        assert "table-responsive-stack" in html and 'data-label="' in html and '<th scope="col">' in html


# --- unit kerja -------------------------------------------------------------------------------


def test_admin_opd_adds_a_unit_under_their_opd(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(
        url(cast, "unit_create"),
        {"parent": cast.sekretariat.pk, "nama": "Subbagian Keuangan", "jenis": JenisUnit.SUBBAGIAN, "kode": "X1"},
    )
    assert response.status_code == 302 and response.url == reverse("org:unit_list")
    unit = UnitKerja.objects.get(nama="Subbagian Keuangan")
    assert (unit.parent, unit.opd, unit.pemda, unit.kode) == (cast.sekretariat, cast.dinas, cast.pemda, "X1")
    assert AuditLog.objects.filter(objek_id=str(unit.pk), aksi="unitkerja:buat").count() == 1
    assert "Subbagian Keuangan" in flash(response)[0]


def test_admin_opd_cannot_add_an_opd_nor_a_unit_in_another_opd(client, cast):
    client.force_login(cast.admin_opd)
    before = UnitKerja.objects.count()
    no_parent = client.post(url(cast, "unit_create"), {"nama": "Dinas Baru", "jenis": JenisUnit.PERANGKAT_DAERAH})
    assert no_parent.status_code == 200 and "parent" in no_parent.context["form"].errors
    other = client.post(url(cast, "unit_create"), {"parent": cast.badan.pk, "nama": "Bidang", "jenis": "BIDANG"})
    assert other.status_code == 200 and "parent" in other.context["form"].errors
    assert UnitKerja.objects.count() == before


def test_hr_pemda_adds_an_opd(client, cast):
    client.force_login(cast.hr)
    response = client.post(
        url(cast, "unit_create"), {"nama": "Dinas Kesehatan Uji", "jenis": JenisUnit.PERANGKAT_DAERAH}
    )
    assert response.status_code == 302
    opd = UnitKerja.objects.get(nama="Dinas Kesehatan Uji")
    assert opd.parent is None and opd.opd == opd and opd.pemda == cast.pemda


def test_superadmin_without_a_pemda_must_choose_one_for_an_opd(client, cast):
    client.force_login(cast.superadmin)
    data = {"nama": "Dinas Sosial Uji", "jenis": JenisUnit.PERANGKAT_DAERAH}
    response = client.post(url(cast, "unit_create"), data)
    assert "pemda" in response.context["form"].errors
    assert client.post(url(cast, "unit_create"), {**data, "pemda": cast.pemda.pk}).status_code == 302
    assert UnitKerja.objects.get(nama="Dinas Sosial Uji").pemda == cast.pemda


def test_unit_form_errors_for_inconsistent_input(client, cast):
    client.force_login(cast.hr)
    before = UnitKerja.objects.count()
    opd_with_parent = client.post(
        url(cast, "unit_create"), {"parent": cast.dinas.pk, "nama": "X", "jenis": JenisUnit.PERANGKAT_DAERAH}
    )
    assert "jenis" in opd_with_parent.context["form"].errors
    bidang_without_parent = client.post(url(cast, "unit_create"), {"nama": "Y", "jenis": JenisUnit.BIDANG})
    assert (
        "Unit selain Perangkat Daerah wajib memiliki unit induk."
        in bidang_without_parent.context["form"].errors["parent"]
    )
    duplicate = client.post(
        url(cast, "unit_create"), {"parent": cast.sekretariat.pk, "nama": "Subbagian Umum", "jenis": "SUBBAGIAN"}
    )
    assert duplicate.status_code == 200 and duplicate.context["form"].non_field_errors()
    assert UnitKerja.objects.count() == before


def test_admin_opd_renames_and_moves_a_unit_within_the_opd(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(
        url(cast, "unit_update"),
        {"parent": cast.dinas.pk, "nama": "Subbagian Umum dan Kepegawaian", "jenis": "SUBBAGIAN", "aktif": "on"},
    )
    assert response.status_code == 302
    cast.subbag.refresh_from_db()
    assert (cast.subbag.nama, cast.subbag.parent, cast.subbag.opd) == (
        "Subbagian Umum dan Kepegawaian",
        cast.dinas,
        cast.dinas,
    )
    log = AuditLog.objects.get(objek_id=str(cast.subbag.pk), aksi="unitkerja:ubah")
    assert log.sesudah["nama"] == ["Subbagian Umum", "Subbagian Umum dan Kepegawaian"]
    assert log.actor == cast.admin_opd


def test_a_unit_cannot_move_under_itself_or_below_it_or_to_another_opd(client, cast):
    client.force_login(cast.hr)
    for parent in (cast.sekretariat, cast.subbag, cast.badan):
        response = client.post(
            reverse("org:unit_update", args=[cast.sekretariat.pk]),
            {"parent": parent.pk, "nama": "Sekretariat", "jenis": "SEKRETARIAT", "aktif": "on"},
        )
        assert "parent" in response.context["form"].errors
    cast.sekretariat.refresh_from_db()
    assert cast.sekretariat.parent == cast.dinas


def test_an_opd_is_edited_without_parent_and_can_be_deactivated(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(reverse("org:unit_update", args=[cast.dinas.pk]), {"nama": "Dinas Pendidikan"})
    assert response.status_code == 302
    cast.dinas.refresh_from_db()
    assert (cast.dinas.nama, cast.dinas.parent, cast.dinas.aktif) == ("Dinas Pendidikan", None, False)


# --- jabatan ----------------------------------------------------------------------------------


def jabatan_data(cast, **over):
    data = {
        "unit": cast.subbag.pk,
        "nama": "Analis Kepegawaian",
        "jenis": JenisJabatan.FUNGSIONAL,
        "kelas": 8,
        "parent": cast.j_kasubag.pk,
    }
    return {**data, **over}


def test_admin_opd_adds_a_jabatan(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(url(cast, "jabatan_create"), jabatan_data(cast))
    assert response.status_code == 302
    j = Jabatan.objects.get(nama="Analis Kepegawaian")
    assert (j.unit, j.opd, j.pemda, j.parent, j.kelas, j.eselon) == (
        cast.subbag,
        cast.dinas,
        cast.pemda,
        cast.j_kasubag,
        8,
        "",
    )
    assert AuditLog.objects.filter(objek_id=str(j.pk), aksi="jabatan:buat").exists()


def test_a_kepala_opd_may_report_to_a_top_post_of_the_pemda(client, cast):
    sekda = JabatanFactory(
        unit=JabatanFactory(unit__pemda=cast.pemda).unit,
        nama="Sekretaris Daerah",
        jenis=JenisJabatan.JPT,
        eselon=Eselon.I_B,
        kelas=16,
    )
    client.force_login(cast.admin_opd)
    form = client.get(url(cast, "jabatan_create")).context["form"]
    parents = set(form.fields["parent"].queryset)
    assert sekda in parents and cast.j_kadis in parents
    assert cast.j_badan_staf not in parents  # a staff post of another OPD is out of scope
    data = jabatan_data(cast, nama="Kepala Dinas", jenis="JPT", eselon="II.b", kelas=14, unit=cast.dinas.pk)
    response = client.post(reverse("org:jabatan_update", args=[cast.j_kadis.pk]), {**data, "parent": sekda.pk})
    assert response.status_code == 302
    cast.j_kadis.refresh_from_db()
    assert cast.j_kadis.parent == sekda


def test_jabatan_form_errors_never_crash(client, cast):
    client.force_login(cast.admin_opd)
    before = Jabatan.objects.count()
    cases = {
        "eselon": jabatan_data(cast, jenis=JenisJabatan.PENGAWAS),  # structural without eselon
        "kelas": jabatan_data(cast, kelas="delapan"),
        "unit": jabatan_data(cast, unit=cast.badan.pk),
        "parent": jabatan_data(cast, parent=cast.j_badan_staf.pk),
    }
    for field, data in cases.items():
        response = client.post(url(cast, "jabatan_create"), data)
        assert response.status_code == 200, field
        assert field in response.context["form"].errors, field
    response = client.post(url(cast, "jabatan_create"), cases["eselon"])
    assert response.context["form"].errors["eselon"] == ["Jabatan struktural wajib memiliki eselon."]
    assert client.post(url(cast, "jabatan_create"), jabatan_data(cast, kelas=18)).status_code == 200
    assert Jabatan.objects.count() == before


def test_admin_opd_changes_a_jabatan_and_it_is_logged(client, cast):
    client.force_login(cast.admin_opd)
    data = jabatan_data(cast, nama="Pengadministrasi Perkantoran", jenis="PELAKSANA", kelas=6, aktif="on")
    assert client.post(url(cast, "jabatan_update"), data).status_code == 302
    cast.j_staf.refresh_from_db()
    assert cast.j_staf.kelas == 6
    log = AuditLog.objects.get(objek_id=str(cast.j_staf.pk), aksi="jabatan:ubah")
    assert log.sesudah == {"kelas": ["5", "6"]}


def test_a_jabatan_cannot_report_to_its_own_subordinate(client, cast):
    client.force_login(cast.admin_opd)
    data = {
        "unit": cast.sekretariat.pk,
        "nama": "Sekretaris Dinas",
        "jenis": "ADMINISTRATOR",
        "eselon": "III.a",
        "kelas": 11,
        "parent": cast.j_staf.pk,
        "aktif": "on",
    }
    response = client.post(reverse("org:jabatan_update", args=[cast.j_sekretaris.pk]), data)
    assert response.context["form"].errors["parent"] == [
        "Jabatan atasan tidak boleh jabatan ini sendiri atau bawahannya."
    ]
    cast.j_sekretaris.refresh_from_db()
    assert cast.j_sekretaris.parent == cast.j_kadis


# --- pegawai ----------------------------------------------------------------------------------

NEW_NIP = build_nip(tanggal_lahir=date(1990, 5, 17), jenis_kelamin="P", nomor_urut=7, tmt_cpns=date(2015, 3, 1))


def pegawai_data(cast, **over):
    data = {
        "nip": f"{NEW_NIP[:8]} {NEW_NIP[8:14]} {NEW_NIP[14]} {NEW_NIP[15:]}",
        "nama": "Sinta Wulandari",
        "gelar_belakang": "S.Kom.",
        "status": StatusPegawai.PNS,
        "golongan": "III/b",
        "kedudukan_hukum": "01",
        "gaji_dasar": "3500000",
        "jabatan": cast.j_staf.pk,
        "mulai": "2026-01-02",
        "jenis_penempatan": JenisPenempatan.DEFINITIF,
        "nomor_sk": "800/12/BKPSDM/2026",
    }
    return {**data, **over}


def test_admin_opd_registers_a_pegawai_with_a_login_and_first_posting(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(url(cast, "pegawai_create"), pegawai_data(cast))
    pegawai = Pegawai.objects.get(nip=NEW_NIP)
    # no e-mail address: the activation letter, shown once
    assert response.status_code == 200 and response.context["kode"].pegawai == pegawai
    # jenis kelamin and tanggal lahir were left empty: read from the NIP
    assert (pegawai.jenis_kelamin, pegawai.tanggal_lahir, pegawai.opd, pegawai.gaji_dasar) == (
        "P",
        date(1990, 5, 17),
        cast.dinas,
        3_500_000,
    )
    user = pegawai.user
    assert user.username == NEW_NIP and user.role == Role.PEGAWAI
    assert not user.check_password(NEW_NIP) and not user.has_usable_password() and user.wajib_ganti_password
    posting = Penempatan.objects.get(pegawai=pegawai)
    assert (posting.jabatan, posting.mulai, posting.selesai, posting.nomor_sk, posting.dibuat_oleh) == (
        cast.j_staf,
        date(2026, 1, 2),
        None,
        "800/12/BKPSDM/2026",
        cast.admin_opd,
    )
    assert AuditLog.objects.filter(objek_id=str(pegawai.pk), aksi="pegawai:buat").exists()
    assert AuditLog.objects.filter(objek_id=str(posting.pk), aksi="penempatan:buat").exists()
    page = response.content.decode()
    assert response.context["kode"].kode_tampil in page and "belum aktif" in page


def test_an_invalid_nip_is_explained_and_nothing_is_created(client, cast):
    client.force_login(cast.admin_opd)
    users, pegawai = User.objects.count(), Pegawai.objects.count()
    response = client.post(url(cast, "pegawai_create"), pegawai_data(cast, nip="1990 0517 2015"))
    assert response.status_code == 200
    assert response.context["form"].errors["nip"] == ["NIP harus 18 angka, yang diisi 12 angka."]
    taken = client.post(url(cast, "pegawai_create"), pegawai_data(cast, nip=cast.pegawai.nip))
    assert taken.context["form"].errors["nip"] == [f"NIP {cast.pegawai.nip} sudah terdaftar."]
    assert (User.objects.count(), Pegawai.objects.count()) == (users, pegawai)


def test_pegawai_form_errors_never_crash(client, cast):
    client.force_login(cast.admin_opd)
    users, pegawai = User.objects.count(), Pegawai.objects.count()
    cases = {
        "mulai": pegawai_data(cast, mulai="kemarin"),
        "jabatan": pegawai_data(cast, jabatan=cast.j_badan_staf.pk),
        "status": pegawai_data(cast, status=StatusPegawai.PPPK),  # a NIP PNS
        "tanggal_lahir": pegawai_data(cast, tanggal_lahir="1991-01-01"),
        "gaji_dasar": pegawai_data(cast, gaji_dasar="tiga juta"),
    }
    for field, data in cases.items():
        response = client.post(url(cast, "pegawai_create"), data)
        assert response.status_code == 200, field
        assert field in response.context["form"].errors, field
    assert (User.objects.count(), Pegawai.objects.count()) == (users, pegawai)


def test_a_filled_structural_post_rolls_back_the_whole_registration(client, cast):
    client.force_login(cast.admin_opd)
    users = User.objects.count()
    response = client.post(url(cast, "pegawai_create"), pegawai_data(cast, jabatan=cast.j_kasubag.pk))
    errors = response.context["form"].errors["jabatan"]
    assert len(errors) == 1 and "sudah diisi" in errors[0] and "Kasubag Teliti" in errors[0]
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()
    assert User.objects.count() == users


def test_admin_opd_edits_a_pegawai_and_the_change_is_logged(client, cast):
    client.force_login(cast.admin_opd)
    p = cast.pegawai
    data = {
        "nama": p.nama,
        "jenis_kelamin": p.jenis_kelamin,
        "tanggal_lahir": d(p.tanggal_lahir),
        "status": "PNS",
        "golongan": "III/c",
        "kedudukan_hukum": "01",
        "gaji_dasar": "4100000",
        "email": "rajin@example.go.id",
    }
    response = client.post(url(cast, "pegawai_update"), data)
    assert response.status_code == 302 and response.url == reverse("org:pegawai_detail", args=[p.pk])
    p.refresh_from_db()
    assert (p.golongan, p.gaji_dasar, p.email) == ("III/c", 4_100_000, "rajin@example.go.id")
    p.user.refresh_from_db()
    assert p.user.email == "rajin@example.go.id"
    log = AuditLog.objects.get(objek_id=str(p.pk), aksi="pegawai:ubah")
    assert log.sesudah["golongan"] == ["III/a", "III/c"]
    wrong_birthday = client.post(url(cast, "pegawai_update"), {**data, "tanggal_lahir": "2000-01-01"})
    assert "tanggal_lahir" in wrong_birthday.context["form"].errors
    p.refresh_from_db()
    assert p.tanggal_lahir != date(2000, 1, 1)


def test_pegawai_detail_shows_history_newest_first_with_actions(client, cast):
    old = PenempatanFactory(
        pegawai=cast.pegawai, jabatan=cast.j_badan_staf, mulai=date(2015, 1, 1), selesai=date(2019, 12, 31)
    )
    plt = PenempatanFactory(
        pegawai=cast.pegawai, jabatan=cast.j_kasubag, jenis=JenisPenempatan.PLT, mulai=date(2026, 1, 5)
    )
    Pegawai.objects.filter(pk=cast.pegawai.pk).update(opd=cast.dinas)  # the factory followed the old posting
    client.force_login(cast.admin_opd)
    response = client.get(url(cast, "pegawai_detail"))
    riwayat = list(response.context["riwayat"])
    assert riwayat == [plt, _posting_of(cast.pegawai, cast.j_staf), old]
    assert [p.bisa_diakhiri for p in riwayat] == [True, True, False]  # the old one is ended and in badan
    html = response.content.decode()
    assert "Pelaksana Tugas (Plt)" in html and "31 Desember 2019" in html and "5 Januari 2026" in html
    # As Plt Kasubag the pegawai is now the admin OPD's own atasan: she may not reset his password.
    assert 'data-testid="reset-ditolak"' in html and "adalah atasan Anda" in html
    assert reverse("org:pegawai_reset_password", args=[cast.pegawai.pk]) not in html
    assert f"{reverse('org:penempatan_create')}?pegawai={cast.pegawai.pk}" in html
    assert reverse("org:penempatan_end", args=[plt.pk]) in html
    assert reverse("org:penempatan_end", args=[old.pk]) not in html


def _posting_of(pegawai, jabatan):
    return Penempatan.objects.get(pegawai=pegawai, jabatan=jabatan)


def test_admin_opd_resets_a_forgotten_password_with_an_activation_code(client, cast):
    client.force_login(cast.admin_opd)
    assert client.get(reset_url(cast.pegawai)).status_code == 405
    response = client.post(reset_url(cast.pegawai))
    assert response.status_code == 200 and response.context["kode"].pegawai == cast.pegawai
    user = User.objects.get(pk=cast.pegawai.user_id)
    assert not user.check_password(cast.pegawai.nip) and user.wajib_ganti_password
    assert AuditLog.objects.filter(objek_id=str(cast.pegawai.pk), aksi="pegawai:reset_sandi").exists()
    assert response.context["kode"].kode_tampil in response.content.decode()


def test_resetting_a_pegawai_without_an_account_says_so(client, cast):
    cast.pegawai.user = None
    cast.pegawai.save()
    client.force_login(cast.admin_opd)
    response = client.post(reset_url(cast.pegawai))
    assert response.status_code == 302
    assert flash(response) == ["Pegawai ini belum memiliki akun."]


# --- penempatan -------------------------------------------------------------------------------


def test_penempatan_create_preselects_a_pegawai_in_scope_only(client, cast):
    client.force_login(cast.admin_opd)
    form = client.get(url(cast, "penempatan_create"), {"pegawai": cast.pegawai.pk}).context["form"]
    assert form.initial["pegawai"] == cast.pegawai
    assert cast.pegawai_lain not in form.fields["pegawai"].queryset
    other = client.get(url(cast, "penempatan_create"), {"pegawai": cast.pegawai_lain.pk}).context["form"]
    assert other.initial.get("pegawai") is None
    assert client.get(url(cast, "penempatan_create"), {"pegawai": "x"}).status_code == 200


def test_a_mutasi_ends_the_old_definitive_posting_the_day_before(client, cast):
    baru = JabatanFactory(unit=cast.sekretariat, parent=cast.j_sekretaris, nama="Pengelola Data", kelas=7)
    old = _posting(cast.pegawai)
    client.force_login(cast.admin_opd)
    response = client.post(
        url(cast, "penempatan_create") + f"?pegawai={cast.pegawai.pk}",
        {
            "pegawai": cast.pegawai.pk,
            "jabatan": baru.pk,
            "jenis": "DEFINITIF",
            "mulai": "2026-03-01",
            "nomor_sk": "821/5/2026",
            "keterangan": "mutasi",
        },
    )
    assert response.status_code == 302 and response.url == url(cast, "pegawai_detail")
    old.refresh_from_db()
    assert old.selesai == date(2026, 2, 28) and old.keterangan == "mutasi"
    new = Penempatan.objects.get(pegawai=cast.pegawai, jabatan=baru)
    assert (new.mulai, new.selesai, new.jenis, new.nomor_sk) == (date(2026, 3, 1), None, "DEFINITIF", "821/5/2026")
    assert AuditLog.objects.filter(objek_id=str(old.pk), aksi="penempatan:akhiri").count() == 1
    assert AuditLog.objects.filter(objek_id=str(new.pk), aksi="penempatan:buat").count() == 1
    assert "1 Maret 2026" in flash(response)[0]


def test_a_plt_keeps_the_definitive_posting(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(
        url(cast, "penempatan_create"),
        {
            "pegawai": cast.atasan.pk,
            "jabatan": cast.j_sekretaris.pk,
            "jenis": "PLT",
            "mulai": "2026-06-01",
            "selesai": "2026-08-31",
        },
    )
    assert response.status_code == 302
    assert _posting(cast.atasan).jabatan == cast.j_kasubag
    plt = Penempatan.objects.get(pegawai=cast.atasan, jenis=JenisPenempatan.PLT)
    assert (plt.jabatan, plt.mulai, plt.selesai) == (cast.j_sekretaris, date(2026, 6, 1), date(2026, 8, 31))


def test_penempatan_form_errors_never_crash(client, cast):
    client.force_login(cast.admin_opd)
    before = Penempatan.objects.count()
    base = {"pegawai": cast.pegawai.pk, "jabatan": cast.j_kasubag.pk, "jenis": "DEFINITIF", "mulai": "2026-03-01"}
    filled = client.post(url(cast, "penempatan_create"), base)
    assert "sudah diisi" in filled.context["form"].errors["jabatan"][0]
    backwards = client.post(url(cast, "penempatan_create"), {**base, "jenis": "PLH", "selesai": "2026-02-01"})
    assert backwards.context["form"].errors["selesai"] == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    cases = {
        "jabatan": {**base, "jabatan": cast.j_badan_staf.pk},
        "pegawai": {**base, "pegawai": cast.pegawai_lain.pk},
        "mulai": {**base, "mulai": "1 Maret"},
        "jenis": {**base, "jenis": "SELAMANYA"},
    }
    for field, data in cases.items():
        response = client.post(url(cast, "penempatan_create"), data)
        assert response.status_code == 200 and field in response.context["form"].errors, field
    assert Penempatan.objects.count() == before
    _posting(cast.pegawai)  # still open


def test_hr_pemda_moves_a_pegawai_to_another_opd(client, cast):
    client.force_login(cast.hr)
    response = client.post(
        url(cast, "penempatan_create"),
        {"pegawai": cast.pegawai_lain.pk, "jabatan": cast.j_staf.pk, "jenis": "DEFINITIF", "mulai": "2026-04-01"},
    )
    assert response.status_code == 302
    cast.pegawai_lain.refresh_from_db()
    assert cast.pegawai_lain.opd == cast.dinas
    assert _posting(cast.pegawai_lain).jabatan == cast.j_staf


def test_admin_opd_ends_a_posting(client, cast):
    posting = _posting(cast.pegawai)
    client.force_login(cast.admin_opd)
    page = client.get(url(cast, "penempatan_end"))
    assert page.context["form"].initial["selesai"] == today()
    response = client.post(url(cast, "penempatan_end"), {"selesai": "2026-10-31", "keterangan": "pensiun"})
    assert response.status_code == 302 and response.url == url(cast, "pegawai_detail")
    posting.refresh_from_db()
    assert (posting.selesai, posting.keterangan) == (date(2026, 10, 31), "pensiun")
    log = AuditLog.objects.get(objek_id=str(posting.pk), aksi="penempatan:akhiri")
    assert log.sesudah == {"selesai": "2026-10-31", "keterangan": "pensiun"}


def test_ending_a_posting_refuses_bad_dates_and_a_second_end(client, cast):
    posting = _posting(cast.pegawai)
    client.force_login(cast.admin_opd)
    end = url(cast, "penempatan_end")
    before_start = client.post(end, {"selesai": "2019-12-31"})
    assert before_start.context["form"].errors["selesai"] == [
        "Tanggal selesai tidak boleh sebelum tanggal mulai (01-01-2020)."
    ]
    assert "selesai" in client.post(end, {"selesai": "31-31-2026"}).context["form"].errors
    assert "selesai" in client.post(end, {}).context["form"].errors
    posting.refresh_from_db()
    assert posting.selesai is None
    assert client.post(end, {"selesai": "2026-10-31"}).status_code == 302
    again = client.post(end, {"selesai": "2026-11-01"})
    assert again.status_code == 200
    assert again.context["form"].non_field_errors() == ["Penempatan ini sudah diakhiri sebelumnya."]
    posting.refresh_from_db()
    assert posting.selesai == date(2026, 10, 31)
    assert "sudah punya tanggal selesai" in client.get(end).content.decode()


def test_ending_a_posting_of_someone_outside_the_pegawai_scope_goes_back_to_the_list(client, cast):
    # A Plt from the badan on a dinas post: the admin OPD sees the posting but not the person.
    plh = PenempatanFactory(
        pegawai=cast.pegawai_lain, jabatan=cast.j_sekretaris, jenis=JenisPenempatan.PLH, mulai=date(2026, 5, 1)
    )
    client.force_login(cast.admin_opd)
    response = client.post(reverse("org:penempatan_end", args=[plh.pk]), {"selesai": "2026-05-10"})
    assert response.status_code == 302 and response.url == reverse("org:penempatan_list")
    plh.refresh_from_db()
    assert plh.selesai == date(2026, 5, 10)


@pytest.mark.parametrize("name", ["unit_list", "jabatan_list", "pegawai_list", "penempatan_list"])
def test_lists_cost_the_same_queries_for_5_or_30_rows(client, cast, name, django_assert_max_num_queries):
    client.force_login(cast.hr)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse(f"org:{name}"))
    for i in range(25):
        unit = JabatanFactory(unit__pemda=cast.pemda, unit__parent=cast.dinas, nama=f"Jabatan {i}", parent=cast.j_kadis)
        posted(unit, nama=f"Staf {i:02d}")
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert len(rows(client.get(reverse(f"org:{name}")))) == 25
    assert len(many.captured_queries) == len(few.captured_queries)


def test_links_carry_plain_ids_even_above_a_thousand(client, cast):
    # Indonesian number format writes 12.345; a query string must keep 12345.
    big = PegawaiFactory(pk=12345, pemda=cast.pemda, nama="Nomor Besar")
    jabatan = JabatanFactory(pk=23456, unit=UnitFactory(pk=34567, pemda=cast.pemda, parent=cast.dinas), kelas=3)
    for i in range(4):
        posted(jabatan, nama=f"Pemegang {i}")
    PenempatanFactory(pegawai=big, jabatan=jabatan)
    client.force_login(cast.admin_opd)
    assert "?pegawai=12345" in client.get(reverse("org:pegawai_detail", args=[12345])).content.decode()
    html = client.get(reverse("org:jabatan_list")).content.decode()
    assert "unit=34567" in html
    assert client.get(reverse("org:penempatan_create"), {"pegawai": 12345}).context["form"].initial["pegawai"] == big
