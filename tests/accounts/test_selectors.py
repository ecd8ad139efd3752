"""Atasan derivation (DESIGN.md §2): from the jabatan tree and the postings on a date."""

from datetime import date

import pytest

from accounts.choices import JenisPenempatan
from accounts.models import Penempatan
from accounts.selectors import (
    approval_chain,
    atasan_atasan_of,
    atasan_of,
    bawahan_of,
    jabatan_visible_to,
    pegawai_visible_to,
    penempatan_visible_to,
    profil_of,
    unit_visible_to,
)
from tests.factories import JabatanFactory, PenempatanFactory, posted

ON = date(2026, 11, 16)


def test_the_chain_follows_the_jabatan_tree(cast):
    assert atasan_of(cast.pegawai, ON) == cast.atasan
    assert atasan_atasan_of(cast.pegawai, ON) == cast.atasan_atasan
    assert atasan_of(cast.atasan, ON) == cast.atasan_atasan
    assert atasan_atasan_of(cast.atasan, ON) == cast.kadis


def test_the_top_of_the_tree_has_no_atasan(cast):
    assert atasan_of(cast.kadis, ON) is None
    assert atasan_atasan_of(cast.kadis, ON) is None
    assert atasan_atasan_of(cast.atasan_atasan, ON) is None
    assert atasan_of(cast.atasan_atasan, ON) == cast.kadis


def test_a_vacant_post_passes_to_the_next_one_up(cast):
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=date(2026, 10, 31))
    assert atasan_of(cast.pegawai, ON) == cast.atasan_atasan
    assert atasan_atasan_of(cast.pegawai, ON) == cast.kadis
    # before the post fell vacant, the old holder still approves
    assert atasan_of(cast.pegawai, date(2026, 10, 31)) == cast.atasan


def test_a_plt_approves_for_a_vacant_post(cast):
    Penempatan.objects.filter(pegawai=cast.atasan_atasan).update(selesai=date(2026, 9, 30))
    kabid = posted(JabatanFactory(unit=cast.dinas, parent=cast.j_kadis, nama="Kepala Bidang"), nama="Kabid")
    PenempatanFactory(pegawai=kabid, jabatan=cast.j_sekretaris, jenis=JenisPenempatan.PLT, mulai=date(2026, 10, 1))
    assert atasan_of(cast.atasan, ON) == kabid
    assert atasan_atasan_of(cast.pegawai, ON) == kabid
    chain = approval_chain(cast.atasan, ON)
    assert chain[0].is_acting and chain[0].jabatan == cast.j_sekretaris
    assert chain[1].pegawai == cast.kadis
    # the Plt's own place in the tree is unchanged: their atasan is still the kepala dinas
    assert atasan_of(kabid, ON) == cast.kadis
    # before the Plt started, the vacancy passed up to the kepala dinas
    assert atasan_of(cast.atasan, date(2026, 9, 30)) == cast.atasan_atasan
    assert atasan_of(cast.atasan, date(2026, 10, 1)) == kabid


def test_a_plh_speaks_for_the_post_while_the_holder_is_away(cast):
    plh = posted(JabatanFactory(unit=cast.dinas, parent=cast.j_kadis, nama="Kepala Bidang"), nama="Kabid Plh")
    PenempatanFactory(
        pegawai=plh, jabatan=cast.j_sekretaris, jenis=JenisPenempatan.PLH, mulai=ON, selesai=date(2026, 11, 20)
    )
    assert atasan_of(cast.atasan, ON) == plh
    assert atasan_of(cast.atasan, date(2026, 11, 21)) == cast.atasan_atasan


def test_nobody_approves_themself(cast):
    # the kasubag is also Plt of the sekretaris post: validation passes up to the kepala dinas
    Penempatan.objects.filter(pegawai=cast.atasan_atasan).update(selesai=date(2026, 9, 30))
    PenempatanFactory(
        pegawai=cast.atasan, jabatan=cast.j_sekretaris, jenis=JenisPenempatan.PLT, mulai=date(2026, 10, 1)
    )
    assert atasan_of(cast.pegawai, ON) == cast.atasan
    assert atasan_atasan_of(cast.pegawai, ON) == cast.kadis
    assert atasan_of(cast.atasan, ON) == cast.kadis


