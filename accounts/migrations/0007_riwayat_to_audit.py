"""The organisation's change history (RiwayatPerubahan) joins the audit trail (core.AuditLog, issue 15):
each old row is appended to its pemda's hash chain in the order it was written, then the table goes."""

from django.db import migrations


def riwayat_to_audit(apps, schema_editor):
    from core.audit import AWAL, hash_of

    Riwayat = apps.get_model("accounts", "RiwayatPerubahan")
    AuditLog = apps.get_model("core", "AuditLog")
    User = apps.get_model("accounts", "User")
    names = {u.pk: u.username for u in User.objects.all().only("pk", "username")}
    ends = {}
    rows = []
    for r in Riwayat.objects.order_by("waktu", "pk").iterator(chunk_size=2000):
        if r.pemda_id not in ends:
            last = AuditLog.objects.filter(pemda_id=r.pemda_id).order_by("-seq").values_list("seq", "hash").first()
            ends[r.pemda_id] = last or (0, AWAL)
        seq, prev = ends[r.pemda_id]
        row = AuditLog(
            pemda_id=r.pemda_id,
            seq=seq + 1,
            waktu=r.waktu,
            actor_id=r.oleh_id,
            actor_nama=names.get(r.oleh_id, "sistem"),
            peran="",
            objek_tipe=f"accounts.{r.model}",
            objek_id=str(r.object_id),
            objek_repr="",
            pegawai_id=r.object_id if r.model == "pegawai" else None,
            aksi=f"{r.model}:{r.aksi}",
            sebelum={},
            sesudah=r.perubahan or {},
            request_id="",
            hash_sebelum=prev,
        )
        row.hash = hash_of(row)
        ends[r.pemda_id] = (row.seq, row.hash)
        rows.append(row)
    AuditLog.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_pemda_batas_diam"),
        ("core", "0002_auditlog"),
    ]

    operations = [
        migrations.RunPython(riwayat_to_audit, migrations.RunPython.noop),
        migrations.DeleteModel(name="RiwayatPerubahan"),
    ]
