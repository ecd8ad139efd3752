"""Pushing to BKN against a local fake SIASN server: the exact JSON bodies, per-record state, a
failure retried with only the unsent records going again, and nothing sent twice."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from core.models import Job
from skp.bkn_jobs import KIND_KIRIM
from skp.bkn_push import bkn_push
from skp.models import BknKirim
from skp.tasks import bkn_push_task

from .bkn_seed import seed_quarter

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bkn-kinerjaperiodik-2026-tw1-dinas.json"
PATH = "/apisiasn/1.0/kinerjaperiodik/save"

pytestmark = pytest.mark.django_db


@dataclass
class FakeBkn:
    url: str = ""
    requests: list = field(default_factory=list)
    # pnsDinilaiId → how many more times to answer it with a failure
    gagal: dict = field(default_factory=dict)
    ditolak: set = field(default_factory=set)  # answered 200 with success false

    def bodies(self):
        return [json.loads(b) for _p, _h, b in self.requests]


@pytest.fixture
def fake_bkn(settings):
    fake = FakeBkn()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            fake.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            pns = json.loads(body).get("pnsDinilaiId")
            if fake.gagal.get(pns, 0) > 0:
                fake.gagal[pns] -= 1
                status, answer = 500, {"success": False, "message": "Internal error"}
            elif pns in fake.ditolak:
                status, answer = 200, {"success": False, "message": "Data tidak valid"}
            else:
                status, answer = 200, {"success": True, "message": "ok", "mapData": {"id": f"rw-{pns[-1]}"}}
            raw = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake.url = f"http://127.0.0.1:{server.server_port}"
    settings.BKN_API_URL = fake.url
    settings.BKN_API_TOKEN = "gateway-uji"
    settings.BKN_SSO_TOKEN = "sso-uji"
    yield fake
    server.shutdown()
    server.server_close()


def _push(cast):
    return bkn_push(pemda_id=cast.pemda.pk, tahun=2026, jenis="TRIWULAN", ke=1, opd_id=cast.dinas.pk)


def _state(p):
    k = BknKirim.objects.get(penilaian=p)
    return k.status, k.percobaan, k.bkn_id


def test_it_posts_the_exact_records_with_both_tokens_and_marks_them_sent(cast, fake_bkn):
    seeded = seed_quarter(cast)
    laporan = _push(cast)
    assert (laporan.terkirim, laporan.gagal) == (2, 0)
    assert fake_bkn.bodies() == json.loads(FIXTURE.read_text())
    path, headers, _body = fake_bkn.requests[0]
    assert path == PATH
    assert headers["authorization"] == "Bearer gateway-uji" and headers["auth"] == "bearer sso-uji"
    assert headers["content-type"] == "application/json"
    assert _state(seeded["kasubag"]) == ("TERKIRIM", 1, "rw-3")
    assert _state(seeded["staf"]) == ("TERKIRIM", 1, "rw-4")


def test_a_second_push_sends_nothing_twice(cast, fake_bkn):
    seed_quarter(cast)
    _push(cast)
    laporan = _push(cast)
    assert (laporan.terkirim, laporan.gagal, laporan.sudah) == (0, 0, 2)
    assert len(fake_bkn.requests) == 2


def test_a_failed_record_leaves_the_others_sent_and_goes_again_alone(cast, fake_bkn):
    seeded = seed_quarter(cast)
    fake_bkn.gagal = {"a1000000000000000000000000000004": 1}
    laporan = _push(cast)
    assert (laporan.terkirim, laporan.gagal) == (1, 1)
    assert laporan.galat == ["199004042015032004: HTTP 500: Internal error"]
    assert _state(seeded["kasubag"]) == ("TERKIRIM", 1, "rw-3")
    assert _state(seeded["staf"]) == ("GAGAL", 1, "")

    laporan = _push(cast)
    assert (laporan.terkirim, laporan.gagal, laporan.sudah) == (1, 0, 1)
    assert [b["pnsDinilaiId"] for b in fake_bkn.bodies()] == [
        "a1000000000000000000000000000003", "a1000000000000000000000000000004", "a1000000000000000000000000000004",
    ]  # fmt: skip
    assert fake_bkn.bodies()[2] == json.loads(FIXTURE.read_text())[1]
    assert _state(seeded["staf"]) == ("TERKIRIM", 2, "rw-4")


def test_success_false_in_a_200_answer_is_a_failure(cast, fake_bkn):
    seeded = seed_quarter(cast)
    fake_bkn.ditolak = {"a1000000000000000000000000000003"}
    laporan = _push(cast)
    assert (laporan.terkirim, laporan.gagal) == (1, 1)
    assert BknKirim.objects.get(penilaian=seeded["kasubag"]).pesan == "Data tidak valid"


def test_a_record_without_a_siasn_id_is_not_sent(cast, fake_bkn):
    seeded = seed_quarter(cast)
    cast.pegawai.__class__.objects.filter(pk=cast.pegawai.pk).update(siasn_id="")
    laporan = _push(cast)
    assert (laporan.terkirim, laporan.gagal) == (1, 1)
    assert len(fake_bkn.requests) == 1
    assert _state(seeded["staf"]) == ("GAGAL", 1, "")


def test_the_task_retries_until_bkn_accepts_and_reports(cast, fake_bkn):
    seeded = seed_quarter(cast)
    fake_bkn.gagal = {"a1000000000000000000000000000004": 2}
    params = {"pemda": cast.pemda.pk, "tahun": 2026, "jenis": "TRIWULAN", "ke": 1, "opd": cast.dinas.pk}
    job = Job.objects.create(kind=KIND_KIRIM, title="t", params=params, created_by=cast.hr, pemda=cast.pemda)
    result = bkn_push_task.apply(args=[job.pk]).get()
    assert result == {"terkirim": 2, "gagal": 0, "sudah": 0, "galat": []}  # for the whole job, retries included
    assert len(fake_bkn.requests) == 4  # 2 on the first run, then the failing one twice more
    assert _state(seeded["staf"]) == ("TERKIRIM", 3, "rw-4")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["percobaan"] == 3


def test_the_task_gives_up_after_its_retries_and_says_what_failed(cast, fake_bkn):
    seed_quarter(cast)
    fake_bkn.gagal = {"a1000000000000000000000000000004": 99}
    params = {"pemda": cast.pemda.pk, "tahun": 2026, "jenis": "TRIWULAN", "ke": 1, "opd": cast.dinas.pk}
    job = Job.objects.create(kind=KIND_KIRIM, title="t", params=params, created_by=cast.hr, pemda=cast.pemda)
    result = bkn_push_task.apply(args=[job.pk]).get()
    assert (result["terkirim"], result["gagal"]) == (1, 1)  # the first attempt sent one, one never went
    assert len(fake_bkn.requests) == 1 + 1 + 3  # both once, then the failing one on each of 3 retries
    job.refresh_from_db()
    assert job.message == "Terkirim 1, gagal 1, sudah terkirim sebelumnya 0."
