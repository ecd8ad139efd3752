from django.contrib import admin

from .models import Notifikasi


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    """Read only: where each notification went and, when it failed, why (the delivery log)."""

    list_display = ("dibuat", "pemda", "user", "jenis", "judul", "antar_status", "antar_kanal", "antar_percobaan")
    list_filter = ("antar_status", "antar_kanal", "jenis", "pemda")
    search_fields = ("judul", "user__username", "antar_galat")
    list_select_related = ("pemda", "user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
