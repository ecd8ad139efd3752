"""The demo's constants, reference tables (golongan, gaji, jabatan levels, degrees) and the names
of Tomohon it draws people from."""

from accounts.choices import Eselon, JenisJabatan, JenisUnit

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
