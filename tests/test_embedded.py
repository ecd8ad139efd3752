"""The embedded mode a newcomer gets from `make run` (SQLite, no Redis): submit, verify, and every
page of tests/helpers.PAGES work there too. The rest of the suite runs on PostgreSQL, so code that
hands values to the database by hand (raw SQL) is checked here on the other engine, in a process of
its own."""

import os
import subprocess
from pathlib import Path

from tests.helpers import MANAGE, on_this_clock

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import django
django.setup()
from django.test import Client
from django.urls import reverse
from accounts.models import User
from activities.models import Aktivitas
from core.dates import today
from tests.helpers import PAGES, form_aktivitas, second_factor_pass

assert django.db.connection.vendor == "sqlite"
user = User.objects.get(username="pegawai")
client = Client()
client.force_login(user)
form = form_aktivitas(
    jam_mulai="23:00", jam_selesai="23:30", nama_kegiatan="Uji mode tertanam", menit_diajukan="30",
    ajukan="1", kunci_idempotensi="0f8b2c1e-6d3a-4b7e-9a15-2c4d6e8f0a1b",
)
for _ in range(2):  # the same form sent twice (a double click): one entry
    response = client.post("/aktivitas/tambah/", form)
    assert response.status_code == 302 and "/tambah/" not in response["Location"], response.status_code
rows = Aktivitas.objects.filter(pegawai=user.pegawai, nama_kegiatan="Uji mode tertanam")
assert [r.status for r in rows] == ["SUBMITTED"], list(rows.values_list("status", flat=True))
entry = rows.get()

# the atasan finds it in the queue and verifies it
atasan = Client()
atasan.force_login(User.objects.get(username="atasan"))
queue = atasan.get(reverse("aktivitas:antrean_verifikasi"))
assert queue.status_code == 200 and "Uji mode tertanam" in queue.content.decode()
moved = atasan.post(
    reverse("aktivitas:tindak", args=[entry.pk]),
    {"aksi": "verifikasi", "dari": "SUBMITTED", "catatan": "", "next": reverse("aktivitas:antrean_verifikasi")},
)
assert moved.status_code == 302 and Aktivitas.objects.get(pk=entry.pk).status == "VERIFIED"

# the other hand-made writes: a month of attendance days recomputed, a month of TPP calculated
from datetime import timedelta
from attendance.models import HariPresensi
from attendance.services.hari import hari_recompute
from tpp.models import BarisTpp
from tpp.services import periode_ambil, tpp_periode_hitung

bulan_lalu = today().replace(day=1) - timedelta(days=1)
pegawai_ids = [user.pegawai.pk]
assert hari_recompute(pegawai_ids=pegawai_ids, start=bulan_lalu.replace(day=1), end=bulan_lalu) > 0
assert HariPresensi.objects.filter(pegawai_id=user.pegawai.pk, tanggal__month=bulan_lalu.month).exists()
hr = User.objects.get(username="hr")
periode = periode_ambil(pemda_id=hr.pemda_id, tahun=bulan_lalu.year, bulan=bulan_lalu.month)
assert tpp_periode_hitung(actor=hr, periode=periode) > 0
assert tpp_periode_hitung(actor=hr, periode=periode) == BarisTpp.objects.filter(periode=periode).count()

# the integration tokens: a read token reads the API, the punch endpoint refuses it (no "contains"
# lookup on SQLite: the permission is checked in Python)
from attendance.models import TokenIntegrasi
from attendance.services.absen import token_create

_t, baca = token_create(actor=hr, nama="Keuangan", izin=(TokenIntegrasi.IZIN_BACA,))
api = Client().get("/api/v1/pegawai/?per_halaman=2", HTTP_AUTHORIZATION=f"Bearer {baca}")
assert api.status_code == 200 and len(api.json()["data"]) == 2, api.content[:500]
assert Client().post("/presensi/api/absen/", "{}", content_type="application/json",
                     HTTP_AUTHORIZATION=f"Bearer {baca}").status_code == 401

# every page each persona opens answers on SQLite too
DEMO = {"pegawai": "pegawai", "atasan": "atasan", "admin_opd": "adminopd", "hr": "hr"}
failed = {}
for who, names in PAGES.items():
    c = Client()
    demo_user = User.objects.get(username=DEMO[who])
    c.force_login(demo_user)
    if demo_user.can_manage_org:
        second_factor_pass(c, demo_user)  # the code they would type (tests/test_faktor_kedua.py types it)
    for name in ["beranda", "aktivitas:hari_ini", *names]:
        status = c.get(reverse(name)).status_code
        if status != 200:
            failed[f"{who} {name}"] = status
assert failed == {}, failed
print("EMBEDDED-OK")
"""


def test_the_month_end_paths_and_every_page_work_in_the_embedded_mode(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {"EKINERJA_VAR_DIR": str(tmp_path), "DEBUG": "1", "ALLOWED_HOSTS": "testserver,127.0.0.1"}
    env |= {"DJANGO_SETTINGS_MODULE": "ekinerja.settings", "CELERY_TASK_ALWAYS_EAGER": "1"}
    # each process starts on the test's pinned clock: the demo, the form and "today" agree on the date
    for args in (["migrate", "-v", "0"], ["seed_demo", "-v", "0"]):
        done = subprocess.run(
            [*on_this_clock(MANAGE), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
    done = subprocess.run(on_this_clock(SCRIPT), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "EMBEDDED-OK" in done.stdout, done.stderr[-3000:]
