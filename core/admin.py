from django.contrib import admin

from .models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read only: the audit trail is never added to, changed or deleted by hand."""

    list_display = ("waktu", "pemda", "actor_nama", "peran", "aksi", "objek_repr")
    list_filter = ("pemda", "aksi")
    search_fields = ("actor_nama", "objek_repr", "request_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
