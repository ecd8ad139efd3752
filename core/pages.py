"""View helpers shared by the apps' pages (the gates are the access policy's: accounts.permissions).

- `posted` / `submit`: the one-form-one-service pattern;
- `form_page`: a create or update page (a form, one service, a success message, a redirect);
- `tombol`: a POST button's action (one service, its success or its refusal as a message, a redirect);
- `ListPage`: a list page (the user's queryset, a GET filter, columns, 25 rows a page) drawn by a
  template that extends `core/daftar.html`, or by its own;
- `import_page`: an upload page (read and check the file, all or nothing, a background job above a
  number of rows).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .jobs import AntreanTidakTersedia
from .lists import paginate


def next_url(request, default: str = "") -> str:
    """The `next` address of a form or link (POST, else GET) when it stays on this site, else `default`."""
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    safe = nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure())
    return nxt if safe else default


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


def tombol(request, service: Callable[[], object], *, message: str, next: str):
    """A POST button's action: run `service`; its refusal (ValidationError) or `message` is shown on
    the page `next` (a URL or URL name) the user goes back to."""
    try:
        service()
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, message)
    return redirect(next)


def _call(value, obj):
    return value(obj) if callable(value) else value


def form_page(request, form, service, *, template: str, message, next, context: dict | None = None, **kwargs):
    """A create or update page: the service's result → `message` (text, or a function of the result)
    and a redirect to `next` (a URL name or URL, or a function of the result giving one); otherwise
    the page again with the form and its errors. `kwargs` go to the service."""
    if obj := submit(request, form, service, **kwargs):
        messages.success(request, _call(message, obj))
        return redirect(_call(next, obj))
    return render(request, template, {"form": form, **(context or {})})


@dataclass(frozen=True)
class Column:
    """A table column: its heading; `when` names a filter attribute that must be true to show it
    (e.g. "multi_opd"); a `hidden` heading is read by screen readers only (the actions column)."""

    label: str
    when: str = ""
    hidden: bool = False


ACTIONS = Column(_("Tindakan"), hidden=True)


@dataclass(frozen=True)
class ListPage:
    """A list page: `render(request, queryset)` narrows the user's queryset (always from a selector
    restricted to them) with the GET filter, pages it, and renders the template with `filter`,
    `page`, `columns` and `caption` (the table's name for screen readers)."""

    template: str
    filter: type | None = None
    columns: tuple = ()
    caption: str = ""

    def render(self, request, queryset, **context):
        f = self.filter(request.GET, user=request.user) if self.filter else None
        page = paginate(request, f.filter(queryset) if f else queryset)
        columns = [c if isinstance(c, Column) else Column(c) for c in self.columns]
        columns = [c for c in columns if not c.when or getattr(f, c.when, False)]
        ctx = {"filter": f, "page": page, "columns": columns, "caption": self.caption}
        return render(request, self.template, ctx | context)


def import_result(hasil, *, shown: int = 500) -> dict:
    """The context of an import page after an upload: the result and the first `shown` row errors
    (a wrong file can fail on every row; the first ones are enough to see why)."""
    errors = hasil.errors if hasil else []
    return {"hasil": hasil, "errors_shown": errors[:shown], "errors_hidden": max(len(errors) - shown, 0)}


def import_page(
    request,
    form_class,
    *,
    template: str,
    run: Callable,
    done: Callable,
    context: Callable | None = None,
    background: Callable | None = None,
    inline_rows: int = 0,
    shown: int = 500,
):
    """Upload a file; the form reads and checks it (`cleaned_data["berkas"]`, a table of rows).

    A file over `inline_rows` rows goes to `background(request, form)` (a Job: its page shows the
    progress); a smaller one is imported here by `run(actor=…, tabel=…)`, which checks every row and
    imports nothing when one is wrong. An import that went through → `done(request, hasil)` (the
    message and the redirect); otherwise the page again with the errors and `context(request)`.
    """
    form = form_class(request.POST, request.FILES) if request.method == "POST" else form_class()
    hasil = None
    if form.is_valid():
        tabel = form.cleaned_data["berkas"]
        if background is not None and len(tabel.baris) > inline_rows:
            try:
                job = background(request, form)
            except AntreanTidakTersedia as e:
                messages.error(request, e.message)
            else:
                return redirect("job_detail", pk=job.pk)
        else:
            hasil = run(actor=request.user, tabel=tabel)
            if hasil.ok:
                return done(request, hasil)
    ctx = {"form": form, **import_result(hasil, shown=shown)}
    return render(request, template, ctx | (context(request) if context else {}))
