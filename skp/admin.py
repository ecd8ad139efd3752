from django.contrib import admin

from core.admin import AuditedAdmin

from .models import KoefisienAngkaKredit, PengaturanSkp, Penilaian, PredikatOrganisasi, Rhk, Skp


@admin.register(Skp)
class SkpAdmin(AuditedAdmin):
    list_display = ("pegawai", "tahun", "mulai", "selesai", "penilai", "status")
    list_filter = ("tahun", "status")
    raw_id_fields = ("pegawai", "penilai", "jabatan")


@admin.register(Rhk)
class RhkAdmin(AuditedAdmin):
    list_display = ("uraian", "skp", "induk")
    raw_id_fields = ("skp", "induk")


@admin.register(Penilaian)
class PenilaianAdmin(AuditedAdmin):
    list_display = ("skp", "jenis", "ke", "hasil_kerja", "perilaku_kerja", "predikat")
    list_filter = ("jenis", "predikat")
    raw_id_fields = ("skp", "penilai")


admin.site.register([PengaturanSkp, KoefisienAngkaKredit, PredikatOrganisasi], AuditedAdmin)
