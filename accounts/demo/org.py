"""The skeleton of the demo organisation: units and posts (no database rows yet), built from
`org_data` in order of priority until the wanted number of employees is reached."""

from dataclasses import dataclass

from accounts.choices import Eselon
from accounts.models import Jabatan, UnitKerja

from .org_data import (
    BKAD,
    BKPSDM,
    DIKBUD,
    DINKES,
    KELURAHAN,
    OPD_LAIN,
    PUSKESMAS,
    PUSKESMAS_STAFF,
    RSUD_BIDANG,
    SETDA,
    STAF_AHLI,
    SUBBAG_STANDARD,
)
from .tables import ESELON_GOL, FIELD_WEIGHT, JF_FIELD, JF_LEVELS, PELAKSANA, J, U

# --- the organisation skeleton -----------------------------------------------------------------


@dataclass(eq=False)
class Unit:
    nama: str
    jenis: str
    parent: "Unit | None"
    singkatan: str = ""
    field: str = "umum"
    obj: UnitKerja | None = None

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    @property
    def opd(self) -> "Unit":
        return self if self.parent is None else self.parent.opd


@dataclass(eq=False)
class Post:
    unit: Unit
    nama: str
    jenis: str
    kelas: int
    parent: "Post | None"
    eselon: str = ""
    field: str = "umum"
    edu: tuple[str, ...] = ("S1",)
    gol: tuple[int, int] = (8, 11)
    s2: float = 0.0
    weight: float = 1.0
    multi: bool = False  # pelaksana/fungsional: several holders allowed
    vacant: bool = False  # no holder at all (the vacant post of the demo)
    holders: int = 0
    obj: Jabatan | None = None

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


class Org:
    def __init__(self):
        self.units: list[Unit] = []
        self.posts: list[Post] = []
        self.refs: dict[str, Post | Unit] = {}

    def unit(self, nama, jenis, parent=None, singkatan="", field=None) -> Unit:
        u = Unit(nama, jenis, parent, singkatan, field or (parent.field if parent else "umum"))
        self.units.append(u)
        return u

    def head(self, unit, nama, eselon, kelas, parent) -> Post:
        """A structural post (one holder): JPT (II), administrator (III) or pengawas (IV)."""
        jenis = {"II": J.JPT, "III": J.ADMINISTRATOR, "IV": J.PENGAWAS}[eselon.split(".")[0]]
        gol, s2 = ESELON_GOL[eselon]
        p = Post(unit, nama, jenis, kelas, parent, eselon=eselon, field=unit.field, gol=gol, s2=s2)
        self.posts.append(p)
        return p

    def staff(self, unit, parent, names) -> list[Post]:
        """Pelaksana/fungsional posts; a fungsional name ends with its level ("... Ahli Muda")."""
        made = []
        for nama in names:
            if nama in PELAKSANA:
                kelas, edu, f, weight = PELAKSANA[nama]
                f = f or unit.field
                post = Post(unit, nama, J.PELAKSANA, kelas, parent, field=f, edu=edu, weight=weight, multi=True)
            else:
                level = next(lv for lv in JF_LEVELS if nama.endswith(" " + lv))
                kelas, edu, gol, s2 = JF_LEVELS[level]
                f = JF_FIELD[nama.removesuffix(" " + level)]
                weight = FIELD_WEIGHT.get(f, 1.0) * (1.0 if level in ("Ahli Pertama", "Terampil") else 0.6)
                post = Post(unit, nama, J.FUNGSIONAL, kelas, parent, field=f, edu=(edu,), gol=gol, s2=s2)
                post.weight, post.multi = weight, True
            self.posts.append(post)
            made.append(post)
        return made

    def checkpoint(self):
        return len(self.units), len(self.posts), dict(self.refs)

    def rollback(self, cp):
        self.units[cp[0] :] = []
        self.posts[cp[1] :] = []
        self.refs = cp[2]

    def estimate(self, density: float = 1.0) -> float:
        """Employees the tree holds with `density` holders per pelaksana/fungsional post."""
        return sum(density if p.multi else 0 if p.vacant else 1 for p in self.posts)


