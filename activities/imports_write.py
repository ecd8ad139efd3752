"""Checking the catalog rows against the database and adding them all, or none (issue 4)."""

from collections import defaultdict

from django.utils.translation import gettext as _

from accounts.models import Jabatan, UnitKerja, User
from accounts.permissions import may_keep_pemda
from accounts.selectors import jabatan_visible_to, unit_visible_to
from core import imports as base

from . import services_admin
from .choices import LingkupKatalog
from .imports_rows import COLUMNS, BarisKatalog, Ref, label, parse_rows
from .models import KegiatanKatalog

# A service error on a model field is reported under the column it came from.
_SERVICE_FIELDS = {"menit_per_satuan": "menit", "opd": "jabatan", "pemda": "lingkup"}

# --- checking against the database and writing --------------------------------------------------


class _Lingkup:
    """The active jabatan and units an actor may attach items to, loaded once (no query per row)."""

    def __init__(self, actor: User):
        self.jabatan_by_id: dict[int, Jabatan] = {}
        self.jabatan_by_name: dict[str, list[Jabatan]] = defaultdict(list)
        for j in jabatan_visible_to(actor).filter(aktif=True).select_related(None).select_related("unit", "opd"):
            self.jabatan_by_id[j.pk] = j
            self.jabatan_by_name[base.name_key(j.nama)].append(j)
        self.unit_by_id: dict[int, UnitKerja] = {}
        self.unit_by_name: dict[str, list[UnitKerja]] = defaultdict(list)
        for u in unit_visible_to(actor).filter(aktif=True):
            self.unit_by_id[u.pk] = u
            self.unit_by_name[base.name_key(u.nama)].append(u)
        self.may_pemda = may_keep_pemda(actor)
        if actor.is_superadmin:
            self.where = ""
        elif actor.is_hr_pemda:
            self.where = _(" di pemda Anda")
        else:
            self.where = _(" di OPD Anda")

    @staticmethod
    def _matches(unit: UnitKerja, ref: Ref) -> bool:
        return unit.pk == ref.id or base.name_key(unit.nama) == base.name_key(ref.text)

    def jabatan(self, row: BarisKatalog) -> tuple[Jabatan | None, str]:
        ref = row.jabatan_ref
        if ref.id is not None:
            found = self.jabatan_by_id.get(ref.id)
            if found is None:
                return None, _("Jabatan ID %(id)d tidak ditemukan%(di)s (lihat kolom ID di sheet Jabatan).") % {
                    "id": ref.id,
                    "di": self.where,
                }
            return found, ""
        candidates = self.jabatan_by_name.get(base.name_key(ref.text), [])
        if not candidates:
            return None, _('Jabatan "%(j)s" tidak ditemukan%(di)s. Salin namanya dari sheet Jabatan.') % {
                "j": ref.text,
                "di": self.where,
            }
        if row.unit_ref:
            # the Unit column may name the jabatan's unit or its OPD, to tell apart posts of one name
            narrowed = [
                j for j in candidates if self._matches(j.unit, row.unit_ref) or self._matches(j.opd, row.unit_ref)
            ]
            if not narrowed:
                return None, _('Tidak ada jabatan "%(j)s" di unit "%(u)s".') % {"j": ref.text, "u": row.unit_ref.text}
            candidates = narrowed
        if len(candidates) > 1:
            units = ", ".join(sorted({j.unit.nama for j in candidates})[:5])
            return None, _(
                'Ada %(n)d jabatan bernama "%(j)s" (%(units)s). Tulis ID jabatan dari sheet Jabatan, atau nama unitnya '
                "di kolom Unit."
            ) % {"n": len(candidates), "j": ref.text, "units": units}
        return candidates[0], ""

    def unit(self, row: BarisKatalog) -> tuple[UnitKerja | None, str]:
        ref = row.unit_ref
        if ref.id is not None:
            found = self.unit_by_id.get(ref.id)
            if found is None:
                return None, _("Unit ID %(id)d tidak ditemukan%(di)s (lihat kolom ID di sheet Unit).") % {
                    "id": ref.id,
                    "di": self.where,
                }
            return found, ""
        candidates = self.unit_by_name.get(base.name_key(ref.text), [])
        if not candidates:
            return None, _('Unit kerja "%(u)s" tidak ditemukan%(di)s. Salin namanya dari sheet Unit.') % {
                "u": ref.text,
                "di": self.where,
            }
        if len(candidates) > 1:
            where = ", ".join(sorted({(u.parent.nama if u.parent_id else u.nama) for u in candidates})[:5])
            return None, _('Ada %(n)d unit bernama "%(u)s" (di bawah: %(where)s). Tulis ID unit dari sheet Unit.') % {
                "n": len(candidates),
                "u": ref.text,
                "where": where,
            }
        return candidates[0], ""


def _target_key(row: BarisKatalog) -> tuple:
    return (
        base.name_key(row.nama),
        row.lingkup,
        row.jabatan.pk if row.jabatan else None,
        row.unit.pk if row.unit else None,
    )


