"""The people of the demo: one deterministic person (name, degrees, NIP, golongan, gaji) per post
holder."""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date

from accounts.choices import Eselon, KedudukanHukum
from accounts.choices import StatusPegawai as St
from accounts.rules import build_nip

from .org import Post
from .tables import (
    AGE_AT_ENTRY,
    ENTRY,
    ENTRY_BY_FIELD,
    FEMALE,
    FEMALE_2,
    FEMALE_SHARE,
    GAJI_POKOK,
    GELAR,
    GOLONGAN,
    MALE,
    MALE_2,
    MARGA,
    MUSLIM_FAM,
    MUSLIM_FEMALE,
    MUSLIM_MALE,
    PELAKSANA_GOL,
    PERSONA_NAMES,
    PPPK_GOLONGAN,
    PPPK_SHARE,
    REF_YEAR,
    SEED,
    J,
)

# --- people ------------------------------------------------------------------------------------


@dataclass
class Person:
    post: Post
    persona: str
    mulai: date  # of the definitive posting
    fields: dict  # Pegawai fields


class People:
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

    def make(self, post: Post, status: str, persona: str = "") -> Person:
        if persona:  # a persona is the same person whatever the size of the pemda
            main, self.rng = self.rng, random.Random(f"{SEED}-{persona}")
            try:
                return self._make(post, status, persona)
            finally:
                self.rng = main
        return self._make(post, status, persona)

    def _make(self, post: Post, status: str, persona: str) -> Person:
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
        return Person(post, persona, mulai, fields)

    def status_for(self, post: Post) -> str:
        if not post.multi or post.nama.startswith("Kepala "):
            return St.PNS
        r = self.rng.random()
        # PPPK and CPNS are recruited into the entry levels (and pelaksana posts).
        if not (post.nama.endswith(("Ahli Pertama", "Terampil")) or post.jenis == J.PELAKSANA):
            return St.PNS
        if r < PPPK_SHARE.get(post.field, 0.1 if post.jenis == J.FUNGSIONAL else 0.06):
            return St.PPPK
        return St.CPNS if r > 0.96 else St.PNS
