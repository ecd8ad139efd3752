"""The list framework of the admin pages: 25 rows a page, and plain GET filters that only narrow a
queryset the view already scoped to the user (a filter never widens what one may see).

What depends on the organisation (the OPD choice, a unit's subtree, a pegawai search) stays with
accounts (`accounts.filters`); this module knows no domain model.
"""

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

PER_PAGE = 25

SEMUA = [("", _("Semua"))]
AKTIF_CHOICES = [*SEMUA, ("ya", _("Aktif")), ("tidak", _("Tidak aktif"))]


def paginate(request, qs: QuerySet, per_page: int = PER_PAGE) -> Page:
    """25 rows a page; a page number out of range or not a number shows the nearest page."""
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


class GetFilter(forms.Form):
    """A filter read from the query string: a wrong value in one box is ignored (and marked), the
    others still apply."""

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.prepare()
        self.setup()
        self.is_valid()

    def prepare(self) -> None:
        """Fields every filter of a family adds (before `setup`)."""

    def setup(self) -> None:
        """Limit the choice fields to the actor's scope."""

    def value(self, name):
        return getattr(self, "cleaned_data", {}).get(name) or None

    @property
    def is_filtered(self) -> bool:
        return any(self.value(name) is not None for name in self.fields)


class SearchFilter(GetFilter):
    """A filter with a search box (`q`) that always shows; the other boxes fold away on a phone."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    search_help = ""

    def prepare(self) -> None:
        self.fields["q"].help_text = self.search_help

    @property
    def extra_filtered(self) -> bool:
        """A filter besides the search box is in use (or wrong): keep those boxes open on a phone."""
        return bool(self.errors) or any(self.value(name) is not None for name in self.fields if name != "q")

    def filter(self, qs: QuerySet) -> QuerySet:
        raise NotImplementedError