def _opd(org, nama, singkatan, f, kepala, subbag, bidang):
    """A dinas/badan: Kepala (JPT II.b kelas 14, under the Sekda); a Sekretariat (Sekretaris III.a
    kelas 11) with subbagian (Kepala Subbagian IV.a kelas 9); bidang or bagian (Kepala III.b kelas
    11); staff under each head. Returns the heads and staff by unit name ("" for the OPD itself)."""
    opd = org.unit(nama, U.PERANGKAT_DAERAH, singkatan=singkatan, field=f)
    kepala = org.head(opd, kepala or f"Kepala {nama}", Eselon.II_B, 14, org.refs["sekda"])
    got = {"": (opd, kepala, [])}
    if subbag:
        sekretariat = org.unit("Sekretariat", U.SEKRETARIAT, opd)
        sekretaris = org.head(sekretariat, f"Sekretaris {nama}", Eselon.III_A, 11, kepala)
        got["Sekretariat"] = (sekretariat, sekretaris, [])
        for sb_nama, staff in subbag:
            unit = org.unit(f"Subbagian {sb_nama}", U.SUBBAGIAN, sekretariat)
            kasubag = org.head(unit, f"Kepala Subbagian {sb_nama}", Eselon.IV_A, 9, sekretaris)
            got[unit.nama] = (unit, kasubag, org.staff(unit, kasubag, staff))
    for b_nama, staff in bidang:
        unit = org.unit(b_nama, U.BAGIAN if b_nama.startswith("Bagian") else U.BIDANG, opd)
        # An Inspektur Pembantu heads an inspektorat wilayah under that very name.
        head_nama = b_nama if b_nama.startswith("Inspektur Pembantu") else f"Kepala {b_nama}"
        head = org.head(unit, head_nama, Eselon.III_B, 11, kepala)
        got[b_nama] = (unit, head, org.staff(unit, head, staff))
    return got


def _setda(org):
    setda = org.unit("Sekretariat Daerah", U.PERANGKAT_DAERAH, singkatan="Setda")
    sekda = org.head(setda, "Sekretaris Daerah", Eselon.II_A, 15, None)
    for nama in STAF_AHLI:
        org.head(setda, nama, Eselon.II_B, 14, sekda)
    for asisten_nama, bagian_list in SETDA:
        asisten_unit = org.unit(asisten_nama, U.ASISTEN, setda)
        asisten = org.head(asisten_unit, asisten_nama, Eselon.II_B, 14, sekda)
        for bagian_nama, f, subbag_list in bagian_list:
            bagian_unit = org.unit(bagian_nama, U.BAGIAN, asisten_unit, field=f)
            kabag = org.head(bagian_unit, f"Kepala {bagian_nama}", Eselon.III_A, 11, asisten)
            for nama, staff in subbag_list:
                unit = org.unit(f"Subbagian {nama}", U.SUBBAGIAN, bagian_unit)
                kasubag = org.head(unit, f"Kepala Subbagian {nama}", Eselon.IV_A, 9, kabag)
                posts = org.staff(unit, kasubag, staff)
                if nama == "Tata Usaha Pimpinan":
                    org.refs["mutasi_dari"] = posts[0]  # moves to BKPSDM on the 16th
    org.refs["sekda"] = sekda


