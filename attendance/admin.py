from django.contrib import admin

from .models import HariLibur


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "nama", "jenis", "pemda")
    list_filter = ("pemda", "jenis")
    date_hierarchy = "tanggal"