def test_a_mid_month_mutation_changes_the_atasan_from_its_start_date(cast):
    other_head = JabatanFactory(unit=cast.badan, nama="Kepala Bidang Anggaran", kelas=11)
    kabid = posted(other_head, nama="Kabid Anggaran")
    new_post = JabatanFactory(unit=cast.badan, parent=other_head, nama="Penyusun Anggaran")
    Penempatan.objects.filter(pegawai=cast.pegawai).update(selesai=date(2026, 11, 15))
    PenempatanFactory(pegawai=cast.pegawai, jabatan=new_post, mulai=date(2026, 11, 16))
    assert atasan_of(cast.pegawai, date(2026, 11, 15)) == cast.atasan
    assert atasan_atasan_of(cast.pegawai, date(2026, 11, 15)) == cast.atasan_atasan
    assert atasan_of(cast.pegawai, date(2026, 11, 16)) == kabid
    assert cast.pegawai not in bawahan_of(cast.atasan, date(2026, 11, 16))
    assert cast.pegawai in bawahan_of(cast.atasan, date(2026, 11, 15))


def test_a_pegawai_without_a_posting_has_no_atasan(cast):
    assert atasan_of(cast.pegawai, date(2019, 12, 31)) is None


def test_bawahan_are_the_people_whose_atasan_i_am(cast):
    admin = cast.admin_opd.pegawai
    assert bawahan_of(cast.atasan, ON) == sorted([cast.pegawai, admin], key=lambda p: p.nama)
    assert bawahan_of(cast.kadis, ON) == [cast.atasan_atasan]
    assert bawahan_of(cast.pegawai, ON) == []


def test_bawahan_reach_through_a_vacant_post(cast):
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=date(2026, 10, 31))
    assert {p.pk for p in bawahan_of(cast.atasan_atasan, ON)} == {cast.pegawai.pk, cast.admin_opd.pegawai.pk}


def test_profil_lists_the_acting_duties_apart(cast):
    Penempatan.objects.filter(pegawai=cast.atasan_atasan).update(selesai=date(2026, 9, 30))
    PenempatanFactory(
        pegawai=cast.atasan, jabatan=cast.j_sekretaris, jenis=JenisPenempatan.PLT, mulai=date(2026, 10, 1)
    )
    profil = profil_of(cast.atasan.user, ON)
    assert profil.penempatan.jabatan == cast.j_kasubag
    assert [p.jabatan for p in profil.tugas_tambahan] == [cast.j_sekretaris]
    assert profil.atasan.pegawai == cast.kadis


@pytest.mark.parametrize(
    ("who", "units", "pegawai_count"),
    [("admin_opd", 3, 5), ("hr", 4, 6), ("superadmin", 4, 6)],
)
def test_scoping_follows_the_role(cast, who, units, pegawai_count):
    user = getattr(cast, who)
    assert unit_visible_to(user).count() == units
    assert pegawai_visible_to(user).count() == pegawai_count
    assert penempatan_visible_to(user).count() == pegawai_count


def test_admin_opd_sees_nothing_of_another_opd(cast):
    assert not pegawai_visible_to(cast.admin_opd).filter(pk=cast.pegawai_lain.pk).exists()
    assert not jabatan_visible_to(cast.admin_opd).filter(pk=cast.j_badan_staf.pk).exists()
    assert not unit_visible_to(cast.admin_opd).filter(pk=cast.badan.pk).exists()


def test_a_plain_pegawai_manages_nothing(cast):
    user = cast.pegawai.user
    assert not unit_visible_to(user).exists()
    assert not pegawai_visible_to(user).exists()


def test_someone_acting_for_their_own_parent_post_is_still_found_below_the_next_one_up(cast):
    # the kasubag post falls vacant and a staff member becomes Plt of it
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=date(2026, 10, 31))
    PenempatanFactory(pegawai=cast.pegawai, jabatan=cast.j_kasubag, jenis=JenisPenempatan.PLT, mulai=date(2026, 11, 1))
    assert atasan_of(cast.pegawai, ON) == cast.atasan_atasan  # not themself
    assert cast.pegawai in bawahan_of(cast.atasan_atasan, ON)
    assert bawahan_of(cast.pegawai, ON) == [cast.admin_opd.pegawai]  # the other staff, through the Plt


@pytest.mark.parametrize("n", [3, 30])
def test_bawahan_costs_the_same_queries_for_3_or_30_people(cast, n, django_assert_max_num_queries):
    for i in range(n):
        posted(cast.j_staf, nama=f"Staf {i:02d}")
    with django_assert_max_num_queries(10):
        assert len(bawahan_of(cast.atasan, ON)) == n + 2