def _check_against_db(actor: User, rows: list[BarisKatalog], tabel: base.Tabel) -> None:
    """Each row's jabatan or unit found among those the actor keeps, and no item twice."""
    lingkup = _Lingkup(actor)
    _resolve_targets(lingkup, rows, tabel)
    # The same item twice (in the file, or already in the catalog) would be offered twice to pegawai.
    names = _check_file_duplicates(rows, tabel)
    if names:
        _check_catalog_duplicates(actor, lingkup, rows, tabel, names)


def _resolve_targets(lingkup: _Lingkup, rows: list[BarisKatalog], tabel: base.Tabel) -> None:
    for row in rows:
        if row.errors:
            continue
        if row.lingkup == LingkupKatalog.JABATAN:
            row.jabatan, alasan = lingkup.jabatan(row)
            if row.jabatan is None:
                row.errors.append(base.BarisError(row.baris, label(tabel, "jabatan"), alasan))
        elif row.lingkup == LingkupKatalog.UNIT:
            row.unit, alasan = lingkup.unit(row)
            if row.unit is None:
                row.errors.append(base.BarisError(row.baris, label(tabel, "unit"), alasan))
        elif row.lingkup == LingkupKatalog.PEMDA and not lingkup.may_pemda:
            row.errors.append(
                base.BarisError(
                    row.baris,
                    label(tabel, "lingkup"),
                    _(
                        "Kegiatan untuk seluruh pemda hanya dapat ditambahkan oleh BKPSDM (HR pemda). "
                        "Isi JABATAN atau UNIT."
                    ),
                )
            )


def _check_file_duplicates(rows: list[BarisKatalog], tabel: base.Tabel) -> set[str]:
    """A row repeating an earlier row of the file is an error; the names of the rows still valid."""
    first_row: dict[tuple, int] = {}
    for row in rows:
        if row.errors:
            continue
        key = _target_key(row)
        if key in first_row:
            row.errors.append(
                base.BarisError(
                    row.baris,
                    label(tabel, "nama"),
                    _("Kegiatan yang sama sudah ada di baris %(n)d file ini.") % {"n": first_row[key]},
                )
            )
        else:
            first_row[key] = row.baris
    return {key[0] for key in first_row}


def _check_catalog_duplicates(
    actor: User, lingkup: _Lingkup, rows: list[BarisKatalog], tabel: base.Tabel, names: set[str]
) -> None:
    """A row naming an item the catalog already has (active or not) is an error."""
    existing = {}
    pemda_ids = {j.pemda_id for j in lingkup.jabatan_by_id.values()} | {u.pemda_id for u in lingkup.unit_by_id.values()}
    if actor.pemda_id:
        pemda_ids.add(actor.pemda_id)
    for item in KegiatanKatalog.objects.filter(pemda_id__in=pemda_ids).only(
        "pk", "nama", "lingkup", "jabatan_id", "unit_id", "aktif"
    ):
        key = (base.name_key(item.nama), item.lingkup, item.jabatan_id, item.unit_id)
        if key[0] in names:
            existing[key] = item
    for row in rows:
        if row.errors or (item := existing.get(_target_key(row))) is None:
            continue
        if item.aktif:
            alasan = _("Kegiatan ini sudah ada di katalog (ID %(id)d). Ubah lewat halaman Katalog Kegiatan.")
        else:
            alasan = _(
                "Kegiatan ini sudah ada di katalog tetapi tidak aktif (ID %(id)d). Aktifkan lagi lewat halaman "
                "Katalog Kegiatan."
            )
        row.errors.append(base.BarisError(row.baris, label(tabel, "nama"), alasan % {"id": item.pk}))


def katalog_import(*, actor: User, tabel: base.Tabel) -> base.HasilImpor:
    """Add every item of a file to the catalog, or none of them (issue 4: all or nothing).

    Every row is checked first (values, then jabatan/unit in the actor's scope, then duplicates);
    the rows that pass are written through `services_admin.katalog_save` in one transaction, which also
    surfaces what only the service knows. If anything failed, the whole transaction rolls back, so
    the clerk sees every reason in one pass and nothing is half-imported.
    """
    rows = parse_rows(tabel)
    _check_against_db(actor, rows, tabel)

    def save(row: BarisKatalog) -> None:
        services_admin.katalog_save(
            actor=actor,
            lingkup=row.lingkup,
            jabatan=row.jabatan,
            unit=row.unit,
            nama=row.nama,
            satuan=row.satuan,
            menit_per_satuan=row.menit,
            aktif=True,
        )

    return base.write_all_or_nothing(
        rows,
        save,
        label=lambda name: label(tabel, _SERVICE_FIELDS.get(name, name)),
        denied=lambda row: {LingkupKatalog.UNIT: "unit", LingkupKatalog.PEMDA: "lingkup"}.get(row.lingkup, "jabatan"),
        order=[label(tabel, name) for name, _header in COLUMNS],
    )