def _core(org):
    """Dikbud (the persona chain and the vacant post), Dinkes (the Plt), BKPSDM (HR, the mutation)."""
    got = _opd(org, *DIKBUD)
    dikbud, kadis, _ = got[""]
    org.staff(dikbud, kadis, ["Pengawas Sekolah Ahli Madya"])
    _, kasubag_umum, umum = got["Subbagian Umum dan Kepegawaian"]
    vacant = got["Subbagian Perencanaan dan Keuangan"][1]
    vacant.vacant = True  # its staff pass to the sekretaris
    org.refs.update(
        dikbud=dikbud,
        kabid_sd=got["Bidang Pembinaan Sekolah Dasar"][1],
        kabid_smp=got["Bidang Pembinaan Sekolah Menengah Pertama"][1],
        pegawai=umum[0],
        adminopd=umum[1],
        atasan=kasubag_umum,
        atasan2=got["Sekretariat"][1],
        vacant=vacant,
    )
    got = _opd(org, *DINKES)
    got["Sekretariat"][1].vacant = True  # no definitive Sekretaris: a Kepala Bidang is Plt
    org.refs.update(
        dinkes=got[""][0],
        kadis_dinkes=got[""][1],
        plt_jabatan=got["Sekretariat"][1],
        plt_pejabat=got["Bidang Pelayanan dan Sumber Daya Kesehatan"][1],
    )
    got = _opd(org, *BKPSDM)
    org.refs.update(hr=got["Bidang Mutasi dan Promosi"][2][0], mutasi_ke=got["Subbagian Umum dan Kepegawaian"][2][0])


def _puskesmas(org, nama):
    unit = org.unit(f"UPTD Puskesmas {nama}", U.UPT, org.refs["dinkes"])
    kepala = org.head(unit, f"Kepala UPTD Puskesmas {nama}", Eselon.IV_A, 9, org.refs["kadis_dinkes"])
    tu = org.head(unit, f"Kepala Subbagian Tata Usaha Puskesmas {nama}", Eselon.IV_B, 8, kepala)
    org.staff(unit, tu, ["Pengadministrasi Perkantoran", "Pengelola Keuangan"])
    org.staff(unit, kepala, PUSKESMAS_STAFF)


def _rsud(org):
    unit = org.unit("RSUD Anugerah Tomohon", U.UPT, org.refs["dinkes"], field="kes")
    direktur = org.head(unit, "Direktur RSUD Anugerah Tomohon", Eselon.III_A, 12, org.refs["kadis_dinkes"])
    tu = org.unit("Bagian Tata Usaha", U.BAGIAN, unit)
    kabag = org.head(tu, "Kepala Bagian Tata Usaha", Eselon.III_B, 10, direktur)
    org.staff(tu, kabag, ["Pengadministrasi Perkantoran", "Pengelola Keuangan", "Perekam Medis Terampil"])
    for b_nama, staff in RSUD_BIDANG:
        bidang = org.unit(b_nama, U.BIDANG, unit)
        org.staff(bidang, org.head(bidang, f"Kepala {b_nama}", Eselon.III_B, 11, direktur), staff)


def _sekolah(org, jenjang, n):
    nama = f"{jenjang} Negeri {n} Tomohon"
    unit = org.unit(nama, U.UPT, org.refs["dikbud"], field="pd")
    kabid = org.refs["kabid_sd" if jenjang == "SD" else "kabid_smp"]
    # The kepala sekolah is a guru with a tugas tambahan: a fungsional post with one holder.
    kepala = Post(unit, f"Kepala {nama}", J.FUNGSIONAL, 11, kabid, field="pd", gol=(12, 13), s2=0.3)
    org.posts.append(kepala)
    staff = ["Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Pengadministrasi Perkantoran"]
    org.staff(
        unit, kepala, staff + (["Pustakawan Terampil", "Pengelola Layanan Operasional"] if jenjang == "SMP" else [])
    )


