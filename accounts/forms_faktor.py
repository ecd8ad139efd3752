from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _


class KodeForm(forms.Form):
    """One code: six digits from the authenticator app, or a backup code."""

    kode = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        help_text=_("Enam angka dari aplikasi autentikator di ponsel Anda, atau salah satu kode cadangan."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": _("Ketik kode verifikasi.")},
    )

    def __init__(self, *args, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if help_text is not None:
            self.fields["kode"].help_text = help_text
        self.helper = FormHelper()
        self.helper.form_tag = False
