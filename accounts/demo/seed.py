"""Writing the demo pemda (`seed_demo`) and the persona logins `manage.py seed_demo` prints."""

import base64
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import JenisPemda, JenisPenempatan, KedudukanHukum, Role
from accounts.choices import StatusPegawai as St
from accounts.faktor_kedua import faktor_kedua_wajib
from accounts.models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User
from accounts.selectors import penempatan_utama_of
from accounts.services import penempatan_create
from core.indeks import indeks_isi

from .org import Org, Unit, build_org
from .people import People, Person
from .tables import DEFAULT_EMPLOYEES, PASSWORD, PEMDA_KODE, PEMDA_NAMA, PERSONAS, SEED

# --- the seed ----------------------------------------------------------------------------------


class DemoExists(Exception):
    """A Pemda (or a persona user name) already exists: seeding would mix demo and real data."""


@dataclass
class DemoResult:
    pemda: Pemda
    employees: int
    units: int
    jabatan: int
    plt: Penempatan
    vacant: Jabatan
    mutasi: Penempatan


def _distribute(org: Org, employees: int, rng: random.Random) -> None:
    posts = org.posts
    for p in posts:
        p.holders = 0 if p.vacant else 1
    staff = [p for p in posts if p.multi]
    remaining = employees - sum(p.holders for p in posts)
    if remaining < 0:
        raise ValueError(f"--employees minimal {employees - remaining}.")
    for p in rng.choices(staff, weights=[p.weight for p in staff], k=remaining):
        p.holders += 1


def _insert_tree(items, make):
    """bulk_create level by level, so that each row's parent already has its id."""
    by_depth = defaultdict(list)
    for item in items:
        by_depth[item.depth].append(item)
    for depth in sorted(by_depth):
        level = by_depth[depth]
        objs = [make(item) for item in level]
        type(objs[0]).objects.bulk_create(objs, batch_size=1000)
        for item, obj in zip(level, objs, strict=True):
            item.obj = obj


def seed_demo(*, employees: int = DEFAULT_EMPLOYEES, today: date) -> DemoResult:
    """Build the demo pemda; refuses (DemoExists) when any Pemda or persona user already exists."""
    rng = random.Random(SEED)
    org = build_org(employees)
    _distribute(org, employees, rng)
    with transaction.atomic():
        if Pemda.objects.exists():
            raise DemoExists("Database ini sudah berisi pemda; seed_demo hanya mengisi database kosong.")
        taken = list(User.objects.filter(username__in=PERSONAS).values_list("username", flat=True))
        if taken:
            raise DemoExists(f"Nama pengguna demo sudah dipakai: {', '.join(taken)}.")
        return _write(org, today, rng)