def _kecamatan(org, nama):
    opd = org.unit(f"Kecamatan {nama}", U.PERANGKAT_DAERAH, singkatan=f"Kec. {nama}", field="ipdn")
    camat = org.head(opd, f"Camat {nama}", Eselon.III_A, 12, org.refs["sekda"])
    sekcam = org.head(opd, f"Sekretaris Kecamatan {nama}", Eselon.III_B, 10, camat)
    org.staff(opd, sekcam, ["Pengadministrasi Perkantoran", "Pengelola Keuangan"])
    for seksi, staff in (
        ("Pemerintahan", "Penelaah Teknis Kebijakan"),
        ("Ketenteraman dan Ketertiban Umum", "Pengolah Data dan Informasi"),
        ("Pemberdayaan Masyarakat", "Pengolah Data dan Informasi"),
    ):
        unit = org.unit(f"Seksi {seksi}", U.SEKSI, opd)
        org.staff(unit, org.head(unit, f"Kepala Seksi {seksi}", Eselon.IV_A, 9, camat), [staff])
    org.refs[f"kec:{nama}"] = opd
    org.refs[f"camat:{nama}"] = camat


def _kelurahan(org, kecamatan, nama):
    unit = org.unit(f"Kelurahan {nama}", U.KELURAHAN, org.refs[f"kec:{kecamatan}"])
    lurah = org.head(unit, f"Lurah {nama}", Eselon.IV_A, 9, org.refs[f"camat:{kecamatan}"])
    sekkel = org.head(unit, f"Sekretaris Kelurahan {nama}", Eselon.IV_B, 8, lurah)
    org.staff(unit, sekkel, ["Pengadministrasi Perkantoran"])


def _opd_lain(org, nama, singkatan, f, kepala, bidang, jf):
    """One of OPD_LAIN: each bidang gets two levels of one jabatan fungsional and a pelaksana."""
    staff = [
        [f"{jf[i % len(jf)][0]} {level}" for level in jf[i % len(jf)][1:]]
        + [("Penelaah Teknis Kebijakan", "Pengolah Data dan Informasi")[i % 2]]
        for i in range(len(bidang))
    ]
    # The Sekretariat DPRD works through its bagian, without a sekretariat of its own.
    _opd(
        org,
        nama,
        singkatan,
        f,
        kepala,
        () if singkatan == "Setwan" else SUBBAG_STANDARD,
        zip(bidang, staff, strict=True),
    )


def build_org(employees: int) -> Org:
    """The core (Setda and three OPDs with the required situations), then what `employees` allows."""
    org = Org()
    _setda(org)
    _core(org)
    minimum = int(org.estimate())
    if employees < minimum:
        raise ValueError(f"--employees minimal {minimum} (the Sekretariat Daerah and three OPDs).")

    # Extra pieces in order of priority; each is kept only if the estimate still fits.
    pieces = [
        lambda: _puskesmas(org, PUSKESMAS[0]),
        lambda: _sekolah(org, "SD", 1),
        lambda: _kecamatan(org, "Tomohon Tengah"),
        lambda: _kelurahan(org, "Tomohon Tengah", "Kolongan"),
        lambda: _opd(org, *BKAD),
        lambda: _sekolah(org, "SMP", 1),
    ]
    pieces += [lambda e=entry: _opd_lain(org, *e) for entry in OPD_LAIN]
    for kec, kel_list in KELURAHAN.items():
        if kec != "Tomohon Tengah":
            pieces.append(lambda k=kec: _kecamatan(org, k))
        pieces += [lambda k=kec, n=n: _kelurahan(org, k, n) for n in kel_list if n != "Kolongan"]
    pieces += [lambda n=n: _puskesmas(org, n) for n in PUSKESMAS[1:]]
    pieces.append(lambda: _rsud(org))
    for i in range(2, 121):
        pieces.append(lambda i=i: _sekolah(org, "SD", i))
        if i <= 30:
            pieces.append(lambda i=i: _sekolah(org, "SMP", i))

    # Holders per pelaksana/fungsional post aimed for while growing the tree: 1.2 for a small
    # pemda, up to 3 for a large one (then the remaining people raise the density further).
    density = min(3.0, max(1.2, employees / 3000))
    for piece in pieces:
        cp = org.checkpoint()
        try:
            piece()
        except KeyError:  # e.g. a kelurahan whose kecamatan did not fit
            org.rollback(cp)
            continue
        if org.estimate(density) > employees:
            org.rollback(cp)
    return org
