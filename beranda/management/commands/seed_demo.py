"""`manage.py seed_demo`: the demo pemda (the package accounts/demo), its activities (activities/demo.py), the
recent weeks of fingerprint punches (attendance/demo.py), SKP and TPP."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import demo
from activities.demo import seed_aktivitas, seed_kejanggalan
from activities.models import Aktivitas
from attendance.demo import seed_absen
from skp.demo import seed_skp
from tpp.demo import seed_tpp


class Command(BaseCommand):
    help = (
        'Build the demo pemda "Pemerintah Kota Tomohon" (deterministic) in an empty database and print '
        "the persona logins (pegawai, atasan, atasan2, adminopd, hr, superadmin; password "
        f"{demo.PASSWORD}). Other employees get the NIP as user name and are not activated (no password): "
        "an admin gives one an activation code on its pegawai page (or a sheet under Kelola > Aktivasi "
        "akun), which the employee types at /aktivasi/ to choose a password. Refuses when the database "
        "already holds a Pemda; use --if-empty to make that a no-op, or start from an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees",
            type=int,
            default=demo.DEFAULT_EMPLOYEES,
            help=f"number of employees (default {demo.DEFAULT_EMPLOYEES}; e.g. 10000 for a benchmark pemda)",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing (but print the logins) when a Pemda exists"
        )
        parser.add_argument("--print-logins", action="store_true", help="only print the persona logins")

    def handle(self, *args, employees, if_empty, print_logins, **options):
        today = timezone.localdate()
        if print_logins:
            self._print_logins(today)
            return
        started = time.monotonic()
        try:
            result = demo.seed_demo(employees=employees, today=today)
        except ValueError as e:
            raise CommandError(str(e)) from None
        except demo.DemoExists as e:
            if not if_empty:
                raise CommandError(f"{e} Pakai --if-empty, atau mulai dari database kosong.") from None
            self.stdout.write(f"{e} Tidak ada yang dibuat.")
            self._print_logins(today)
            return
        aktivitas = seed_aktivitas(pemda=result.pemda, today=today)
        bekerja = Aktivitas.objects.filter(pemda=result.pemda).values_list("pegawai_id", "tanggal")
        absen = seed_absen(pemda=result.pemda, today=today, bekerja=set(bekerja))  # before TPP: its cuts count
        seed_kejanggalan(pemda=result.pemda, today=today)  # after the attendance: its days are checked too
        seed_skp(pemda=result.pemda, today=today)
        seed_tpp(pemda=result.pemda, today=today)
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.pemda.nama}: {result.employees} pegawai, {result.units} unit kerja, "
                f"{result.jabatan} jabatan, {aktivitas} aktivitas ({seconds:.1f} detik)."
            )
        )
        if absen is not None:
            self.stdout.write(
                f"  Absen : {absen.baru} rekaman mesin {absen.pegawai} pegawai, "
                f"{absen.mulai:%d-%m-%Y} s.d. {absen.selesai:%d-%m-%Y} (diimpor dari berkas {absen.impor.nama_file})"
            )
        plt, mutasi = result.plt, result.mutasi
        self.stdout.write(
            f"  Plt   : {plt.pegawai.nama_lengkap} adalah Plt {plt.jabatan.nama} sejak {plt.mulai:%d-%m-%Y}\n"
            f"  Kosong: {result.vacant.nama} ({result.vacant.opd.nama}); bawahannya dinilai atasan berikutnya\n"
            f"  Mutasi: {mutasi.pegawai.nama_lengkap} ({mutasi.pegawai.nip}) pindah ke {mutasi.jabatan.nama}, "
            f"{mutasi.jabatan.opd.singkatan}, mulai {mutasi.mulai:%d-%m-%Y}"
        )
        self._print_logins(today)

    def _print_logins(self, today):
        rows = demo.persona_logins(today=today)
        if not rows:
            self.stdout.write("Belum ada akun demo (jalankan: manage.py seed_demo).")
            return
        head = ("Username", "Password", "Peran", "Nama", "Jabatan")
        table = [head, *[(r.username, r.password, r.role, r.nama, r.jabatan) for r in rows]]
        widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
        self.stdout.write("\nAkun demo:")
        for n, row in enumerate(table):
            self.stdout.write("  " + "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        self.stdout.write(
            "Pegawai lain: username = NIP; akunnya belum aktif. Admin membuat kode aktivasi (halaman pegawai,\n"
            "atau Kelola › Aktivasi akun), lalu pegawai mengaktifkannya di halaman Aktivasi akun (/aktivasi/)."
        )
