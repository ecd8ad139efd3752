"""Forms of the uang makan pages: a month and an OPD, offered only within the actor's scope."""

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.filters import ScopedChoiceField
from accounts.models import UnitKerja, User
from accounts.selectors import unit_visible_to
from activities.forms_antrean import BulanField, with_bulan
from ekinerja.lib.dates import today


class UangMakanForm(forms.Form):
    """`bulan=YYYY-MM&opd=<id>`; an admin OPD always gets their own OPD, others choose one."""

    bulan = BulanField()
    opd = ScopedChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Perangkat daerah (OPD)"),
        empty_label=_("— pilih OPD —"),
    )

    def __init__(self, data, *, user: User):
        super().__init__(with_bulan(data))
        self.user = user
        self.multi_opd = not user.is_admin_opd
        self.fields["opd"].queryset = unit_visible_to(user).filter(parent__isnull=True).order_by("nama", "pk")
        if not self.multi_opd:
            del self.fields["opd"]
        self.is_valid()

    @property
    def tahun_bulan(self) -> tuple[int, int]:
        value = self.cleaned_data.get("bulan")
        if value:
            return value
        hari_ini = today()
        return hari_ini.year, hari_ini.month

    def opd_terpilih(self) -> UnitKerja | None:
        """The OPD to show; an OPD outside the actor's scope is a 404, as if it did not exist."""
        if not self.multi_opd:
            if self.data.get("opd") not in (None, "", str(self.user.opd_id)):
                raise Http404
            return self.user.opd
        if "opd" in self.errors:
            raise Http404
        return self.cleaned_data.get("opd")
