"""A new pemda from its creation to its first closed TPP month, with nothing but the app's pages
(issue 16, "Done when"). Nothing is written to the database to set the stage: every row comes from a
form posted through Django's test client. The test reads the database only to assert, and to compute
the code an authenticator app would show for the device the page created.

The story, on the pinned clock (WITA):
  Mon 2 Nov 2026   superadmin creates Kabupaten Contoh and its first HR; the HR activates, sets up
                   the authenticator, builds the organisation (an OPD, kepala > kasubag > staf),
                   registers three pegawai who activate, gives admin OPD to the kasubag, sets the
                   rules (TPP, activities, attendance) from 1 November.
  2-4 Nov          the staf logs and submits activities; the kasubag verifies, the kepala validates.
  Mon 16 Nov       HR previews the activities rule 300 -> 270 minutes a day from 16 November, saves it,
                   and calculates November so far: the rows equal the preview's "after".
  Tue 1 Dec        HR calculates November and closes it.

The month jobs (tpp_hitung, tpp_tutup) are started by the month pages and run by a real Celery worker
in this process (celery.contrib.testing.worker, as tests/browser/test_tpp_journey.py does), so the test
is transactional: the pages send their tasks on commit. The worker runs only while a job is awaited; the
tasks the story sent before (a posting's reassignment) wait in the queue and run first.
"""

import os
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import JenisJabatan, JenisUnit, Role, StatusPegawai
from accounts.models import Jabatan, Pegawai, Pemda, PeriodeTutup, UnitKerja, User
from activities.choices import Status
from activities.models import Aktivitas, AturanAktivitas
from attendance.models import AturanPresensi
from core.models import AuditLog, Job
from core.templatetags.ekinerja_tags import rupiah
from tests.conftest import totp_code
from tests.helpers import ATURAN_KEJANGGALAN_POST, celery_worker, form_aktivitas, second_factor_pass, wait_for_job
from tests.tpp.test_views_hr import _aturan_post
from tpp.choices import StatusPeriode
from tpp.models import AturanTpp, BarisTpp, PeriodeTpp

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.faktor_kedua_asli,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)"),
]

WITA = ZoneInfo("Asia/Makassar")
SANDI = "Contoh-Sandi-Kuat-2026"
MASSAL = reverse("aktivitas:tindakan_massal")
KELAS = {"kepala": 14, "kasubag": 9, "staf": 5}
TPP_KELAS = {"kelas_5": "3100000", "kelas_9": "6000000", "kelas_14": "12000000"}


def pada(clock, day: date, hour: int = 9) -> None:
    """Walk the pinned clock to `day` at `hour` WITA (never backwards: TOTP codes are one-time)."""
    clock.move_to(datetime.combine(day, time(hour), tzinfo=WITA))


def masuk(login: str, sandi: str = SANDI) -> Client:
    """A fresh browser signing in with the form; a role holder with an authenticator types its code.
    (Each day starts a new session: the pemda's idle limit has ended yesterday's.)"""
    client = Client()
    response = client.post(reverse("login"), {"username": login, "password": sandi})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    device = TOTPDevice.objects.filter(user_id=client.session["_auth_user_id"], confirmed=True).first()
    if device is not None:
        assert client.get(reverse("beranda"))["Location"].startswith(reverse("faktor_periksa"))
        assert client.post(reverse("faktor_periksa"), {"kode": totp_code(device)}).status_code == 302
    return client


