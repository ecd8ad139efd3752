"""Factories for the organisation. Postings go through the model directly: services are tested on their own."""

import itertools
from datetime import date

import factory

from accounts.choices import Golongan, JenisJabatan, JenisPenempatan, JenisUnit, Role, StatusPegawai
from accounts.models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User
from accounts.rules import build_nip

_serial = itertools.count(1)
PASSWORD = "rahasia-uji-123"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda
        django_get_or_create = ("kode",)

    nama = factory.Sequence(lambda n: f"Pemerintah Kota Uji {n}")
    jenis = "KOTA"
    kode = factory.Sequence(lambda n: f"UJI{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    """An OPD when no parent is given, else a unit under it (opd kept as services keep it)."""

    class Meta:
        model = UnitKerja
        skip_postgeneration_save = True

    pemda = factory.SubFactory(PemdaFactory)
    parent = None
    nama = factory.Sequence(lambda n: f"Unit {n}")
    jenis = factory.LazyAttribute(lambda o: JenisUnit.PERANGKAT_DAERAH if o.parent is None else JenisUnit.BIDANG)

    @factory.lazy_attribute
    def opd(self):
        return self.parent.opd if self.parent else None

    @factory.post_generation
    def _self_opd(obj, create, extracted, **kwargs):
        if obj.parent_id is None and obj.opd_id is None:
            obj.opd = obj
            obj.save(update_fields=["opd"])


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit = factory.SubFactory(UnitFactory)
    pemda = factory.LazyAttribute(lambda o: o.unit.pemda)
    opd = factory.LazyAttribute(lambda o: o.unit.opd)
    parent = None
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    jenis = JenisJabatan.PELAKSANA
    eselon = ""
    kelas = 7


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.PEGAWAI
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    pemda = factory.SubFactory(PemdaFactory)
    tanggal_lahir = date(1985, 3, 12)
    jenis_kelamin = "L"
    nip = factory.LazyAttribute(
        lambda o: build_nip(
            tanggal_lahir=o.tanggal_lahir,
            jenis_kelamin=o.jenis_kelamin,
            nomor_urut=next(_serial) % 1000 or 1,
            tmt_cpns=date(2010, 1 + next(_serial) % 12, 1),
        )
    )
    nama = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    status = StatusPegawai.PNS
    golongan = Golongan.III_A
    gaji_dasar = 4_000_000
    user = factory.SubFactory(
        UserFactory, username=factory.SelfAttribute("..nip"), pemda=factory.SelfAttribute("..pemda")
    )


class PenempatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penempatan
        skip_postgeneration_save = True

    pegawai = factory.SubFactory(PegawaiFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    pemda = factory.LazyAttribute(lambda o: o.jabatan.pemda)
    jenis = JenisPenempatan.DEFINITIF
    mulai = date(2020, 1, 1)
    selesai = None

    @factory.post_generation
    def _opd(obj, create, extracted, **kwargs):
        if create and obj.jenis == JenisPenempatan.DEFINITIF and obj.pegawai.opd_id != obj.jabatan.opd_id:
            obj.pegawai.opd_id = obj.jabatan.opd_id
            Pegawai.objects.filter(pk=obj.pegawai_id).update(opd_id=obj.jabatan.opd_id)


def posted(jabatan, *, mulai=date(2020, 1, 1), jenis=JenisPenempatan.DEFINITIF, **pegawai_kwargs) -> Pegawai:
    """A pegawai holding `jabatan` from `mulai`."""
    pegawai = PegawaiFactory(pemda=jabatan.pemda, **pegawai_kwargs)
    PenempatanFactory(pegawai=pegawai, jabatan=jabatan, mulai=mulai, jenis=jenis)
    return pegawai
