"""The tables of the demo organisation: the Sekretariat Daerah, the core OPDs, the other perangkat
daerah, kelurahan per kecamatan and the puskesmas."""

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
