from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Jabatan, Pegawai, Pemda, Penempatan, RiwayatPerubahan, UnitKerja, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "role", "pemda", "opd", "is_active")
    list_filter = ("role", "pemda", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (("E-Kinerja", {"fields": ("role", "pemda", "opd", "wajib_ganti_password")}),)
    raw_id_fields = ("opd",)


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "kode")


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "opd", "pemda", "aktif")
    list_filter = ("pemda", "jenis", "aktif")
    search_fields = ("nama", "singkatan", "kode")
    raw_id_fields = ("parent", "opd")


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "eselon", "kelas", "unit", "opd")
    list_filter = ("pemda", "jenis", "kelas")
    search_fields = ("nama",)
    raw_id_fields = ("unit", "opd", "parent")


@admin.register(Pegawai)
class PegawaiAdmin(admin.ModelAdmin):
    list_display = ("nip", "nama", "golongan", "status", "opd")
    list_filter = ("pemda", "status", "kedudukan_hukum")
    search_fields = ("nip", "nama")
    raw_id_fields = ("user", "opd")


@admin.register(Penempatan)
class PenempatanAdmin(admin.ModelAdmin):
    list_display = ("pegawai", "jabatan", "jenis", "mulai", "selesai")
    list_filter = ("jenis",)
    search_fields = ("pegawai__nip", "pegawai__nama", "jabatan__nama")
    raw_id_fields = ("pegawai", "jabatan", "dibuat_oleh")


@admin.register(RiwayatPerubahan)
class RiwayatPerubahanAdmin(admin.ModelAdmin):
    list_display = ("waktu", "model", "object_id", "aksi", "oleh")
    list_filter = ("model", "aksi")
