"""Demo activities for the seeded pemda, so that a newcomer finds filled days and waiting queues."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Pegawai, Pemda, User
from accounts.selectors import approval_chain, bawahan_of

from .choices import LingkupKatalog, Status
from .kejanggalan import bulan_terbuka, kejanggalan_periksa
from .models import Aktivitas, AktivitasLog, IzinPembantu, KegiatanKatalog, Pembantu
from .rules import menit_katalog
from .selectors_pembantu import unit_of

KATALOG_PEMDA = (
    ("Mengikuti rapat koordinasi", "rapat", 60),
    ("Menyusun laporan kegiatan", "laporan", 90),
    ("Mengikuti apel pagi", "kali", 15),
)
KATALOG_STAF = (
    ("Mengagendakan surat masuk", "surat", 5),
    ("Menyusun konsep surat dinas", "surat", 30),
    ("Mengarsipkan dokumen", "berkas", 10),
)
# (start, end, catalog index or None, volume or claimed minutes, uraian); each day's texts differ
# (issue 18 flags a text repeated on many days or by several people), `{t}` takes the day's topic
HARI = (
    (time(7, 30), time(7, 45), ("pemda", 2), 1, "Apel pagi"),
    (time(8, 0), time(9, 40), ("staf", 0), 20, "20 surat masuk dicatat"),
    (time(9, 45), time(11, 15), ("staf", 1), 3, "3 konsep surat {t}"),
    (time(13, 0), time(14, 0), ("pemda", 0), 1, "Notula rapat {t}"),
    (time(14, 0), time(15, 30), None, 80, "Berkas {t} diarsipkan menurut klasifikasi"),
)
TOPIK = (
    "undangan rapat koordinasi anggaran", "permohonan data pegawai ke BKPSDM", "balasan pengaduan warga soal jalan",
    "pengantar laporan keuangan triwulan", "perjalanan dinas kepala bidang", "sosialisasi aplikasi kepegawaian",
    "permintaan narasumber pelatihan", "realisasi kegiatan bulan lalu", "usulan kenaikan pangkat staf",
    "jadwal piket kebersihan kantor", "pemberitahuan libur nasional", "izin penggunaan aula",
    "rekap apel gabungan", "pelatihan komputer perkantoran", "tindak lanjut pemeriksaan inspektorat",
    "perbaikan pendingin ruangan", "pengadaan alat tulis kantor", "musrenbang kecamatan",
    "penggunaan kendaraan dinas", "pendampingan desa wisata",
)  # fmt: skip
# the demo's planted anomaly: one colleague files the same archive text every day (TEKS_BERULANG)
SALIN_TERUS = "Berkas surat masuk diarsipkan menurut klasifikasi"


def _previous_working_days(today: date, n: int) -> list[date]:
    days, d = [], today
    while len(days) < n:
        d -= timedelta(days=1)
        if d.weekday() < 5:
            days.append(d)
    return days


@transaction.atomic
def seed_aktivitas(*, pemda: Pemda, today: date) -> int:
    """Catalog items and a week of entries for the `pegawai` persona and their colleagues."""
    pegawai = Pegawai.objects.get(user__username="pegawai")
    atasan_user = User.objects.get(username="atasan")
    utama_jabatan = pegawai.penempatan.filter(selesai__isnull=True).first().jabatan
    pemda_items = [
        KegiatanKatalog.objects.create(pemda=pemda, lingkup=LingkupKatalog.PEMDA, nama=n, satuan=s, menit_per_satuan=m)
        for n, s, m in KATALOG_PEMDA
    ]
    staf_items = [
        KegiatanKatalog.objects.create(
            pemda=pemda,
            lingkup=LingkupKatalog.JABATAN,
            jabatan=utama_jabatan,
            opd_id=utama_jabatan.opd_id,
            nama=n,
            satuan=s,
            menit_per_satuan=m,
        )
        for n, s, m in KATALOG_STAF
    ]
    items = {"pemda": pemda_items, "staf": staf_items}
    colleagues = [p for p in bawahan_of(atasan_user.pegawai, today) if p.pk != pegawai.pk][:3]
    days = _previous_working_days(today, 5)
    # oldest days validated, then verified (waiting for validation), yesterday submitted (waiting for
    # verification), today a draft day in progress
    plan = [
        (days[4], Status.VALIDATED),
        (days[3], Status.VALIDATED),
        (days[2], Status.VERIFIED),
        (days[1], Status.VERIFIED),
        (days[0], Status.SUBMITTED),
    ]
    now = timezone.now()
    created = 0
    for index, person in enumerate([pegawai, *colleagues]):
        for day, status in plan + [(today, Status.DRAFT)]:
            diajukan = now
            if index == 3 and day == days[4]:
                # the demo's overdue day (issue 18): submitted that day and still waiting
                # in the atasan's queue, past the 3 working days: "Lewat batas" there, on the atasan's
                # atasan's "Lewat batas di bawahan" and in the atasan's Beranda pay cascade
                status, diajukan = Status.SUBMITTED, timezone.make_aware(datetime.combine(days[4], time(16, 0)))
            chain = approval_chain(person, day)
            verifikator = chain[0].pegawai if chain else None
            validator = chain[1].pegawai if len(chain) > 1 else None
            rows = HARI if status != Status.DRAFT else HARI[:2]
            for n, (start, end, ref, qty, uraian) in enumerate(rows):
                k = index * 5 + (days.index(day) if day in days else 0) + n * 7
                uraian = SALIN_TERUS if (index == 2 and ref is None) else uraian.format(t=TOPIK[k % len(TOPIK)])
                item = items[ref[0]][ref[1]] if ref else None
                minutes = menit_katalog(qty, item.menit_per_satuan) if item else qty
                a = Aktivitas.objects.create(
                    pemda=pemda,
                    pegawai=person,
                    tanggal=day,
                    jam_mulai=start,
                    jam_selesai=end,
                    katalog=item,
                    volume=qty if item else None,
                    nama_kegiatan=item.nama if item else "Membantu penataan arsip",
                    uraian=uraian,
                    menit_diajukan=minutes,
                    menit=minutes,
                    status=status,
                    verifikator=verifikator if status != Status.DRAFT else None,
                    validator=validator if status != Status.DRAFT else None,
                    diajukan_pada=diajukan if status != Status.DRAFT else None,
                    diverifikasi_pada=now if status in (Status.VERIFIED, Status.VALIDATED) else None,
                    divalidasi_pada=now if status == Status.VALIDATED else None,
                )
                steps = [(Status.DRAFT, Status.SUBMITTED, person, "OWNER")]
                if status in (Status.VERIFIED, Status.VALIDATED):
                    steps.append((Status.SUBMITTED, Status.VERIFIED, verifikator, "ATASAN"))
                if status == Status.VALIDATED:
                    steps.append((Status.VERIFIED, Status.VALIDATED, validator, "ATASAN_ATASAN"))
                for dari, ke, who, peran in steps if status != Status.DRAFT else []:
                    AktivitasLog.objects.create(aktivitas=a, dari=dari, ke=ke, oleh=who.user, peran=peran)
                created += 1
    _seed_pembantu(pemda=pemda, pegawai=pegawai, colleagues=colleagues, yesterday=days[0], since=days[-1])
    return created


def seed_kejanggalan(*, pemda: Pemda, today: date) -> int:
    """What the beat's anomaly check would find by now (issue 18), run once after the attendance
    is seeded: the atasan's queue shows the planted "Perlu dicek"."""
    hasil = [kejanggalan_periksa(pemda_id=pemda.pk, tahun=t, bulan=b) for t, b in bulan_terbuka(pemda.pk, today)]
    return sum(sum(h["kejanggalan"].values()) for h in hasil)


def _seed_pembantu(*, pemda: Pemda, pegawai: Pegawai, colleagues: list[Pegawai], yesterday: date, since: date):
    """Issue 17: HR named the `pegawai` persona the helper of their unit; the first colleague asked them,
    and that colleague's entries of yesterday (waiting in the atasan's queue) are the ones they typed:
    "Bantu rekan" has someone to help, the queue shows "dicatat oleh … atas nama …"."""
    if not colleagues:
        return
    hr = User.objects.filter(pemda=pemda, role=Role.HR_PEMDA).order_by("pk").first()
    unit_id = unit_of(pegawai, since)
    pembantu = Pembantu.objects.create(pemda=pemda, pegawai=pegawai, unit_id=unit_id, mulai=since, dibuat_oleh=hr)
    rekan = colleagues[0]
    IzinPembantu.objects.create(pemda=pemda, pegawai=rekan, pembantu=pembantu, unit_id=unit_of(rekan, yesterday))
    Aktivitas.objects.filter(pegawai=rekan, tanggal=yesterday).update(dicatat_oleh=pegawai.user)
