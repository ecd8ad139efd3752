"""View helpers shared by the apps' pages: the one-form-one-service pattern (the gates are the access
policy's: accounts.permissions)."""

from django.core.exceptions import ValidationError


def posted(request):
    """The POST data, even when empty (an empty form must be bound to show "wajib diisi")."""
    return request.POST if request.method == "POST" else None


def submit(request, form, service, **kwargs):
    """Call one service with the parsed form; a ValidationError goes back onto the form (→ None)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return service(actor=request.user, **form.service_kwargs(), **kwargs)
    except ValidationError as e:
        form.add_service_errors(e)
        return None


def import_result(hasil, *, shown: int = 500) -> dict:
    """The context of an import page after an upload: the result and the first `shown` row errors
    (a wrong file can fail on every row; the first ones are enough to see why)."""
    errors = hasil.errors if hasil else []
    return {"hasil": hasil, "errors_shown": errors[:shown], "errors_hidden": max(len(errors) - shown, 0)}
