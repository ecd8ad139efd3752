from django import template

from core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    """{{ amount|rupiah }} -> Rp1.234.567"""
    return format_rupiah(value)
