"""The demo pemda "Pemerintah Kota Tomohon" for `manage.py seed_demo` (issue 3, "Demo data").

Deterministic: every choice comes from `random.Random(2026)` and fixed tables, so two runs with the
same `--employees` give the same people, NIPs and postings. The only date that follows the clock is
the mid-month mutation (the 16th of the current month), so that it is always "this month".

Shape (RULES.md §5, PP 18/2016): the Sekretariat Daerah (Sekda → asisten → bagian → subbagian →
staff), dinas/badan (kepala → sekretaris → subbagian → staff; kepala → kepala bidang → fungsional
and pelaksana), UPT (puskesmas, schools) and kecamatan/kelurahan. The default size keeps the core;
a larger `employees` adds OPDs, kecamatan, kelurahan, puskesmas and schools, then more holders per
pelaksana/fungsional post. Rows go in with `bulk_create` (a 10,000-employee pemda in seconds).
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F

from .choices import Eselon, JenisJabatan, JenisPemda, JenisPenempatan, JenisUnit, KedudukanHukum, Role
from .choices import StatusPegawai as St
from .models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User
from .rules import build_nip
from .selectors import penempatan_utama_of
from .services import penempatan_create

PEMDA_NAMA = "Pemerintah Kota Tomohon"
PEMDA_KODE = "7173"  # BPS/Kemendagri code of Kota Tomohon
DEFAULT_EMPLOYEES = 180
PASSWORD = "demo12345"
SEED = 2026
REF_YEAR = 2026  # ages and years of service are computed against this year, not the clock
PERSONAS = ("pegawai", "atasan", "atasan2", "adminopd", "hr", "superadmin")

J = JenisJabatan
U = JenisUnit

# --- reference tables -------------------------------------------------------------------------

GOLONGAN = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
]  # fmt: skip
# Gaji pokok PNS, PP 5/2024: (masa kerja 0, masa kerja maximum) per golongan.
GAJI_POKOK = [
    (1_685_700, 2_522_600), (1_840_800, 2_670_700), (1_918_700, 2_783_700), (1_999_900, 2_901_400),
    (2_184_000, 3_643_400), (2_385_000, 3_797_500), (2_485_900, 3_958_200), (2_591_100, 4_125_600),
    (2_785_700, 4_575_200), (2_903_600, 4_768_800), (3_026_400, 4_970_500), (3_154_400, 5_180_700),
    (3_287_800, 5_399_900), (3_426_900, 5_628_300), (3_571_900, 5_866_400), (3_723_000, 6_114_500),
    (3_880_400, 6_373_200),
]  # fmt: skip
# PPPK golongan by education and its gaji (Perpres 11/2024).
PPPK_GOLONGAN = {
    "SMA": ("V", 2_511_500, 4_189_900),
    "D3": ("VII", 2_954_800, 4_929_500),
    "S1": ("IX", 3_203_600, 5_261_500),
}
# Entry golongan (index in GOLONGAN) by education; dokter/apoteker enter at III/b.
ENTRY = {"SMA": 4, "D3": 6, "S1": 8}
ENTRY_BY_FIELD = {"dr": 9, "drg": 9, "apt": 9}
AGE_AT_ENTRY = {"SMA": (19, 26), "D3": (21, 28), "S1": (23, 31)}

# Structural posts: eselon → (golongan range, chance of a master's degree).
ESELON_GOL = {
    Eselon.II_A: ((14, 15), 1.0), Eselon.II_B: ((13, 14), 0.95), Eselon.III_A: ((12, 13), 0.7),
    Eselon.III_B: ((11, 12), 0.5), Eselon.IV_A: ((10, 11), 0.25), Eselon.IV_B: ((9, 10), 0.1),
}  # fmt: skip
# Jabatan fungsional levels: kelas, education, golongan range, chance of a master's degree.
JF_LEVELS = {
    "Pemula": (5, "SMA", (4, 5), 0), "Terampil": (6, "D3", (6, 7), 0), "Mahir": (7, "D3", (8, 9), 0),
    "Penyelia": (8, "D3", (10, 11), 0), "Ahli Pertama": (8, "S1", (8, 9), 0.05),
    "Ahli Muda": (9, "S1", (10, 11), 0.15), "Ahli Madya": (11, "S1", (12, 14), 0.35),
}  # fmt: skip
# Jabatan fungsional: field of study (for the degree) and how many holders a post attracts.
JF_FIELD = {
    "Administrator Database Kependudukan": "kom", "Administrator Kesehatan": "kes",
    "Adyatama Kepariwisataan dan Ekonomi Kreatif": "umum", "Analis Hukum": "hukum",
    "Analis Kebijakan": "umum", "Analis Keuangan Pusat dan Daerah": "ek", "Analis Ketahanan Pangan": "tani",
    "Analis SDM Aparatur": "sos", "Apoteker": "apt", "Arsiparis": "arsip", "Asesor SDM Aparatur": "sos",
    "Asisten Apoteker": "apt", "Auditor": "ek", "Bidan": "keb", "Dokter": "dr", "Dokter Gigi": "drg",
    "Epidemiolog Kesehatan": "kes", "Guru": "pd", "Medik Veteriner": "vet", "Nutrisionis": "gizi",
    "Pamong Budaya": "arsip", "Pekerja Sosial": "sos", "Peneliti": "plan", "Penera": "tek",
    "Pengawas Koperasi": "ek", "Pengawas Lingkungan Hidup": "lh", "Pengawas Perdagangan": "ek",
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": "umum", "Pengawas Sekolah": "pd",
    "Pengelola Pengadaan Barang/Jasa": "tek", "Pengembang Teknologi Pembelajaran": "pd",
    "Pengendali Dampak Lingkungan": "lh", "Penguji Kendaraan Bermotor": "tek", "Penata Ruang": "plan",
    "Perancang Peraturan Perundang-undangan": "hukum", "Perawat": "kep", "Perekam Medis": "kes",
    "Perencana": "plan", "Polisi Pamong Praja": "pol", "Pranata Hubungan Masyarakat": "umum",
    "Pranata Komputer": "kom", "Pranata Laboratorium Kesehatan": "kes", "Penyuluh Kesehatan Masyarakat": "kes",
    "Penyuluh Keluarga Berencana": "kes", "Penyuluh Pertanian": "tani", "Penyuluh Sosial": "sos",
    "Pustakawan": "arsip", "Radiografer": "kes", "Sandiman": "kom", "Statistisi": "plan",
    "Teknik Jalan dan Jembatan": "tek", "Teknik Pengairan": "tek", "Tenaga Sanitasi Lingkungan": "kes",
}  # fmt: skip
FIELD_WEIGHT = {"pd": 6.0, "kep": 4.0, "keb": 2.5, "pol": 2.5, "dr": 1.5}
# Jabatan pelaksana (KepmenPANRB nomenclature): kelas, education choices, field, weight.
PELAKSANA = {
    "Pengadministrasi Perkantoran": (5, ("SMA", "SMA", "D3"), "umum", 2.0),
    "Operator Layanan Operasional": (5, ("SMA",), "umum", 2.0),
    "Pengolah Data dan Informasi": (6, ("D3", "S1"), "umum", 1.5),
    "Pengelola Layanan Operasional": (6, ("D3", "SMA"), "umum", 1.5),
    "Pengelola Keuangan": (6, ("D3", "S1"), "ek", 1.5),
    "Penelaah Teknis Kebijakan": (7, ("S1",), None, 1.5),
    "Penata Layanan Operasional": (7, ("S1",), None, 1.0),
    "Bendahara": (7, ("S1", "D3"), "ek", 0.3),
    "Pengemudi": (3, ("SMA",), "umum", 0.8),
}
PELAKSANA_GOL = {"SMA": (4, 9), "D3": (6, 10), "S1": (8, 11)}
# Degrees by field: (diploma, bachelor's choices, master's choices); a tuple is (gelar depan, belakang).
GELAR = {
    "umum": ("A.Md.", ("S.Sos.", "S.IP.", "S.AP.", "S.E.", "S.H."), ("M.Si.", "M.AP.", "M.M.")),
    "sos": ("A.Md.", ("S.Sos.", "S.AP.", "S.Psi.", "S.H."), ("M.Si.", "M.AP.")),
    "ipdn": ("A.Md.", ("S.STP", "S.IP.", "S.Sos."), ("M.AP.", "M.Si.")),
    "hukum": ("A.Md.", ("S.H.",), ("M.H.",)),
    "ek": ("A.Md.Ak.", ("S.E.", "S.Ak."), ("M.Si.", "M.M.", "M.Ak.")),
    "kom": ("A.Md.Kom.", ("S.Kom.", "S.T."), ("M.Kom.", "M.T.")),
    "tek": ("A.Md.T.", ("S.T.",), ("M.T.", "M.Si.")),
    "plan": ("A.Md.", ("S.T.", "S.E.", "S.P.W.K."), ("M.Si.", "M.T.")),
    "lh": ("A.Md.KL.", ("S.T.", "S.Si."), ("M.Si.",)),
    "arsip": ("A.Md.", ("S.Hum.", "S.Sos.", "S.IP."), ("M.Si.",)),
    "pol": ("A.Md.", ("S.H.", "S.Sos."), ("M.H.", "M.Si.")),
    "pd": ("A.Md.Pd.", ("S.Pd.",), ("M.Pd.",)),
    "kep": ("A.Md.Kep.", (("Ns.", "S.Kep."),), ("M.Kep.",)),
    "keb": ("A.Md.Keb.", ("S.Tr.Keb.",), ("M.Keb.",)),
    "dr": ("A.Md.", (("dr.", ""),), ("M.Kes.",)),
    "drg": ("A.Md.", (("drg.", ""),), ("M.Kes.",)),
    "apt": ("A.Md.Farm.", (("apt.", "S.Farm."),), ("M.Farm.",)),
    "gizi": ("A.Md.Gz.", ("S.Gz.",), ("M.Gz.",)),
    "kes": ("A.Md.Kes.", ("S.K.M.",), ("M.Kes.",)),
    "tani": ("A.Md.P.", ("S.P.",), ("M.P.", "M.Si.")),
    "vet": ("A.Md.Pt.", (("drh.", ""),), ("M.Si.",)),
}
FEMALE_SHARE = {"pd": 0.75, "kep": 0.8, "keb": 1.0, "gizi": 0.8, "apt": 0.7, "pol": 0.2, "tek": 0.25}
PPPK_SHARE = {"pd": 0.45, "kep": 0.35, "keb": 0.35, "kes": 0.2, "gizi": 0.2}

# Names: Minahasa given names and fam (marga), and a few Jaton/Gorontalo families of Tomohon.
MALE = (
    "Johanis Frangky Jefry Stevanus Maikel Ronald Hendrik Jantje Noldy Steven Rio Frans Deddy Alfrets "
    "Arthur Julius Marthen Roy Jimmy Fredy Stenly Novri Herry Benny Denny Rudy Olden Vicky Rivo Glenn "
    "Marvel Kevin Rocky Feldy Yoppy Reky Refly Jemmy Daniel Samuel Yosua Gideon Christo Hizkia Billy Ferry"
).split()
FEMALE = (
    "Meiske Olvie Marlyn Vonny Debby Grace Sientje Femmy Jeane Lenny Yulin Novita Christy Sherly Prisilia "
    "Angelina Maria Rosalina Lusye Deysi Ingrid Sandra Olivia Jenny Feibe Nancy Tineke Fanny Meity Stella "
    "Vivi Natalia Yuliana Anneke Hesty Lidya Mercy Ruth Telly Wenny Syane Veronika Yanti Rini Dewi Kartini"
).split()
MALE_2 = "Alexander Christian Frederik Hendrik Johannes Petrus Paulus Marthinus Jacob Ferdinand Agustinus".split()
FEMALE_2 = "Magdalena Elisabeth Margaretha Juliana Maria Christina Theresia Wilhelmina Agustina Debora".split()
MARGA = (
    "Rumengan Pangemanan Wenas Tumbelaka Lumingkewas Rondonuwu Kaunang Sondakh Mamahit Mandagi Lengkong "
    "Rumondor Tumewu Sumampouw Tangkilisan Kalalo Mogi Supit Lontoh Sumual Karundeng Pontoh Wowor Warouw "
    "Rotinsulu Runtuwene Palit Ngantung Poluan Walewangko Tuwaidan Kawengian Lumanauw Tampi Sengkey "
    "Mewengkang Tiwow Lasut Rompas Pandey Tumiwa Kumaat Tombeng Lolong Posumah Assa Korah Sigar Tulung "
    "Tambuwun Moningka Kumendong Kindangen Lumowa Rawung Rorimpandey Senduk Tendean Wullur Maramis "
    "Kojongian Pinontoan Kairupan Tengker Worang Kambey Liow Mokalu Paat Pelealu Polii Porajow Regar "
    "Rumajar Saerang Sepang Siwu Talumepa Tangkere Tumilaar Turangan Umboh Waworuntu Wuisan"
).split()
MUSLIM_MALE = "Muhammad Ahmad Abdul Rizal Fadli Irfan Arifin Hamdan".split()
MUSLIM_FEMALE = "Siti Nurhayati Fatimah Aisyah Rahmawati Nurlela".split()
MUSLIM_FAM = "Baderan Modjo Pulukadang Thayeb Mokodompit Pakaya Datau".split()

# The personas, placed by the org builder below; names are fixed so that README and demos can cite them.
PERSONA_NAMES = {
    "pegawai": ("Meiske Rumengan", "P"),
    "atasan": ("Frangky Tumbelaka", "L"),
    "atasan2": ("Johanis Alexander Wenas", "L"),
    "adminopd": ("Grace Lumingkewas", "P"),
    "hr": ("Stevanus Kaunang", "L"),
}

# --- the organisation skeleton -----------------------------------------------------------------


@dataclass(eq=False)
class _Unit:
    nama: str
    jenis: str
    parent: "_Unit | None"
    singkatan: str = ""
    field: str = "umum"
    obj: UnitKerja | None = None

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    @property
    def opd(self) -> "_Unit":
        return self if self.parent is None else self.parent.opd


@dataclass(eq=False)
class _Post:
    unit: _Unit
    nama: str
    jenis: str
    kelas: int
    parent: "_Post | None"
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


class _Org:
    def __init__(self):
        self.units: list[_Unit] = []
        self.posts: list[_Post] = []
        self.refs: dict[str, _Post | _Unit] = {}

    def unit(self, nama, jenis, parent=None, singkatan="", field=None) -> _Unit:
        u = _Unit(nama, jenis, parent, singkatan, field or (parent.field if parent else "umum"))
        self.units.append(u)
        return u

    def head(self, unit, nama, eselon, kelas, parent) -> _Post:
        """A structural post (one holder): JPT (II), administrator (III) or pengawas (IV)."""
        jenis = {"II": J.JPT, "III": J.ADMINISTRATOR, "IV": J.PENGAWAS}[eselon.split(".")[0]]
        gol, s2 = ESELON_GOL[eselon]
        p = _Post(unit, nama, jenis, kelas, parent, eselon=eselon, field=unit.field, gol=gol, s2=s2)
        self.posts.append(p)
        return p

    def staff(self, unit, parent, names) -> list[_Post]:
        """Pelaksana/fungsional posts; a fungsional name ends with its level ("... Ahli Muda")."""
        made = []
        for nama in names:
            if nama in PELAKSANA:
                kelas, edu, f, weight = PELAKSANA[nama]
                f = f or unit.field
                post = _Post(unit, nama, J.PELAKSANA, kelas, parent, field=f, edu=edu, weight=weight, multi=True)
            else:
                level = next(lv for lv in JF_LEVELS if nama.endswith(" " + lv))
                kelas, edu, gol, s2 = JF_LEVELS[level]
                f = JF_FIELD[nama.removesuffix(" " + level)]
                weight = FIELD_WEIGHT.get(f, 1.0) * (1.0 if level in ("Ahli Pertama", "Terampil") else 0.6)
                post = _Post(unit, nama, J.FUNGSIONAL, kelas, parent, field=f, edu=(edu,), gol=gol, s2=s2)
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


SUBBAG_STANDARD = (
    ("Umum dan Kepegawaian", ["Pengadministrasi Perkantoran", "Arsiparis Terampil"]),
    ("Perencanaan dan Keuangan", ["Pengelola Keuangan", "Perencana Ahli Pertama"]),
)

SETDA = (
    ("Asisten Pemerintahan dan Kesejahteraan Rakyat", (
        ("Bagian Pemerintahan", "ipdn", (
            ("Administrasi Pemerintahan", ["Penelaah Teknis Kebijakan", "Pengadministrasi Perkantoran"]),
            ("Otonomi Daerah dan Kerja Sama", ["Analis Kebijakan Ahli Pertama"]),
        )),
        ("Bagian Hukum", "hukum", (
            ("Perundang-undangan", ["Perancang Peraturan Perundang-undangan Ahli Pertama"]),
            ("Bantuan Hukum", ["Analis Hukum Ahli Pertama"]),
            ("Dokumentasi dan Informasi Hukum", ["Pranata Komputer Terampil"]),
        )),
        ("Bagian Kesejahteraan Rakyat", "sos", (
            ("Bina Mental dan Spiritual", ["Penelaah Teknis Kebijakan"]),
            ("Kesejahteraan Sosial", ["Pengolah Data dan Informasi"]),
        )),
    )),
    ("Asisten Perekonomian dan Pembangunan", (
        ("Bagian Perekonomian dan Sumber Daya Alam", "ek", (
            ("Perekonomian", ["Penelaah Teknis Kebijakan"]),
            ("Sumber Daya Alam", ["Pengolah Data dan Informasi"]),
        )),
        ("Bagian Administrasi Pembangunan", "plan", (
            ("Penyusunan Program", ["Perencana Ahli Pertama"]),
            ("Pengendalian dan Evaluasi Program", ["Penelaah Teknis Kebijakan"]),
        )),
        ("Bagian Pengadaan Barang dan Jasa", "tek", (
            ("Pengelolaan Pengadaan Barang dan Jasa", ["Pengelola Pengadaan Barang/Jasa Ahli Pertama"]),
            ("Layanan Pengadaan Secara Elektronik", ["Pranata Komputer Ahli Pertama"]),
            ("Pembinaan dan Advokasi Pengadaan", ["Pengelola Pengadaan Barang/Jasa Ahli Muda"]),
        )),
    )),
    ("Asisten Administrasi Umum", (
        ("Bagian Umum", "umum", (
            ("Tata Usaha Pimpinan", ["Pengadministrasi Perkantoran", "Arsiparis Terampil"]),
            ("Rumah Tangga", ["Pengemudi", "Pengelola Layanan Operasional"]),
            ("Keuangan", ["Pengelola Keuangan", "Bendahara"]),
        )),
        ("Bagian Organisasi", "sos", (
            ("Kelembagaan dan Analisis Jabatan", ["Analis Kebijakan Ahli Pertama"]),
            ("Reformasi Birokrasi dan Akuntabilitas Kinerja", ["Penelaah Teknis Kebijakan"]),
            ("Tata Laksana", ["Pengolah Data dan Informasi"]),
        )),
        ("Bagian Protokol dan Komunikasi Pimpinan", "umum", (
            ("Protokol", ["Pranata Hubungan Masyarakat Terampil"]),
            ("Komunikasi Pimpinan", ["Pranata Hubungan Masyarakat Ahli Pertama", "Pengadministrasi Perkantoran"]),
        )),
    )),
)  # fmt: skip
STAF_AHLI = (
    "Staf Ahli Wali Kota Bidang Pemerintahan, Hukum dan Politik",
    "Staf Ahli Wali Kota Bidang Ekonomi, Keuangan dan Pembangunan",
    "Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia",
)

# The three core OPDs: (nama, singkatan, field, kepala, subbagian, bidang).
DIKBUD = ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", "pd", None, (
    ("Umum dan Kepegawaian", ["Pengadministrasi Perkantoran", "Analis SDM Aparatur Ahli Pertama",
                              "Arsiparis Terampil"]),
    ("Perencanaan dan Keuangan", ["Pengelola Keuangan", "Perencana Ahli Pertama", "Bendahara"]),
), (
    ("Bidang Pembinaan Sekolah Dasar", ["Penelaah Teknis Kebijakan", "Pengembang Teknologi Pembelajaran Ahli Pertama"]),
    ("Bidang Pembinaan Sekolah Menengah Pertama", ["Penelaah Teknis Kebijakan", "Pengolah Data dan Informasi"]),
    ("Bidang Kebudayaan", ["Pamong Budaya Ahli Pertama", "Pamong Budaya Ahli Muda"]),
))  # fmt: skip
DINKES = ("Dinas Kesehatan", "Dinkes", "kes", None, (
    ("Umum dan Kepegawaian", ["Pengadministrasi Perkantoran", "Pengelola Layanan Operasional"]),
    ("Perencanaan dan Keuangan", ["Pengelola Keuangan", "Perencana Ahli Pertama"]),
), (
    ("Bidang Kesehatan Masyarakat", ["Nutrisionis Ahli Pertama", "Penyuluh Kesehatan Masyarakat Ahli Pertama"]),
    ("Bidang Pencegahan dan Pengendalian Penyakit", ["Epidemiolog Kesehatan Ahli Pertama",
                                                     "Tenaga Sanitasi Lingkungan Ahli Pertama"]),
    ("Bidang Pelayanan dan Sumber Daya Kesehatan", ["Administrator Kesehatan Ahli Muda", "Apoteker Ahli Pertama"]),
))  # fmt: skip
BKPSDM = ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "sos", None, (
    ("Umum dan Kepegawaian", ["Pengadministrasi Perkantoran", "Arsiparis Terampil"]),
    ("Perencanaan dan Keuangan", ["Pengelola Keuangan"]),
), (
    ("Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian", ["Analis SDM Aparatur Ahli Pertama",
                                                                   "Pranata Komputer Ahli Muda"]),
    ("Bidang Mutasi dan Promosi", ["Analis SDM Aparatur Ahli Muda", "Analis SDM Aparatur Ahli Pertama"]),
    ("Bidang Pengembangan Kompetensi Aparatur", ["Analis SDM Aparatur Ahli Pertama", "Penelaah Teknis Kebijakan"]),
    ("Bidang Penilaian Kinerja Aparatur dan Penghargaan", ["Asesor SDM Aparatur Ahli Pertama",
                                                           "Pengolah Data dan Informasi"]),
))  # fmt: skip
BKAD = ("Badan Keuangan dan Aset Daerah", "BKAD", "ek", None, SUBBAG_STANDARD, (
    ("Bidang Anggaran", ["Analis Keuangan Pusat dan Daerah Ahli Pertama"]),
    ("Bidang Perbendaharaan", ["Pengelola Keuangan", "Analis Keuangan Pusat dan Daerah Ahli Muda"]),
    ("Bidang Akuntansi dan Pelaporan", ["Pengelola Keuangan", "Penelaah Teknis Kebijakan"]),
    ("Bidang Pengelolaan Barang Milik Daerah", ["Pengolah Data dan Informasi"]),
))  # fmt: skip
PUSKESMAS_STAFF = ["Dokter Ahli Pertama", "Perawat Terampil", "Perawat Ahli Pertama", "Bidan Terampil",
                   "Nutrisionis Terampil", "Tenaga Sanitasi Lingkungan Terampil",
                   "Pranata Laboratorium Kesehatan Terampil"]  # fmt: skip
RSUD_BIDANG = (
    ("Bidang Pelayanan Medik", ["Dokter Ahli Pertama", "Dokter Ahli Muda", "Dokter Gigi Ahli Pertama",
                                "Apoteker Ahli Pertama", "Asisten Apoteker Terampil", "Radiografer Terampil",
                                "Pranata Laboratorium Kesehatan Terampil"]),
    ("Bidang Keperawatan", ["Perawat Terampil", "Perawat Mahir", "Perawat Ahli Pertama", "Perawat Ahli Muda",
                            "Bidan Terampil", "Bidan Ahli Pertama", "Nutrisionis Terampil"]),
)  # fmt: skip


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
    kepala = _Post(unit, f"Kepala {nama}", J.FUNGSIONAL, 11, kabid, field="pd", gol=(12, 13), s2=0.3)
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


KELURAHAN = {
    "Tomohon Tengah": ("Kolongan", "Matani Satu", "Kamasi", "Kamasi Satu", "Kolongan Satu", "Matani Dua",
                       "Matani Tiga", "Talete Satu", "Talete Dua"),
    "Tomohon Utara": ("Kakaskasen", "Kakaskasen Satu", "Kakaskasen Dua", "Kakaskasen Tiga", "Kinilow",
                      "Kinilow Satu", "Tinoor Satu", "Tinoor Dua", "Wailan", "Kayawu"),
    "Tomohon Selatan": ("Walian", "Walian Satu", "Walian Dua", "Kampung Jawa", "Lahendong", "Lansot",
                        "Pinaras", "Tondangow", "Uluindano", "Tumatangtang", "Tumatangtang Satu", "Pangolombian"),
    "Tomohon Timur": ("Paslaten Satu", "Paslaten Dua", "Rurukan", "Rurukan Satu", "Kumelembuai"),
    "Tomohon Barat": ("Woloan Satu", "Woloan Satu Utara", "Woloan Dua", "Woloan Tiga", "Taratara",
                      "Taratara Satu", "Taratara Dua", "Taratara Tiga"),
}  # fmt: skip
PUSKESMAS = ("Kakaskasen", "Tinoor", "Matani", "Lansot", "Pinaras", "Rurukan", "Woloan", "Taratara")

# Other perangkat daerah: (nama, singkatan, field, kepala (None: "Kepala <nama>"), bidang, fungsional).
OPD_LAIN = (
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "kom", None,
     ("Bidang Aplikasi Informatika", "Bidang Informasi dan Komunikasi Publik", "Bidang Persandian dan Statistik"),
     (("Pranata Komputer", "Ahli Pertama", "Ahli Muda"), ("Pranata Hubungan Masyarakat", "Ahli Pertama", "Terampil"),
      ("Sandiman", "Ahli Pertama", "Terampil"), ("Statistisi", "Ahli Pertama", "Ahli Muda"))),
    ("Inspektorat Daerah", "Inspektorat", "ek", "Inspektur",
     ("Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II", "Inspektur Pembantu Wilayah III",
      "Inspektur Pembantu Khusus"),
     (("Auditor", "Ahli Pertama", "Ahli Muda"),
      ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "Ahli Pertama", "Ahli Muda"))),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappelitbangda", "plan",
     None, ("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                      "Bidang Perencanaan Perekonomian, Infrastruktur dan Kewilayahan",
                      "Bidang Penelitian dan Pengembangan"),
     (("Perencana", "Ahli Pertama", "Ahli Muda"), ("Peneliti", "Ahli Pertama", "Ahli Muda"))),
    ("Badan Pendapatan Daerah", "Bapenda", "ek", None,
     ("Bidang Pendataan dan Penetapan", "Bidang Penagihan dan Keberatan", "Bidang Pengembangan dan Pengendalian"),
     (("Analis Keuangan Pusat dan Daerah", "Ahli Pertama", "Ahli Muda"),)),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", "tek", None,
     ("Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya", "Bidang Penataan Ruang"),
     (("Teknik Jalan dan Jembatan", "Ahli Pertama", "Terampil"), ("Teknik Pengairan", "Ahli Pertama", "Terampil"),
      ("Penata Ruang", "Ahli Pertama", "Ahli Muda"))),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "pol", "Kepala Satuan Polisi Pamong Praja",
     ("Bidang Penegakan Peraturan Daerah", "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
      "Bidang Perlindungan Masyarakat"),
     (("Polisi Pamong Praja", "Terampil", "Mahir"), ("Polisi Pamong Praja", "Ahli Pertama", "Penyelia"))),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "kom", None,
     ("Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
      "Bidang Pengelolaan Informasi Administrasi Kependudukan"),
     (("Administrator Database Kependudukan", "Ahli Pertama", "Terampil"),)),
    ("Sekretariat Dewan Perwakilan Rakyat Daerah", "Setwan", "umum", "Sekretaris DPRD",
     ("Bagian Umum dan Keuangan", "Bagian Persidangan dan Perundang-undangan",
      "Bagian Fasilitasi Penganggaran dan Pengawasan"),
     (("Analis Kebijakan", "Ahli Pertama", "Ahli Muda"), ("Perancang Peraturan Perundang-undangan", "Ahli Pertama",
                                                          "Ahli Muda"))),
    ("Dinas Sosial", "Dinsos", "sos", None,
     ("Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial", "Bidang Pemberdayaan Sosial"),
     (("Pekerja Sosial", "Ahli Pertama", "Terampil"), ("Penyuluh Sosial", "Ahli Pertama", "Ahli Muda"))),
    ("Dinas Pariwisata", "Dispar", "umum", None,
     ("Bidang Destinasi Pariwisata", "Bidang Pemasaran Pariwisata", "Bidang Ekonomi Kreatif"),
     (("Adyatama Kepariwisataan dan Ekonomi Kreatif", "Ahli Pertama", "Ahli Muda"),)),
    ("Dinas Pertanian", "Distan", "tani", None,
     ("Bidang Tanaman Pangan dan Hortikultura", "Bidang Peternakan dan Kesehatan Hewan", "Bidang Penyuluhan"),
     (("Penyuluh Pertanian", "Ahli Pertama", "Terampil"), ("Medik Veteriner", "Ahli Pertama", "Ahli Muda"))),
    ("Dinas Lingkungan Hidup", "DLH", "lh", None,
     ("Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah dan Limbah B3",
      "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan"),
     (("Pengendali Dampak Lingkungan", "Ahli Pertama", "Ahli Muda"),
      ("Pengawas Lingkungan Hidup", "Ahli Pertama", "Terampil"))),
    ("Dinas Perhubungan", "Dishub", "tek", None,
     ("Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Sarana dan Prasarana"),
     (("Penguji Kendaraan Bermotor", "Terampil", "Mahir"),)),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", "tek", None,
     ("Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertanahan"),
     (("Penata Ruang", "Ahli Pertama", "Ahli Muda"),)),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "arsip", None,
     ("Bidang Perpustakaan", "Bidang Kearsipan"),
     (("Pustakawan", "Ahli Pertama", "Terampil"), ("Arsiparis", "Ahli Pertama", "Terampil"))),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "umum", None,
     ("Bidang Penanaman Modal", "Bidang Pelayanan Perizinan dan Nonperizinan"),
     (("Analis Kebijakan", "Ahli Pertama", "Ahli Muda"), ("Pranata Komputer", "Terampil", "Ahli Pertama"))),
    ("Dinas Koperasi dan Usaha Kecil dan Menengah", "Diskop UKM", "ek", None,
     ("Bidang Koperasi", "Bidang Usaha Mikro, Kecil dan Menengah"),
     (("Pengawas Koperasi", "Ahli Pertama", "Ahli Muda"),)),
    ("Dinas Perdagangan dan Perindustrian", "Disperindag", "ek", None,
     ("Bidang Perdagangan", "Bidang Perindustrian", "Bidang Metrologi Legal"),
     (("Pengawas Perdagangan", "Ahli Pertama", "Ahli Muda"), ("Penera", "Terampil", "Mahir"))),
    ("Dinas Ketahanan Pangan", "DKP", "tani", None,
     ("Bidang Ketersediaan dan Distribusi Pangan", "Bidang Konsumsi dan Keamanan Pangan"),
     (("Analis Ketahanan Pangan", "Ahli Pertama", "Ahli Muda"),)),
    ("Dinas Pemuda dan Olahraga", "Dispora", "umum", None,
     ("Bidang Kepemudaan", "Bidang Keolahragaan"), (("Analis Kebijakan", "Ahli Pertama", "Ahli Muda"),)),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "sos", None,
     ("Bidang Pemberdayaan Perempuan", "Bidang Perlindungan Anak"),
     (("Penyuluh Sosial", "Ahli Pertama", "Ahli Muda"),)),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", "kes", None,
     ("Bidang Pengendalian Penduduk", "Bidang Keluarga Berencana"),
     (("Penyuluh Keluarga Berencana", "Ahli Pertama", "Terampil"),)),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "tek", "Kepala Pelaksana BPBD",
     ("Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik",
      "Bidang Rehabilitasi dan Rekonstruksi"), (("Analis Kebijakan", "Ahli Pertama", "Ahli Muda"),)),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "sos", None,
     ("Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
      "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"),
     (("Analis Kebijakan", "Ahli Pertama", "Ahli Muda"),)),
)  # fmt: skip


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


def _build_org(employees: int) -> _Org:
    """The core (Setda and three OPDs with the required situations), then what `employees` allows."""
    org = _Org()
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


# --- people ------------------------------------------------------------------------------------


@dataclass
class _Person:
    post: _Post
    persona: str
    mulai: date  # of the definitive posting
    fields: dict  # Pegawai fields


class _People:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.serials: Counter[str] = Counter()

    def name(self, gender: str) -> str:
        r = self.rng
        if r.random() < 0.05:
            given = r.choice(MUSLIM_MALE if gender == "L" else MUSLIM_FEMALE)
            return f"{given} {r.choice(MUSLIM_FAM)}"
        given = r.choice(MALE if gender == "L" else FEMALE)
        if r.random() < 0.35:
            given += " " + r.choice(MALE_2 if gender == "L" else FEMALE_2)
        return f"{given} {r.choice(MARGA)}"

    def gelar(self, f: str, edu: str, s2: bool, born: int, gender: str, s3: bool = False) -> tuple[str, str]:
        if edu == "SMA":
            return "", ""
        diploma, bachelors, masters = GELAR[f]
        if edu == "D3":
            return "", diploma
        depan, belakang = "", []
        s1 = self.rng.choice(bachelors)
        if isinstance(s1, tuple):
            depan = s1[0]
            belakang += [s1[1]] if s1[1] else []
        elif born < 1972 and s1 in ("S.Sos.", "S.IP.", "S.AP."):
            depan = "Drs." if gender == "L" else "Dra."  # the older "doktorandus" degree
        elif born < 1972 and s1 == "S.T.":
            depan = "Ir."
        else:
            belakang.append(s1)
        if s2:
            belakang.append(self.rng.choice(masters))
        if s3:
            depan = f"Dr. {depan}".strip()
        return depan, ", ".join(belakang)

    def nip(self, **kwargs) -> str:
        prefix = build_nip(nomor_urut=1, **kwargs)[:15]
        self.serials[prefix] += 1
        return build_nip(nomor_urut=self.serials[prefix], **kwargs)

    def phone(self) -> str:
        r = self.rng
        return (
            "08" + r.choice(("11", "12", "13", "21", "22", "52", "53", "77", "78", "95")) + f"{r.randrange(10**8):08d}"
        )

    def make(self, post: _Post, status: str, persona: str = "") -> _Person:
        if persona:  # a persona is the same person whatever the size of the pemda
            main, self.rng = self.rng, random.Random(f"{SEED}-{persona}")
            try:
                return self._make(post, status, persona)
            finally:
                self.rng = main
        return self._make(post, status, persona)

    def _make(self, post: _Post, status: str, persona: str) -> _Person:
        r = self.rng
        structural = not post.multi
        if persona:
            nama, gender = PERSONA_NAMES[persona]
        else:
            gender = "P" if r.random() < FEMALE_SHARE.get(post.field, 0.5) else "L"
            nama = self.name(gender)
        edu = r.choice(post.edu)
        entry = ENTRY_BY_FIELD.get(post.field, ENTRY[edu]) if edu == "S1" else ENTRY[edu]
        lo, hi = post.gol if post.jenis != J.PELAKSANA else (ENTRY[edu], PELAKSANA_GOL[edu][1])
        age_lo, age_hi = AGE_AT_ENTRY[edu]
        bup = 60 if post.jenis == J.JPT or post.nama.endswith("Ahli Madya") else 58
        s2 = r.random() < post.s2
        s3 = structural and post.eselon in (Eselon.II_A, Eselon.II_B) and r.random() < 0.15
        kedudukan = KedudukanHukum.AKTIF

        if status == St.PPPK:
            gol_pppk, gmin, gmax = PPPK_GOLONGAN[edu]
            tahun = r.choice((2022, 2023, 2024))
            born = date(tahun - r.randint(age_lo + 2, age_hi + 12), r.randint(1, 12), r.randint(1, 28))
            nip = self.nip(tanggal_lahir=born, jenis_kelamin=gender, tahun_pppk=tahun)
            golongan, mk = gol_pppk, r.randint(0, 8)
            gaji = gmin + (gmax - gmin) * mk // 33
            mulai = date(tahun + 1, r.choice((1, 3, 4)), 1)
            kedudukan = KedudukanHukum.PPPK_AKTIF
        else:
            if status == St.CPNS:
                g, mk, tmt = entry, 0, date(2025, 7, 1)
            else:
                # A regular kenaikan pangkat every four years, and some years waiting for one.
                g = r.randint(max(lo, entry), max(hi, entry))
                mk = max(2, (g - entry) * 4 + r.randint(0, 3) + r.choice((0, 0, 2, 4, 6, 8)))
                tmt = date(REF_YEAR - mk, r.choice((1, 2, 3, 4, 12)), 1)
            born_year = max(tmt.year - r.randint(age_lo, age_hi), REF_YEAR - bup + 1)  # not past pension age
            if tmt.year - born_year < age_lo:
                tmt = tmt.replace(year=born_year + age_lo)
                mk = REF_YEAR - tmt.year
            born = date(born_year, r.randint(1, 12), r.randint(1, 28))
            nip = self.nip(tanggal_lahir=born, jenis_kelamin=gender, tmt_cpns=tmt)
            golongan = GOLONGAN[g]
            gmin, gmax = GAJI_POKOK[g]
            gaji = gmin + (gmax - gmin) * min(mk, 32) // 32
            if status == St.CPNS:
                gaji = gaji * 80 // 100  # CPNS receive 80% of the gaji pokok
                mulai = tmt
            else:
                mulai = date(r.randint(min(max(tmt.year + 1, 2016), 2025), 2025), r.randint(1, 12), 1)
        # Tunjangan suami/istri (10%) and anak (2% each, two at most) on top of the gaji pokok.
        if mk >= 2 and r.random() < 0.8:
            gaji = gaji * (110 + 2 * r.randint(0, 2)) // 100
        gaji = max(2_000_000, min(6_000_000, round(gaji, -2)))
        depan, belakang = self.gelar(post.field, edu, s2, born.year, gender, s3)
        fields = dict(nip=nip, nama=nama, gelar_depan=depan, gelar_belakang=belakang, jenis_kelamin=gender)
        fields.update(tanggal_lahir=born, status=status, golongan=golongan, kedudukan_hukum=kedudukan)
        fields.update(gaji_dasar=gaji, no_hp=self.phone())
        return _Person(post, persona, mulai, fields)

    def status_for(self, post: _Post) -> str:
        if not post.multi or post.nama.startswith("Kepala "):
            return St.PNS
        r = self.rng.random()
        # PPPK and CPNS are recruited into the entry levels (and pelaksana posts).
        if not (post.nama.endswith(("Ahli Pertama", "Terampil")) or post.jenis == J.PELAKSANA):
            return St.PNS
        if r < PPPK_SHARE.get(post.field, 0.1 if post.jenis == J.FUNGSIONAL else 0.06):
            return St.PPPK
        return St.CPNS if r > 0.96 else St.PNS


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


def _distribute(org: _Org, employees: int, rng: random.Random) -> None:
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
    org = _build_org(employees)
    _distribute(org, employees, rng)
    with transaction.atomic():
        if Pemda.objects.exists():
            raise DemoExists("Database ini sudah berisi pemda; seed_demo hanya mengisi database kosong.")
        taken = list(User.objects.filter(username__in=PERSONAS).values_list("username", flat=True))
        if taken:
            raise DemoExists(f"Nama pengguna demo sudah dipakai: {', '.join(taken)}.")
        return _write(org, today, rng)


def _write(org: _Org, today: date, rng: random.Random) -> DemoResult:
    pemda = Pemda.objects.create(nama=PEMDA_NAMA, jenis=JenisPemda.KOTA, kode=PEMDA_KODE)

    def make_unit(u: _Unit) -> UnitKerja:
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
    people = _People(rng)
    marks = {org.refs[k]: k for k in ("pegawai", "atasan", "atasan2", "adminopd", "hr")}
    persons: list[_Person] = []
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
    return DemoResult(
        pemda=pemda,
        employees=len(pegawai),
        units=len(org.units),
        jabatan=len(org.posts),
        plt=plt,
        vacant=org.refs["vacant"].obj,
        mutasi=mutasi,
    )


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
