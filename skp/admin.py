from django.contrib import admin

from .models import KoefisienAngkaKredit, PengaturanSkp, Penilaian, PredikatOrganisasi, Rhk, Skp


@admin.register(Skp)
class SkpAdmin(admin.ModelAdmin):
    list_display = ("pegawai", "tahun", "mulai", "selesai", "penilai", "status")
    list_filter = ("tahun", "status")
    raw_id_fields = ("pegawai", "penilai", "jabatan")


@admin.register(Rhk)
class RhkAdmin(admin.ModelAdmin):
    list_display = ("uraian", "skp", "induk")
    raw_id_fields = ("skp", "induk")


@admin.register(Penilaian)
class PenilaianAdmin(admin.ModelAdmin):
    list_display = ("skp", "jenis", "ke", "hasil_kerja", "perilaku_kerja", "predikat")
    list_filter = ("jenis", "predikat")
    raw_id_fields = ("skp", "penilai")


admin.site.register(PengaturanSkp)
admin.site.register(KoefisienAngkaKredit)
admin.site.register(PredikatOrganisasi)
