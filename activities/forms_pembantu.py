"""Forms of helper entry (issue 17): naming a helper (HR, admin OPD), asking one (a pegawai), and the
admin list's filter. Choices come from the actor's scope; the rules are in services_pembantu."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import selectors as org
from accounts.filters import ListFilter, cari_pegawai
from accounts.forms_org import ScopedModelChoiceField, ServiceForm, date_field
from accounts.models import Pegawai, UnitKerja, User
from core.dates import today
from core.lists import SEMUA

from .models import Pembantu


class PembantuForm(ServiceForm):
    """A pegawai of the OPD becomes helper entry for the colleagues of a unit, from a date."""

    pegawai = ScopedModelChoiceField(
        queryset=Pegawai.objects.none(), label=_("Pegawai yang ditunjuk"), empty_label=_("— pilih pegawai —")
    )
    unit = ScopedModelChoiceField(
        queryset=UnitKerja.objects.none(),
        label=_("Membantu pegawai unit"),
        empty_label=_("— pilih unit —"),
        help_text=_("Pegawai unit ini dan unit di bawahnya dapat meminta bantuannya. Pilih OPD untuk seluruh OPD."),
    )
    mulai = date_field(_("Berlaku mulai"), required=False, help_text=_("Kosongkan: mulai hari ini."))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.scoped("pegawai", org.pegawai_visible_to(user).order_by("nama", "nip"))
        self.scoped(
            "unit", org.unit_visible_to(user).filter(aktif=True).select_related("opd").order_by("opd__nama", "nama")
        )
        self.fields["mulai"].widget.attrs["min"] = today().isoformat()

    def clean_mulai(self):
        mulai = self.cleaned_data.get("mulai")
        if mulai and mulai < today():
            raise forms.ValidationError(_("Tanggal mulai tidak boleh sebelum hari ini."))
        return mulai


class PembantuChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.pegawai.nama_lengkap} — {obj.unit.nama}"


class MintaBantuanForm(forms.Form):
    """A pegawai picks one of the helpers named for their unit."""

    pembantu = PembantuChoiceField(
        queryset=Pembantu.objects.none(),
        label=_("Pembantu pengisian"),
        empty_label=_("— pilih pembantu —"),
        error_messages={"invalid_choice": _("Pilih salah satu pembantu pengisian unit Anda.")},
    )

    def __init__(self, *args, tersedia: list[Pembantu], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pembantu"].queryset = (
            Pembantu.objects.filter(pk__in=[p.pk for p in tersedia])
            .select_related("pegawai", "unit")
            .order_by("pegawai__nama", "pk")
        )


KEADAAN = [*SEMUA, ("aktif", _("Aktif")), ("nonaktif", _("Nonaktif"))]


class PembantuFilter(ListFilter):
    keadaan = forms.ChoiceField(label=_("Keadaan"), choices=KEADAAN, required=False)
    search_help = _("Nama atau NIP pegawai.")

    def filter(self, qs):
        if q := self.value("q"):
            qs = qs.filter(cari_pegawai(q))
        if opd := self.value("opd"):
            qs = qs.filter(unit__opd=opd)
        if keadaan := self.value("keadaan"):
            qs = qs.filter(berakhir__isnull=keadaan == "aktif")
        return qs.order_by("berakhir", "pegawai__nama", "-pk")
