"""`manage.py seed_demo`: the demo pemda is valid, deterministic and has the situations demos need."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils.timezone import localtime

from accounts import demo
from accounts.choices import JenisJabatan, JenisPenempatan, Role, StatusPegawai
from accounts.models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User
from accounts.rules import parse_nip
from accounts.selectors import atasan_atasan_of, atasan_of, penempatan_on
from activities.models import Aktivitas
from attendance import demo as absen_demo
from attendance.choices import StatusHari
from attendance.models import Absen, HariPresensi, ImporAbsen, PinMesin
from attendance.selectors_jadwal import hari_kerja_bulan
from tests.helpers import TODAY

STRUCTURAL = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def persona(username: str) -> Pegawai:
    return User.objects.get(username=username).pegawai


def holders(jabatan: Jabatan, on) -> list[Pegawai]:
    return [p.pegawai for p in penempatan_on(on=on).filter(jabatan=jabatan).select_related("pegawai")]


@pytest.fixture
def seeded(db):
    return seed()


def test_it_builds_tomohon_with_valid_unique_nips(seeded):
    pemda = Pemda.objects.get()
    assert (pemda.nama, pemda.kode, pemda.jenis) == ("Pemerintah Kota Tomohon", "7173", "KOTA")
    pegawai = list(Pegawai.objects.all())
    assert len(pegawai) == demo.DEFAULT_EMPLOYEES >= 150
    assert len({p.nip for p in pegawai}) == len(pegawai)
    for p in pegawai:
        info = parse_nip(p.nip)
        assert (info.tanggal_lahir, info.jenis_kelamin) == (p.tanggal_lahir, p.jenis_kelamin)
        assert (info.jenis == "PPPK") == (p.status == StatusPegawai.PPPK)
        assert 2_000_000 <= p.gaji_dasar <= 6_000_000
        p.full_clean()
    statuses = {p.status for p in pegawai}
    assert statuses == {StatusPegawai.PNS, StatusPegawai.CPNS, StatusPegawai.PPPK}
    assert sum(p.status == StatusPegawai.PNS for p in pegawai) > len(pegawai) / 2


def test_every_row_carries_its_pemda_and_opd(seeded, today):
    pemda = Pemda.objects.get()
    for model in (UnitKerja, Jabatan, Pegawai, Penempatan):
        assert not model.objects.exclude(pemda=pemda).exists()
    for unit in UnitKerja.objects.select_related("parent"):
        assert unit.opd_id == (unit.parent.opd_id if unit.parent else unit.pk)
        unit.full_clean()
    for jabatan in Jabatan.objects.select_related("unit"):
        assert jabatan.opd_id == jabatan.unit.opd_id
        jabatan.full_clean()
    for p in Pegawai.objects.all():
        definitif = p.penempatan.filter(jenis=JenisPenempatan.DEFINITIF).order_by("-mulai").first()
        assert p.opd_id == definitif.jabatan.opd_id
    setda = UnitKerja.objects.get(nama="Sekretariat Daerah")
    sekda = Jabatan.objects.get(nama="Sekretaris Daerah")
    assert (sekda.jenis, sekda.eselon, sekda.kelas, sekda.parent_id) == (JenisJabatan.JPT, "II.a", 15, None)
    assert UnitKerja.objects.filter(opd=setda, jenis="ASISTEN").count() == 3


def test_the_dikbud_chain_is_staff_kasubag_sekretaris_kadis(seeded):
    kadis = Jabatan.objects.get(nama="Kepala Dinas Pendidikan dan Kebudayaan")
    assert (kadis.eselon, kadis.kelas, kadis.parent.nama) == ("II.b", 14, "Sekretaris Daerah")
    staff = persona("pegawai").penempatan.get().jabatan
    kasubag = staff.parent
    sekretaris = kasubag.parent
    assert (staff.jenis, staff.nama) == (JenisJabatan.PELAKSANA, "Pengadministrasi Perkantoran")
    assert 5 <= staff.kelas <= 7
    assert (kasubag.nama, kasubag.eselon, kasubag.kelas) == ("Kepala Subbagian Umum dan Kepegawaian", "IV.a", 9)
    assert (sekretaris.eselon, sekretaris.kelas, sekretaris.parent) == ("III.a", 11, kadis)


def test_it_creates_exactly_the_persona_logins(seeded):
    admins = set(User.objects.exclude(role=Role.PEGAWAI).values_list("username", "role"))
    assert admins == {("adminopd", Role.ADMIN_OPD), ("hr", Role.HR_PEMDA), ("superadmin", Role.SUPERADMIN)}
    personas = {u.username: u for u in User.objects.filter(username__in=demo.PERSONAS)}
    assert set(personas) == set(demo.PERSONAS)
    assert personas["pegawai"].check_password("demo12345")
    assert len({u.password for u in personas.values()}) == 1  # one hash, for speed
    assert not any(u.wajib_ganti_password for u in personas.values())
    superadmin = personas["superadmin"]
    assert superadmin.is_staff and superadmin.is_superuser
    assert not Pegawai.objects.filter(user=superadmin).exists()
    adminopd = personas["adminopd"]
    assert adminopd.opd_id == adminopd.pegawai.opd_id == persona("pegawai").opd_id
    assert personas["hr"].pegawai.opd.singkatan == "BKPSDM"
    others = User.objects.exclude(username__in=demo.PERSONAS).select_related("pegawai")
    assert all(u.username == u.pegawai.nip and u.wajib_ganti_password for u in others)
    assert not any(u.has_usable_password() for u in others)


def test_the_persona_chain_runs_pegawai_atasan_atasan2(seeded, today):
    pegawai = persona("pegawai")
    assert atasan_of(pegawai, today) == persona("atasan")
    assert atasan_atasan_of(pegawai, today) == persona("atasan2")
    assert atasan_of(persona("adminopd"), today) == persona("atasan")


def test_the_plt_approves_under_the_vacant_sekretaris_post(seeded, today):
    plt = Penempatan.objects.select_related("jabatan", "pegawai").get(jenis=JenisPenempatan.PLT)
    assert plt.berlaku_pada(today)
    assert not penempatan_on(on=today).filter(jabatan=plt.jabatan, jenis=JenisPenempatan.DEFINITIF).exists()
    assert plt.pegawai.penempatan.filter(jenis=JenisPenempatan.DEFINITIF, jabatan__opd=plt.jabatan.opd).exists()
    kasubag = [p for child in plt.jabatan.children.all() for p in holders(child, today)]
    assert kasubag
    for p in kasubag:
        assert atasan_of(p, today) == plt.pegawai
    staff = [p for child in Jabatan.objects.filter(parent__parent=plt.jabatan) for p in holders(child, today)]
    assert staff
    for p in staff:
        assert atasan_atasan_of(p, today) == plt.pegawai


def test_a_vacant_post_passes_approval_to_the_next_one_up(seeded, today):
    held = penempatan_on(on=today).values("jabatan")
    vacant = Jabatan.objects.filter(jenis__in=STRUCTURAL).exclude(pk__in=held)
    assert vacant.count() == 1
    post = vacant.get()
    (next_up,) = holders(post.parent, today)
    below = [p for child in post.children.all() for p in holders(child, today)]
    assert below
    for p in below:
        assert atasan_of(p, today) == next_up


def test_the_mid_month_mutation_changes_the_atasan_from_the_16th(seeded, today):
    old = Penempatan.objects.select_related("pegawai").get(selesai__isnull=False)
    moved = old.pegawai
    new = moved.penempatan.exclude(pk=old.pk).get()
    sixteenth = today.replace(day=16)
    assert old.selesai == sixteenth - timedelta(days=1) and old.selesai.day == 15
    assert new.mulai == sixteenth and new.selesai is None
    assert new.jabatan.opd != old.jabatan.opd and moved.opd == new.jabatan.opd
    before, after = atasan_of(moved, sixteenth - timedelta(days=1)), atasan_of(moved, sixteenth)
    assert before is not None and after is not None and before != after


def test_if_empty_on_a_seeded_database_creates_nothing(seeded):
    counts = [m.objects.count() for m in (Pemda, UnitKerja, Jabatan, Pegawai, Penempatan, User)]
    out = seed(if_empty=True)
    assert [m.objects.count() for m in (Pemda, UnitKerja, Jabatan, Pegawai, Penempatan, User)] == counts
    assert "adminopd" in out and "demo12345" in out and "/aktivasi/" in out and "sandi awal = NIP" not in out


def test_it_refuses_a_seeded_database_without_if_empty(seeded):
    with pytest.raises(CommandError, match="sudah berisi pemda"):
        seed()
    assert Pemda.objects.count() == 1


def test_print_logins_only_prints(seeded):
    out = seed(print_logins=True)
    for username in demo.PERSONAS:
        assert username in out
    assert "Meiske Rumengan" in out and "Kepala Subbagian Umum dan Kepegawaian" in out


def test_print_logins_on_an_empty_database_says_so(db):
    assert "Belum ada akun demo" in seed(print_logins=True)
    assert not Pemda.objects.exists()


def test_it_is_deterministic(db):
    def snapshot():
        seed()
        return list(
            Pegawai.objects.order_by("nip").values_list(
                "nip", "nama", "golongan", "gaji_dasar", "penempatan__jabatan__nama"
            )
        )

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        first = snapshot()
        raise Rollback
    assert not Pemda.objects.exists()
    assert snapshot() == first


def test_it_builds_a_larger_pemda_on_request(db):
    seed(employees=1200)
    assert Pegawai.objects.count() == 1200
    assert Pegawai.objects.values("nip").distinct().count() == 1200
    assert UnitKerja.objects.filter(parent=None).count() > 6
    assert UnitKerja.objects.filter(jenis="KELURAHAN").exists()
    assert atasan_atasan_of(persona("pegawai"), TODAY) == persona("atasan2")
    # punches only for the personas and their units: the benchmark stays about as fast
    punching = set(PinMesin.objects.values_list("pegawai__user__username", flat=True))
    assert {"pegawai", "atasan", "atasan2", "adminopd", "hr"} <= punching
    assert len(punching) <= absen_demo.MAKS_PEGAWAI < Pegawai.objects.count()
    assert set(Absen.objects.values_list("pegawai__user__username", flat=True).distinct()) <= punching


def test_it_refuses_fewer_employees_than_the_core(db):
    with pytest.raises(CommandError, match="minimal"):
        seed(employees=50)
    assert not Pemda.objects.exists()


# --- attendance (issue 13: the recaps, the block rule and their pages have a month to show) ----------


def test_the_recent_weeks_of_punches_come_in_through_a_machine_file(seeded, today):
    impor = ImporAbsen.objects.get()
    assert (impor.nama_file, impor.dibuat_oleh.username) == ("1_attlog.dat", "hr")  # the real import path
    assert impor.jumlah_baru == Absen.objects.count() > 20 * len(Pegawai.objects.all())
    assert PinMesin.objects.count() == Pegawai.objects.count() == demo.DEFAULT_EMPLOYEES  # every one punches
    start, end = absen_demo.periode_absen(today)
    assert start <= today.replace(day=1) and end == today - timedelta(days=1)  # today's file comes tomorrow
    assert "Absen : " in seeded and f"{impor.jumlah_baru} rekaman mesin" in seeded

    # Wednesday 18 November: the month so far is 1–17 November, weekends included
    month = HariPresensi.objects.filter(tanggal__range=(today.replace(day=1), today))
    assert not month.filter(tanggal=today).exists()
    statuses = Counter(month.values_list("status", flat=True))
    assert statuses[StatusHari.HADIR] > statuses[StatusHari.TERLAMBAT] > statuses[StatusHari.TANPA_KETERANGAN] > 0
    # 7, 8, 14 and 15 November (Sunday the 1st comes before the file's first punch: not stored)
    assert statuses[StatusHari.LIBUR] == 4 * demo.DEFAULT_EMPLOYEES
    assert {h.tanggal.weekday() for h in month.filter(status=StatusHari.LIBUR)} == {5, 6}
    assert not any(localtime(w).weekday() >= 5 for w in Absen.objects.values_list("waktu", flat=True))
    assert month.filter(band_psw="PSW4").exists() and month.filter(band_tl="TL1").exists()
    # whoever logged work that day was there
    worked = set(Aktivitas.objects.filter(tanggal__lt=today).values_list("pegawai_id", "tanggal"))
    absent = set(month.filter(status=StatusHari.TANPA_KETERANGAN).values_list("pegawai_id", "tanggal"))
    assert len(worked) >= 16 and not worked & absent


def test_the_punches_are_the_same_every_run(seeded, today):
    pins = dict(PinMesin.objects.values_list("pegawai_id", "pin"))
    start, end = absen_demo.periode_absen(today)
    pemda = Pemda.objects.get()
    first = absen_demo.attlog_demo(pemda=pemda, pins=pins, start=start, end=end)
    assert first == absen_demo.attlog_demo(pemda=pemda, pins=pins, start=start, end=end)
    assert first.count(b"\n") == Absen.objects.count()


def test_the_unit_recap_of_the_demo_admin_shows_the_month(seeded, client, today):
    client.force_login(User.objects.get(username="adminopd"))
    response = client.get(reverse("presensi:rekap_unit"))
    assert response.status_code == 200
    rows = response.context["baris"]
    assert len(rows) > 20
    totals = Counter()
    for r in rows:
        totals.update(r.jumlah.nilai)
    assert totals[StatusHari.HADIR] > totals[StatusHari.TERLAMBAT] > 0 and totals[StatusHari.TANPA_KETERANGAN] > 0
    # every working day of the month so far is counted once (the recap counts working days only)
    pemda = Pemda.objects.get()
    kerja = len([d for d in hari_kerja_bulan(pemda_id=pemda.pk, tahun=today.year, bulan=today.month) if d < today])
    assert max(r.jumlah.hari_kerja for r in rows) in {kerja, kerja + 1}  # today: counted or not yet
    html = response.content.decode()
    late = next(r for r in rows if r.jumlah.nilai.get(StatusHari.TERLAMBAT))
    assert f'data-testid="baris-{late.pegawai.pk}"' in html


def test_the_demo_role_holders_have_the_published_authenticator_key(seeded):
    """README's key opens the demo's second factor for adminopd, hr and superadmin, and only theirs."""
    import base64

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.demo.seed import DEMO_TOTP_KEY_B32

    devices = TOTPDevice.objects.filter(confirmed=True).select_related("user")
    assert sorted(d.user.username for d in devices) == ["adminopd", "hr", "superadmin"]
    app = TOTP(base64.b32decode(DEMO_TOTP_KEY_B32))
    assert all(d.verify_token(f"{app.token():06d}") for d in devices)
