"""HR compares a SIASN export with E-Kinerja (issue 19): differences side by side, filter, xlsx; nothing written."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Pegawai
from tests.factories import posted

pytestmark = pytest.mark.django_db
URL = reverse("org:siasn_banding")
SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "siasn-export-sample.csv"
AGUS = "198511042010011003"


def _upload(client):
    berkas = SimpleUploadedFile("siasn.csv", SAMPLE.read_bytes(), content_type="text/csv")
    return client.post(URL, {"berkas": berkas})


def test_hr_sees_who_differs_and_nothing_is_written(client, cast):
    agus = posted(cast.j_staf, nip=AGUS, nama="AGUS TRI HARYANTO", golongan="II/c")
    before = list(Pegawai.objects.order_by("pk").values_list("pk", "golongan", "opd_id"))
    client.force_login(cast.hr)
    page = client.get(URL).content.decode()
    assert "SKP pegawai itu tidak dapat dinilai" in page
    assert _upload(client).status_code == 302
    response = client.get(URL)
    rows = {(b.nip, b.aspek): (b.ekinerja, b.siasn) for b in response.context["beda"]}
    assert rows[(AGUS, "golongan")] == ("II/c", "II/d")
    assert rows[(AGUS, "unit")] == ("Subbagian Umum", "Subbagian Umum dan Kepegawaian")
    assert (AGUS, "jabatan") not in rows  # same name, other case
    assert sum(1 for _nip, a in rows if a == "pegawai") == 3  # the other three are not in E-Kinerja
    assert list(Pegawai.objects.order_by("pk").values_list("pk", "golongan", "opd_id")) == before
    agus.refresh_from_db()
    assert agus.golongan == "II/c"

    filtered = client.get(URL, {"aspek": "golongan"}).context["beda"]
    assert [(b.nip, b.aspek) for b in filtered] == [(AGUS, "golongan")]

    xlsx = client.get(URL, {"aspek": "unit", "unduh": "xlsx"})
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(ws.values)
    assert values[0] == ("NIP", "Nama", "Beda", "E-Kinerja", "SIASN")
    assert values[1] == (AGUS, "AGUS TRI HARYANTO", "Unit kerja", "Subbagian Umum", "Subbagian Umum dan Kepegawaian")


def test_another_pemdas_pegawai_counts_as_absent(client, cast):
    from tests.factories import PegawaiFactory

    PegawaiFactory(nip=AGUS)  # another pemda
    client.force_login(cast.hr)
    _upload(client)
    rows = {(b.nip, b.aspek) for b in client.get(URL).context["beda"]}
    assert (AGUS, "pegawai") in rows and (AGUS, "golongan") not in rows


def test_the_template_file_is_refused(client, cast):
    client.force_login(cast.hr)
    berkas = SimpleUploadedFile("x.csv", b"NIP;Nama;Status;Golongan;TMT\n", content_type="text/csv")
    response = client.post(URL, {"berkas": berkas})
    assert response.status_code == 200 and "siasn_banding" not in client.session
