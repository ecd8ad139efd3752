from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import ServiceForm

from .choices import Kanal

JAM_SALAH = _("Isi jam dengan format JJ:MM, misalnya 21:00.")

KETERANGAN_KANAL = {
    Kanal.EMAIL: _("E-mail"),
    Kanal.TELEGRAM: _("Telegram"),
    Kanal.WHATSAPP: _("WhatsApp"),
    Kanal.APLIKASI: _("Hanya di aplikasi (tidak dikirim ke luar)"),
}


class PemberitahuanForm(ServiceForm):
    """Akun › Pemberitahuan: where notifications and the daily digest go, quiet hours, the digest on or off."""

    kanal = forms.ChoiceField(label=_("Kirim pemberitahuan lewat"), widget=forms.RadioSelect)
    telegram_chat_id = forms.CharField(
        label=_("ID chat Telegram"),
        required=False,
        max_length=32,
        help_text=_("Angka dari bot E-Kinerja di Telegram setelah Anda menekan Mulai. Tanyakan admin bila ragu."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    no_wa = forms.CharField(
        label=_("Nomor WhatsApp"),
        required=False,
        max_length=20,
        help_text=_("Misalnya 0812 3456 7890. Kosongkan untuk memakai nomor HP di data kepegawaian Anda."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    jam_tenang_mulai = forms.TimeField(
        label=_("Jangan kirim mulai jam"),
        required=False,
        error_messages={"invalid": JAM_SALAH},
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    jam_tenang_selesai = forms.TimeField(
        label=_("sampai jam"),
        required=False,
        error_messages={"invalid": JAM_SALAH},
        help_text=_("Pesan pada jam tenang dikirim setelah jam tenang selesai. Kosongkan bila tidak perlu."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    terima_pengingat = forms.BooleanField(
        label=_("Kirim pengingat harian kepada saya"),
        required=False,
        help_text=_(
            "Setiap pagi hari kerja, lewat saluran di atas: aktivitas hari kerja sebelumnya yang belum diisi, "
            "dan jumlah aktivitas bawahan yang menunggu persetujuan Anda."
        ),
    )

    def __init__(self, *args, user, pilihan: list[str], **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["kanal"].choices = [(k, KETERANGAN_KANAL[k]) for k in pilihan]
        if Kanal.TELEGRAM not in pilihan:
            del self.fields["telegram_chat_id"]
        if Kanal.WHATSAPP not in pilihan:
            del self.fields["no_wa"]
