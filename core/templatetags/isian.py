"""Template tags for forms that must not lose input (issue 8)."""

from django import template
from django.utils.html import format_html

from core import idempotency

register = template.Library()


@register.simple_tag(takes_context=True)
def kunci_idempotensi(context):
    """The form's hidden idempotency key: the one just sent when the form comes back with errors
    (nothing was created, so the same key stays valid), otherwise a new one."""
    request = context.get("request")
    kunci = idempotency.kunci_dari(request) if request is not None and request.method == "POST" else None
    return format_html(
        '<input type="hidden" name="{}" value="{}">', idempotency.FIELD, kunci or idempotency.kunci_baru()
    )
