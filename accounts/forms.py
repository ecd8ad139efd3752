from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from . import services


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
    """Django's checks; the write goes through accounts.services."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def save(self, commit=True):
        return services.user_set_password(user=self.user, password=self.cleaned_data["new_password1"])


class PengingatForm(forms.Form):
    """Whether the user gets the daily reminder digest."""

    terima_pengingat = forms.BooleanField(
        label=_("Kirim pengingat harian kepada saya"),
        required=False,
        help_text=_(
            "Setiap pagi hari kerja: aktivitas hari kerja sebelumnya yang belum diisi, dan jumlah aktivitas "
            "bawahan yang menunggu persetujuan Anda."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