def _write(org: Org, today: date, rng: random.Random) -> DemoResult:
    pemda = Pemda.objects.create(nama=PEMDA_NAMA, jenis=JenisPemda.KOTA, kode=PEMDA_KODE)

    def make_unit(u: Unit) -> UnitKerja:
        return UnitKerja(
            pemda=pemda,
            parent=u.parent.obj if u.parent else None,
            opd=u.opd.obj if u.parent else None,
            nama=u.nama,
            singkatan=u.singkatan,
            jenis=u.jenis,
        )

    _insert_tree(org.units, make_unit)
    opds = [u.obj.pk for u in org.units if u.parent is None]
    UnitKerja.objects.filter(pk__in=opds).update(opd=F("pk"))  # an OPD is its own OPD
    for u in org.units:
        u.obj.opd_id = u.opd.obj.pk

    _insert_tree(
        org.posts,
        lambda p: Jabatan(
            pemda=pemda,
            unit=p.unit.obj,
            opd_id=p.unit.obj.opd_id,
            parent=p.parent.obj if p.parent else None,
            nama=p.nama,
            jenis=p.jenis,
            eselon=p.eselon,
            kelas=p.kelas,
        ),
    )

    # People, in post order: the first holder of a marked post is its persona.
    people = People(rng)
    marks = {org.refs[k]: k for k in ("pegawai", "atasan", "atasan2", "adminopd", "hr")}
    persons: list[Person] = []
    for post in org.posts:
        for i in range(post.holders):
            persona = marks.get(post, "") if i == 0 else ""
            status = St.PNS if persona or (i == 0 and post is org.refs["mutasi_dari"]) else people.status_for(post)
            persons.append(people.make(post, status, persona))
    # One doctor or other junior fungsional is away on tugas belajar (no TPP later: RULES.md §1.3).
    candidates = [
        p for p in persons if not p.persona and p.fields["status"] == St.PNS and p.post.nama.endswith("Ahli Pertama")
    ]
    rng.choice(candidates).fields["kedudukan_hukum"] = KedudukanHukum.TUGAS_BELAJAR

    demo_hash = make_password(PASSWORD)
    superadmin = User(
        username="superadmin",
        password=demo_hash,
        role=Role.SUPERADMIN,
        is_staff=True,
        is_superuser=True,
        first_name="Superadmin",
    )
    users = [superadmin]
    for person in persons:
        user = User(username=person.persona or person.fields["nip"], pemda=pemda, first_name=person.fields["nama"])
        if person.persona:
            user.password = demo_hash
            user.role = {"adminopd": Role.ADMIN_OPD, "hr": Role.HR_PEMDA}.get(person.persona, Role.PEGAWAI)
            user.opd_id = person.post.unit.obj.opd_id if person.persona == "adminopd" else None
        else:
            # No hashing for thousands of accounts: an admin resets the password to the NIP.
            user.set_unusable_password()
            user.wajib_ganti_password = True
        users.append(user)
    User.objects.bulk_create(users, batch_size=2000)

    pegawai = [
        Pegawai(pemda=pemda, user=user, opd_id=p.post.obj.opd_id, **p.fields)
        for p, user in zip(persons, users[1:], strict=True)
    ]
    Pegawai.objects.bulk_create(pegawai, batch_size=2000)
    indeks_isi(Pegawai)  # the installation's NIP index (a bulk insert sends no signal)

    postings = [
        Penempatan(
            pemda=pemda,
            pegawai=obj,
            jabatan=p.post.obj,
            mulai=p.mulai,
            nomor_sk=f"800.1.3.3/{i:04d}/BKPSDM/{p.mulai.year}",  # klasifikasi arsip kepegawaian
            dibuat_oleh=superadmin,
        )
        for i, (p, obj) in enumerate(zip(persons, pegawai, strict=True), start=1)
    ]
    by_post = {}
    for person, obj in zip(persons, pegawai, strict=True):
        by_post.setdefault(person.post, obj)
    plt_post, plt_holder = org.refs["plt_jabatan"], by_post[org.refs["plt_pejabat"]]
    plt_mulai = max(date(2025, 10, 1), next(p.mulai for p in persons if p.post is org.refs["plt_pejabat"]))
    plt = Penempatan(
        pemda=pemda,
        pegawai=plt_holder,
        jabatan=plt_post.obj,
        jenis=JenisPenempatan.PLT,
        mulai=plt_mulai,
        nomor_sk="800.1.3.3/0999/BKPSDM/2025",
        keterangan="Plt Sekretaris selama jabatan definitif kosong",
        dibuat_oleh=superadmin,
    )
    Penempatan.objects.bulk_create([*postings, plt], batch_size=2000)

    # The mid-month mutation goes through the service: it ends the old posting on the 15th.
    moved = by_post[org.refs["mutasi_dari"]]
    mutasi = penempatan_create(
        actor=superadmin,
        pegawai=moved,
        jabatan=org.refs["mutasi_ke"].obj,
        mulai=today.replace(day=16),
        nomor_sk=f"800.1.3.3/1016/BKPSDM/{today.year}",
        keterangan="Mutasi dari Sekretariat Daerah ke BKPSDM",
    )
    _demo_authenticator()
    return DemoResult(
        pemda=pemda,
        employees=len(pegawai),
        units=len(org.units),
        jabatan=len(org.posts),
        plt=plt,
        vacant=org.refs["vacant"].obj,
        mutasi=mutasi,
    )


# The demo's role holders (admin OPD, HR, superadmin) must pass a second factor (issue 15): their
# authenticator app is set up with this published key, so that whoever tries the demo can type the
# code (`oathtool --totp -b JBSWY3DPEHPK3PXP`, or the key added to any authenticator app). Demo only:
# a real account's key is made at its set-up and shown to its owner alone.
DEMO_TOTP_KEY_B32 = "JBSWY3DPEHPK3PXP"


def _demo_authenticator() -> None:
    key = base64.b32decode(DEMO_TOTP_KEY_B32).hex()
    for user in User.objects.filter(username__in=PERSONAS):
        if faktor_kedua_wajib(user):
            TOTPDevice.objects.create(user=user, name="Demo", key=key, confirmed=True, tolerance=1)


# --- logins ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    nama: str
    jabatan: str


def persona_logins(*, today: date) -> list[Login]:
    """The persona accounts present in the database, for the table `seed_demo` prints."""
    users = {u.username: u for u in User.objects.filter(username__in=PERSONAS).select_related("pegawai")}
    rows = []
    for username in PERSONAS:
        user = users.get(username)
        if user is None:
            continue
        pegawai = getattr(user, "pegawai", None)
        jabatan = "—"
        if pegawai is not None:
            utama = penempatan_utama_of(pegawai, today)
            if utama is not None:
                singkatan = utama.jabatan.opd.singkatan or utama.jabatan.opd.nama
                jabatan = f"{utama.jabatan.nama} ({singkatan})"
        nama = pegawai.nama_lengkap if pegawai else user.get_full_name() or "—"
        rows.append(Login(username, PASSWORD, user.get_role_display(), nama, jabatan))
    return rows
