from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core import audit
from core.admin import AuditedAdmin

from . import faktor_kedua
from .models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "role", "pemda", "opd", "is_active")
    list_filter = ("role", "pemda", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (("E-Kinerja", {"fields": ("role", "pemda", "opd", "wajib_ganti_password")}),)
    raw_id_fields = ("opd",)
    actions = ["faktor_kedua_reset"]
    AUDIT = ("role", "pemda", "opd", "is_active", "is_staff", "is_superuser")  # access: logged when changed

    def save_model(self, request, obj, form, change):
        """Save, then log a change of role, pemda, OPD or activity (or a new account) on the audit trail,
        in the admin's transaction, as the superadmin who made it."""
        lama = User.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        sebelum, sesudah = {}, audit.nilai(obj, self.AUDIT)
        if lama is not None:
            sebelum, sesudah = audit.beda(audit.nilai(lama, self.AUDIT), sesudah)
        if sesudah or not change:
            pegawai_id = Pegawai.objects.filter(user=obj).values_list("pk", flat=True).first()
            aksi = "user:ubah" if change else "user:buat"
            audit.catat(aksi, obj, actor=request.user, sebelum=sebelum, sesudah=sesudah, pegawai_id=pegawai_id)

    @admin.action(description=_("Atur ulang verifikasi dua langkah (ponsel hilang)"))
    def faktor_kedua_reset(self, request, queryset):
        """The superadmin's way for accounts without a pegawai page (HR): the same service and the same
        policy as HR's button on a pegawai's page."""
        for user in queryset:
            try:
                faktor_kedua.faktor_kedua_reset(actor=request.user, target=user)
            except PermissionDenied as e:
                self.message_user(request, f"{user}: {e}", messages.ERROR)
            else:
                self.message_user(request, _("%(user)s: diatur ulang.") % {"user": user}, messages.SUCCESS)


@admin.register(Pemda)
class PemdaAdmin(AuditedAdmin):
    list_display = ("nama", "jenis", "kode")


@admin.register(UnitKerja)
class UnitKerjaAdmin(AuditedAdmin):
    list_display = ("nama", "jenis", "opd", "pemda", "aktif")
    list_filter = ("pemda", "jenis", "aktif")
    search_fields = ("nama", "singkatan", "kode")
    raw_id_fields = ("parent", "opd")


@admin.register(Jabatan)
class JabatanAdmin(AuditedAdmin):
    list_display = ("nama", "jenis", "eselon", "kelas", "unit", "opd")
    list_filter = ("pemda", "jenis", "kelas")
    search_fields = ("nama",)
    raw_id_fields = ("unit", "opd", "parent")


@admin.register(Pegawai)
class PegawaiAdmin(AuditedAdmin):
    list_display = ("nip", "nama", "golongan", "status", "opd")
    list_filter = ("pemda", "status", "kedudukan_hukum")
    search_fields = ("nip", "nama")
    raw_id_fields = ("user", "opd")


@admin.register(Penempatan)
class PenempatanAdmin(AuditedAdmin):
    list_display = ("pegawai", "jabatan", "jenis", "mulai", "selesai")
    list_filter = ("jenis",)
    search_fields = ("pegawai__nip", "pegawai__nama", "jabatan__nama")
    raw_id_fields = ("pegawai", "jabatan", "dibuat_oleh")
