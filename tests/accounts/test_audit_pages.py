"""HR reads the audit trail: their pemda's rows only, searchable, exported to xlsx as text."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core import audit

pytestmark = pytest.mark.django_db


def test_hr_finds_a_change_by_the_pegawai_nip_and_exports_it(client, cast):
    audit.catat(
        "pegawai:ubah", cast.pegawai, actor=cast.admin_opd, sebelum={"golongan": "II/a"}, sesudah={"golongan": "II/b"}
    )
    audit.catat("pegawai:ubah", cast.atasan, actor=cast.admin_opd, sesudah={"golongan": "=1+1"})
    client.force_login(cast.hr)
    page = client.get(reverse("org:audit_list"), {"pegawai": cast.pegawai.nip_tampil})
    assert page.status_code == 200
    rows = list(page.context["page"])
    assert [r.pegawai_id for r in rows] == [cast.pegawai.pk]
    assert "II/a → II/b" in page.content.decode()
    assert "Admin OPD" in page.content.decode() and "ADMIN_OPD" not in page.content.decode()
    export = client.get(reverse("org:audit_ekspor"))
    ws = load_workbook(io.BytesIO(export.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert len(values) == 3 and values[0][0] == "Waktu"
    assert "golongan: =1+1" in [v[7] for v in values[1:]]  # a formula-looking value stays text
    assert all(ws.cell(r, 8).data_type == "s" for r in range(2, 4))


def test_hr_of_another_pemda_sees_none_of_it(client, cast):
    from accounts.choices import Role
    from tests.factories import PemdaFactory, UserFactory

    audit.catat("pegawai:ubah", cast.pegawai, actor=cast.admin_opd)
    other = UserFactory(role=Role.HR_PEMDA, pemda=PemdaFactory())
    client.force_login(other)
    assert list(client.get(reverse("org:audit_list")).context["page"]) == []
    client.force_login(cast.superadmin)
    assert len(list(client.get(reverse("org:audit_list")).context["page"])) == 1
