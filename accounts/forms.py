from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from . import services_akun


class LoginForm(AuthenticationForm):
    """NIP (spaces allowed) or username, and password."""

    username = forms.CharField(
        label=_("NIP atau nama pengguna"),
        max_length=64,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "text"}),
    )
    error_messages = {
        "invalid_login": _("NIP/nama pengguna atau kata sandi salah. Periksa lagi, huruf besar dan kecil dibedakan."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin kepegawaian OPD Anda."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Kata sandi")
        self.helper = FormHelper()
        self.helper.form_tag = False


class PasswordChangeServiceForm(PasswordChangeForm):
    """Django's checks; the write goes through accounts.services_akun."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def save(self, commit=True):
        return services_akun.user_set_password(user=self.user, password=self.cleaned_data["new_password1"])


class AktivasiForm(forms.Form):
    """NIP, the activation code from the letter or the message, and the password the owner chooses."""

    login = forms.CharField(
        label=_("NIP atau nama pengguna"),
        max_length=64,
        help_text=_("NIP 18 angka, boleh dengan spasi seperti tertulis di SK; atau nama pengguna dari surat aktivasi."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    kode = forms.CharField(
        label=_("Kode aktivasi"),
        max_length=24,
        help_text=_("10 huruf dan angka dari surat aktivasi atau pesan yang Anda terima, misalnya ABCDE-FGH23."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "font-monospace text-uppercase",
            }
        ),
    )
    new_password1 = forms.CharField(
        label=_("Kata sandi baru"),
        strip=False,
        help_text=_("Paling sedikit 8 karakter; jangan NIP, tanggal lahir, atau kata yang mudah ditebak."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("Ulangi kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    service_field_map = {"password": "new_password1"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", _("Kedua kata sandi tidak sama. Ketik ulang dengan teliti."))
        return cleaned

    def add_service_errors(self, error) -> None:
        for key, errors in error.error_dict.items():
            name = self.service_field_map.get(key, key)
            self.add_error(name if name in self.fields else None, errors)


class LembarAktivasiForm(forms.Form):
    """Which OPD's not-yet-activated accounts get codes on one sheet."""

    opd = forms.ModelChoiceField(label=_("OPD"), queryset=None, empty_label=None)
    semua = forms.BooleanField(
        label=_("Juga pegawai yang kodenya masih berlaku"),
        required=False,
        help_text=_("Kode lama mereka tidak berlaku lagi. Biarkan kosong bila kode sebelumnya sudah dibagikan."),
    )

    def __init__(self, *args, opd_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_queryset
        self.helper = FormHelper()
        self.helper.form_tag = False