def pasang_faktor(client: Client, user: User) -> None:
    """The authenticator app set up as its owner does: open the page (it creates the device and shows
    the QR code), then type the code the phone shows."""
    assert client.get(reverse("faktor_pasang")).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("faktor_pasang"), {"kode": totp_code(device)}).status_code == 200
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def aktifkan(login: str, kode: str) -> None:
    """The public activation page: the code from the letter and a new password."""
    response = Client().post(
        reverse("aktivasi"), {"login": login, "kode": kode, "new_password1": SANDI, "new_password2": SANDI}
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def persiapan(hr: Client) -> dict[str, bool]:
    """HR's checklist page: each line's key and whether it needs nothing more."""
    response = hr.get(reverse("persiapan"))
    assert response.status_code == 200 and "Persiapan pemda" in response.content.decode()
    return {b.kunci: b.siap for b in response.context["baris"]}


def queue_ids(response) -> list[int]:
    return [a["pk"] for k in response.context["kelompok"] for h in k.hari for a in h.entri]


# --- 1. the superadmin: a pemda and its first HR --------------------------------------------------


def superadmin_membuat_pemda(superadmin: User) -> tuple[Pemda, str]:
    sa = Client()
    sa.force_login(superadmin)
    second_factor_pass(sa, superadmin)
    data = {"nama": "Kabupaten Contoh", "jenis": "KABUPATEN", "kode": "ctoh", "zona_waktu": "Asia/Makassar"}
    response = sa.post(reverse("org:pemda_create"), data)
    pemda = Pemda.objects.get(kode="CTOH")
    assert response.status_code == 302 and pemda.zona_waktu == "Asia/Makassar"
    letter = sa.post(reverse("org:pemda_hr", args=[pemda.pk]), {"nama": "Rina Contoh", "username": "hr.contoh"})
    assert letter.status_code == 200
    kode = letter.context["kode"].kode_tampil
    assert kode in letter.content.decode()
    return pemda, kode


def hr_mengaktifkan_akun(kode: str) -> tuple[Client, User]:
    aktifkan("hr.contoh", kode)
    hr = Client()
    assert hr.post(reverse("login"), {"username": "hr.contoh", "password": SANDI}).status_code == 302
    assert hr.get(reverse("org:peran"))["Location"] == reverse("faktor_pasang")  # the second factor first
    user = User.objects.get(username="hr.contoh")
    pasang_faktor(hr, user)
    assert hr.get(reverse("org:peran")).status_code == 200
    return hr, user


# --- 2. HR builds the organisation ------------------------------------------------------------------


def hr_membangun_organisasi(hr: Client) -> dict[str, Jabatan]:
    data = {"nama": "Dinas Kominfo Contoh", "jenis": JenisUnit.PERANGKAT_DAERAH}
    response = hr.post(reverse("org:unit_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    opd = UnitKerja.objects.get(nama="Dinas Kominfo Contoh")
    jabatan: dict[str, Jabatan] = {}
    for kunci, nama, jenis, eselon, atasan in (
        ("kepala", "Kepala Dinas Kominfo", JenisJabatan.JPT, "II.b", None),
        ("kasubag", "Kepala Subbagian Umum", JenisJabatan.PENGAWAS, "IV.a", "kepala"),
        ("staf", "Pengadministrasi Perkantoran", JenisJabatan.PELAKSANA, "", "kasubag"),
    ):
        data = {"unit": opd.pk, "nama": nama, "jenis": jenis, "eselon": eselon, "kelas": KELAS[kunci],
                "parent": jabatan[atasan].pk if atasan else ""}  # fmt: skip
        response = hr.post(reverse("org:jabatan_create"), data)
        assert response.status_code == 302, response.context["form"].errors
        jabatan[kunci] = Jabatan.objects.get(nama=nama, pemda=opd.pemda)
    assert jabatan["staf"].parent == jabatan["kasubag"] and jabatan["kasubag"].parent == jabatan["kepala"]
    return jabatan


NIP = {"kepala": "197501012000031001", "kasubag": "198203152006042002", "staf": "199507202020121003"}
NAMA = {"kepala": "Andi Kepala", "kasubag": "Siti Kasubag", "staf": "Budi Staf"}


def hr_mendaftarkan_pegawai(hr: Client, jabatan: dict[str, Jabatan]) -> dict[str, Pegawai]:
    """Three pegawai, each on their post from 1 November; each activates with the code the page shows."""
    pegawai = {}
    for kunci in ("kepala", "kasubag", "staf"):
        data = {"nip": NIP[kunci], "nama": NAMA[kunci], "status": StatusPegawai.PNS,
                "golongan": {"kepala": "IV/b", "kasubag": "III/c", "staf": "II/c"}[kunci],
                "kedudukan_hukum": "01", "gaji_dasar": "3500000", "jabatan": jabatan[kunci].pk,
                "mulai": "2026-11-01", "jenis_penempatan": "DEFINITIF"}  # fmt: skip
        response = hr.post(reverse("org:pegawai_create"), data)
        assert response.status_code == 200 and "kode" in response.context, response.context["form"].errors
        kode = response.context["kode"]
        assert kode.kode_tampil in response.content.decode()
        aktifkan(NIP[kunci], kode.kode_tampil)
        pegawai[kunci] = Pegawai.objects.get(nip=NIP[kunci])
        assert pegawai[kunci].user.has_usable_password()
    return pegawai


def hr_memberi_peran(hr: Client, hr_user: User, kasubag: Pegawai) -> None:
    found = hr.get(reverse("org:peran"), {"q": "kasubag"})
    assert list(found.context["form"].fields["pegawai"].queryset) == [kasubag]
    opd = kasubag.penempatan.get().jabatan.opd
    given = hr.post(reverse("org:peran"), {"pegawai": kasubag.pk, "role": Role.ADMIN_OPD, "opd": opd.pk})
    assert given.status_code == 302
    kasubag.user.refresh_from_db()
    assert (kasubag.user.role, kasubag.user.opd) == (Role.ADMIN_OPD, opd)
    # nobody acts on themselves: the HR cannot take their own role away (the pemda's only HR, too)
    own = hr.post(reverse("org:peran_cabut", args=[hr_user.pk]))
    assert own.status_code == 403 and "Anda sendiri" in own.content.decode()
    hr_user.refresh_from_db()
    assert hr_user.role == Role.HR_PEMDA and hr_user.is_active


# --- 3. HR sets the rules ---------------------------------------------------------------------------


def _aktivitas_post(**over) -> dict:
    # verifikasi_final_di_puncak left off: the kepala validates what the kasubag verified
    data = {"berlaku_mulai": "2026-11-01", "catatan": "Perbup Contoh 1/2026", "menit_per_hari": "300",
            "batas_input_hari_kerja": "3", "batas_tunggu_hari_kerja": "5",
            "pengingat_tutup_hari_kerja": "3"}  # fmt: skip
    return data | ATURAN_KEJANGGALAN_POST | over


def _presensi_post(**over) -> dict:
    # blokir_aktivitas left off: the pemda has no attendance machine yet, so every day of the staf is
    # "tanpa keterangan" once final, and a blocking rule would refuse the entries of those days
    data = {"berlaku_mulai": "2026-11-01", "catatan": "Perbup Contoh 2/2026", "batas_tl1": "30", "batas_tl2": "60",
            "batas_tl3": "90", "uang_makan_maks_hari": "22", "absen_api_maks_hari_lalu": "31",
            "absen_api_maks_hari_depan": "1"}  # fmt: skip
    data |= {"tarif_I": "35000", "tarif_II": "35000", "tarif_III": "37000", "tarif_IV": "41000"}
    data |= {"pph_I": "0", "pph_II": "0", "pph_III": "5", "pph_IV": "15"}
    return data | over


def hr_menetapkan_aturan(hr: Client) -> None:
    response = hr.post(reverse("tpp:aturan_create"), _aturan_post(berlaku_mulai="2026-11-01", **TPP_KELAS))
    assert response.status_code == 302, response.context["form"].errors
    response = hr.post(reverse("tpp:aturan_aktivitas_create"), _aktivitas_post())
    assert response.status_code == 302, response.context["form"].errors
    response = hr.post(reverse("tpp:aturan_presensi_create"), _presensi_post())
    assert response.status_code == 302, response.context["form"].errors
    assert hr.get(reverse("tpp:aturan_list")).status_code == 200
    assert "Perbup Contoh 1/2026" in hr.get(reverse("tpp:aturan_aktivitas_list")).content.decode()
    assert "Perbup Contoh 2/2026" in hr.get(reverse("tpp:aturan_presensi_list")).content.decode()


# --- 4. November: entries, verification, validation ------------------------------------------------


def staf_mengisi_aktivitas(staf: Client, day: date, menit: int) -> None:
    jam_selesai = f"{8 + menit // 60:02d}:{menit % 60:02d}"
    data = form_aktivitas(tanggal=day.isoformat(), jam_mulai="08:00", jam_selesai=jam_selesai,
                          menit_diajukan=str(menit), nama_kegiatan="Mengelola surat masuk", ajukan="1")  # fmt: skip
    response = staf.post(reverse("aktivitas:tambah"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def atasan_memverifikasi(kasubag: Client) -> int:
    queue = kasubag.get(reverse("aktivitas:antrean_verifikasi"))
    ids = queue_ids(queue)
    assert ids
    response = kasubag.post(MASSAL, {"aksi": "verifikasi", "ids": ids, "kembali": "verifikasi"})
    assert response.status_code == 302
    return len(ids)


def atasan_atasan_memvalidasi(kepala: Client) -> int:
    queue = kepala.get(reverse("aktivitas:antrean_validasi"))
    ids = queue_ids(queue)
    assert ids
    response = kepala.post(MASSAL, {"aksi": "validasi", "ids": ids, "kembali": "validasi"})
    assert response.status_code == 302
    return len(ids)


# --- 5. a rule changed mid-month -------------------------------------------------------------------


def hr_mempratinjau_lalu_menyimpan(hr: Client, data: dict):
    """The rule form's "Pratinjau" (a box with the people and rupiah that move; nothing saved, nothing
    typed lost), then "Simpan". Returns the preview."""
    tulisan = (AturanAktivitas.objects.count(), AuditLog.objects.count(), BarisTpp.objects.count())
    response = hr.post(reverse("tpp:aturan_aktivitas_create"), data | {"aksi": "pratinjau"})
    assert response.status_code == 200
    assert (AturanAktivitas.objects.count(), AuditLog.objects.count(), BarisTpp.objects.count()) == tulisan
    pratinjau = response.context["pratinjau"]
    html = response.content.decode()
    assert 'data-testid="pratinjau"' in html and f"TPP {pratinjau.tpp_berubah} pegawai berubah" in html
    for rp in (pratinjau.tpp_sebelum, pratinjau.tpp_sesudah, pratinjau.tpp_selisih):
        assert rupiah(rp) in html
    assert response.context["form"].data["catatan"] == data["catatan"]
    assert hr.post(reverse("tpp:aturan_aktivitas_create"), data).status_code == 302
    return pratinjau


# --- 6. the month -----------------------------------------------------------------------------------


def job_dijalankan(kind: str, response) -> Job:
    """The job a month page started, run by a worker (the page redirects to the job's progress page)."""
    job = Job.objects.filter(kind=kind).latest("pk")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    with celery_worker():
        wait_for_job(job)
    assert job.status == Job.Status.DONE, (job.message, job.error)
    return job


def hr_menghitung(hr: Client, tahun: int, bulan: int) -> dict[int, BarisTpp]:
    job = job_dijalankan("tpp_hitung", hr.post(reverse("tpp:bulan_hitung", args=[tahun, bulan])))
    assert hr.get(reverse("job_detail", args=[job.pk])).status_code == 200
    periode = PeriodeTpp.objects.get(tahun=tahun, bulan=bulan)
    return {b.pegawai_id: b for b in BarisTpp.objects.filter(periode=periode)}


def hr_menutup(hr: Client, tahun: int, bulan: int) -> None:
    page = hr.get(reverse("tpp:bulan_tutup", args=[tahun, bulan]))
    assert page.status_code == 200 and "Ya, tutup bulan ini" in page.content.decode()
    job_dijalankan("tpp_tutup", hr.post(reverse("tpp:bulan_tutup", args=[tahun, bulan])))


# --- the journey ------------------------------------------------------------------------------------


def test_a_new_pemda_from_creation_to_its_first_closed_month(cast, _pinned_clock):
    senin = date(2026, 11, 2)
    pada(_pinned_clock, senin)

    # 1. the pemda, its HR, the HR's authenticator
    pemda, kode_hr = superadmin_membuat_pemda(cast.superadmin)
    hr, hr_user = hr_mengaktifkan_akun(kode_hr)
    awal = persiapan(hr)
    assert not any(awal[k] for k in ("organisasi", "aturan_tpp", "aturan_aktivitas", "aturan_presensi"))
    assert awal["faktor"]  # the only role holder, the HR, has set up the authenticator

    # 2. the organisation, three pegawai, an admin OPD
    jabatan = hr_membangun_organisasi(hr)
    assert persiapan(hr)["organisasi"]
    pegawai = hr_mendaftarkan_pegawai(hr, jabatan)
    hr_memberi_peran(hr, hr_user, pegawai["kasubag"])
    assert not persiapan(hr)["faktor"]  # the new admin OPD has no authenticator yet

    # 3. the rules from 1 November
    hr_menetapkan_aturan(hr)
    siap = persiapan(hr)
    assert siap["aturan_tpp"] and siap["aturan_aktivitas"] and siap["aturan_presensi"]

    # the kasubag signs in: as an admin OPD, the authenticator first
    kasubag = masuk(NIP["kasubag"])
    assert kasubag.get(reverse("aktivitas:antrean_verifikasi"))["Location"].startswith(reverse("faktor_pasang"))
    pasang_faktor(kasubag, pegawai["kasubag"].user)
    assert persiapan(hr)["faktor"]

    # 4. three working days of entries, each verified and validated the next morning
    harian = {date(2026, 11, 2): 240, date(2026, 11, 3): 300, date(2026, 11, 4): 180}
    for day, menit in harian.items():
        pada(_pinned_clock, day, 15)
        staf_mengisi_aktivitas(masuk(NIP["staf"]), day, menit)
    pada(_pinned_clock, date(2026, 11, 5))
    assert atasan_memverifikasi(masuk(NIP["kasubag"])) == 3
    assert atasan_atasan_memvalidasi(masuk(NIP["kepala"])) == 3
    entri = Aktivitas.objects.filter(pegawai=pegawai["staf"])
    assert sorted(entri.values_list("status", flat=True)) == [Status.VALIDATED] * 3
    divalidasi = sum(entri.values_list("menit", flat=True))
    assert divalidasi == sum(harian.values()) == 720

    # 5. mid-month: 300 -> 270 minutes a day from 16 November, previewed, then saved
    pada(_pinned_clock, date(2026, 11, 16))
    hr = masuk("hr.contoh")
    ubah = _aktivitas_post(berlaku_mulai="2026-11-16", catatan="Perbup Contoh 3/2026", menit_per_hari="270")
    pratinjau = hr_mempratinjau_lalu_menyimpan(hr, ubah)
    # only the staf has validated minutes: fewer minutes a day owed, a larger capaian, more TPP
    assert (pratinjau.pegawai, pratinjau.tpp_berubah) == (3, 1) and pratinjau.tpp_sesudah > pratinjau.tpp_sebelum
    [staf_p] = pratinjau.terbesar
    assert staf_p.nama == pegawai["staf"].nama_lengkap and staf_p.tpp_sesudah > staf_p.tpp_sebelum
    versi_270 = AturanAktivitas.objects.get(pemda=pemda, berlaku_mulai=date(2026, 11, 16))
    assert versi_270.menit_per_hari == 270
    # November calculated the same day: what the preview promised ("after") is what the payroll pays
    rows_16 = hr_menghitung(hr, 2026, 11)
    assert sum(b.neto for b in rows_16.values()) == pratinjau.tpp_sesudah
    assert rows_16[pegawai["staf"].pk].neto == staf_p.tpp_sesudah
    assert rows_16[pegawai["staf"].pk].aturan_aktivitas == versi_270

    # 6. 1 December: November calculated and closed through the month pages
    pada(_pinned_clock, date(2026, 12, 1))
    hr = masuk("hr.contoh")
    rows = hr_menghitung(hr, 2026, 11)
    dihitung = {pid: b.neto for pid, b in rows.items()}
    hr_menutup(hr, 2026, 11)
    periode = PeriodeTpp.objects.get(pemda=pemda, tahun=2026, bulan=11)
    assert periode.status == StatusPeriode.CLOSED
    assert PeriodeTutup.objects.filter(pemda=pemda, tahun=2026, bulan=11).exists()
    rows = {b.pegawai_id: b for b in BarisTpp.objects.filter(periode=periode)}
    assert set(rows) == {x.pk for x in pegawai.values()}
    assert {pid: b.neto for pid, b in rows.items()} == dihitung  # closing recalculates: nothing moved
    # No entry, rule or attendance day changed after the preview, yet the staf's closed amount is not
    # its "after": the preview (like any calculation in a running month) owes the minutes of the working
    # days so far (11 on 16 November), the closed month those of all 21. The people who did not move
    # keep the preview's amount.
    assert rows_16[pegawai["staf"].pk].capaian == round(Decimal(720) / (11 * 270), 6)
    assert dihitung[pegawai["staf"].pk] < staf_p.tpp_sesudah
    assert sum(dihitung.values()) - dihitung[pegawai["staf"].pk] == pratinjau.tpp_sesudah - staf_p.tpp_sesudah
    staf_row = rows[pegawai["staf"].pk]
    assert staf_row.menit_valid == divalidasi and staf_row.menit_per_hari == 270
    aturan_tpp = AturanTpp.objects.get(pemda=pemda)
    aturan_presensi = AturanPresensi.objects.get(pemda=pemda)
    for b in rows.values():  # the versions in force at the month's end
        assert (b.aturan, b.aturan_aktivitas, b.aturan_presensi) == (aturan_tpp, versi_270, aturan_presensi)
    # November 2026 has 21 working days (no holidays recorded): 720 of 21 x 270 minutes
    assert staf_row.capaian == round(Decimal(720) / (21 * 270), 6)
    assert [(rows[pegawai[k].pk].menit_valid, rows[pegawai[k].pk].capaian) for k in ("kepala", "kasubag")] == [
        (0, 0), (0, 0),
    ]  # fmt: skip
    akhir = persiapan(hr)
    assert all(akhir[k] for k in ("organisasi", "penempatan", "atasan", "aturan_tpp", "aturan_presensi", "aktivasi"))
    assert not akhir["pin"] and not akhir["libur"]  # what this story never set up stays on the list
    page = hr.get(reverse("tpp:bulan"), {"bulan": "2026-11"})
    assert page.status_code == 200 and page.context["periode"].status == StatusPeriode.CLOSED
    # the staf reads the closed month and the versions it used
    rincian = masuk(NIP["staf"]).get(reverse("tpp:rincian_saya"), {"bulan": "2026-11"}).content.decode()
    assert "Aturan aktivitas sejak 16 November 2026" in rincian and rupiah(staf_row.neto) in rincian

    # a rule version can no longer start inside the closed month
    late = hr.post(reverse("tpp:aturan_aktivitas_create"), _aktivitas_post(berlaku_mulai="2026-11-20"))
    assert late.status_code == 200 and "sudah ditutup" in " ".join(late.context["form"].errors["berlaku_mulai"])

    # the audit trail: who gave the role, who set each version, who closed the month
    def aktor(aksi: str) -> list[tuple[int, int]]:
        return list(AuditLog.objects.filter(aksi=aksi).order_by("pk").values_list("actor_id", "pemda_id"))

    assert aktor("pemda:buat") == [(cast.superadmin.pk, pemda.pk)]
    grant = AuditLog.objects.get(aksi="user:peran_beri")
    assert (grant.actor_id, grant.pegawai_id, grant.sesudah["role"]) == (hr_user.pk, pegawai["kasubag"].pk, "ADMIN_OPD")
    assert aktor("aturantpp:buat") == [(hr_user.pk, pemda.pk)]
    assert aktor("aturanaktivitas:buat") == [(hr_user.pk, pemda.pk)] * 2
    assert aktor("aturanpresensi:buat") == [(hr_user.pk, pemda.pk)]
    assert aktor("periodetpp:tutup") == [(hr_user.pk, pemda.pk)]
    assert {r.objek_id for r in AuditLog.objects.filter(aksi="aturanaktivitas:buat")} == {
        str(a.pk) for a in AturanAktivitas.objects.filter(pemda=pemda)
    }
