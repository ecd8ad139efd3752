from django.contrib import admin

from core.admin import AuditedAdmin

from .models import HariLibur


@admin.register(HariLibur)
class HariLiburAdmin(AuditedAdmin):
    list_display = ("tanggal", "nama", "jenis", "pemda")
    list_filter = ("pemda", "jenis")
    date_hierarchy = "tanggal"
