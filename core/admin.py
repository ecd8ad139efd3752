from django.contrib import admin
from django.db import transaction

from . import audit
from .models import AuditLog


class AuditedAdmin(admin.ModelAdmin):
    """A model kept in the Django admin (the superadmin's fallback, outside the services): every save
    and delete goes on the audit trail with the fields the form changed, before and after."""

    def save_model(self, request, obj, form, change):
        fields = [f for f in form.changed_data if f in {x.name for x in obj._meta.concrete_fields}]
        lama = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            sebelum = audit.nilai(lama, fields) if lama is not None else {}
            aksi = f"{obj._meta.model_name}:admin_{'ubah' if change else 'buat'}"
            audit.catat(aksi, obj, actor=request.user, sebelum=sebelum, sesudah=audit.nilai(obj, fields))

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.catat(f"{obj._meta.model_name}:admin_hapus", obj, actor=request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.catat(f"{obj._meta.model_name}:admin_hapus", obj, actor=request.user)
            super().delete_queryset(request, queryset)


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
