"""The OpenAPI 3.1 document of the read API (issue 19), served at /api/v1/openapi.json.

Written as data next to the views; tests/api/ validates every endpoint's real answers against the
schemas here, path by path, so an endpoint without a description fails its test.
"""

from accounts.choices import Golongan, JenisKelamin, KedudukanHukum, StatusPegawai
from skp.choices import JenisPeriode, Predikat, Rating


def _ref(nama: str) -> dict:
    return {"$ref": f"#/components/schemas/{nama}"}


def _q(nama: str, keterangan: str, *, wajib: bool = False, **schema) -> dict:
    return {
        "name": nama,
        "in": "query",
        "required": wajib,
        "description": keterangan,
        "schema": {"type": "integer", **schema} if "type" not in schema else schema,
    }


HALAMAN = [
    _q("halaman", "Nomor halaman, mulai 1.", minimum=1, default=1),
    _q("per_halaman", "Banyak baris per halaman (1 sampai 100).", minimum=1, maximum=100, default=50),
]
NIP_Q = _q("nip", "Hanya pegawai dengan NIP ini (18 angka).", type="string", pattern="^[0-9]{18}$")
OPD_Q = _q("opd", "Hanya pegawai OPD dengan id ini.", minimum=1)
TAHUN_Q = _q("tahun", "Tahun.", minimum=2000, maximum=2100)


def _jawaban(keterangan: str, schema: dict) -> dict:
    return {"description": keterangan, "content": {"application/json": {"schema": schema}}}


GALAT = {
    "401": _jawaban("Tanpa token, token tidak sah, tidak aktif, habis, atau tanpa izin baca.", _ref("Galat")),
    "400": _jawaban("Parameter salah; pesan dalam bahasa Indonesia.", _ref("Galat")),
}


def _daftar(item: str) -> dict:
    return {
        "type": "object",
        "required": ["halaman", "per_halaman", "jumlah", "halaman_berikutnya", "data"],
        "additionalProperties": False,
        "properties": {
            "halaman": {"type": "integer", "minimum": 1},
            "per_halaman": {"type": "integer", "minimum": 1, "maximum": 100},
            "jumlah": {"type": "integer", "minimum": 0, "description": "Banyak baris di semua halaman."},
            "halaman_berikutnya": {"type": ["integer", "null"], "minimum": 2},
            "data": {"type": "array", "items": _ref(item)},
        },
    }


def _objek(properties: dict) -> dict:
    return {"type": "object", "required": sorted(properties), "additionalProperties": False, "properties": properties}


STR = {"type": "string"}
INT = {"type": "integer"}
NIP = {"type": "string", "pattern": "^[0-9]{18}$"}
DESIMAL = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
RUPIAH = {"type": "integer", "description": "Rupiah."}
OPD = {"oneOf": [_ref("Opd"), {"type": "null"}]}
WAKTU = {"type": ["string", "null"], "format": "date-time"}
RATING = {"type": "string", "enum": list(Rating.values)}


def _get(ringkasan: str, parameter: list, item_schema: dict, *, tambahan: dict | None = None) -> dict:
    return {
        "get": {
            "summary": ringkasan,
            "security": [{"token": []}],
            "parameters": parameter,
            "responses": {"200": _jawaban("Berhasil.", item_schema), **GALAT, **(tambahan or {})},
        }
    }


def dokumen() -> dict:
    """The whole document (built per call: the enums come from the choices)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "E-Kinerja API baca",
            "version": "1.0.0",
            "description": (
                "API hanya-baca untuk sistem lain milik pemda. Setiap jawaban terbatas pada pemda token, "
                "dan pada OPD token bila token dibatasi OPD. Token dibuat HR pemda di halaman Token integrasi "
                "dengan izin 'baca data'."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Header Authorization: Bearer <token integrasi dengan izin baca>.",
                }
            },
            "schemas": {
                "Galat": _objek({"error": STR}),
                "Opd": _objek({"id": INT, "nama": STR}),
                "Pegawai": _objek(
                    {
                        "nip": NIP,
                        "nama": STR,
                        "nama_lengkap": {"type": "string", "description": "Nama dengan gelar."},
                        "jenis_kelamin": {"type": "string", "enum": list(JenisKelamin.values)},
                        "status": {"type": "string", "enum": list(StatusPegawai.values)},
                        "golongan": {"type": "string", "enum": list(Golongan.values)},
                        "kedudukan_hukum": {"type": "string", "enum": list(KedudukanHukum.values)},
                        "opd": OPD,
                        "jabatan": {"type": ["string", "null"], "description": "Jabatan utama hari ini."},
                    }
                ),
                "RekapAktivitas": _objek(
                    {
                        "nip": NIP,
                        "nama": STR,
                        "opd": OPD,
                        "tahun": INT,
                        "bulan": {"type": "integer", "minimum": 1, "maximum": 12},
                        "hari_kerja": INT,
                        "menit_per_hari": INT,
                        "target_menit": INT,
                        "menit_diajukan": INT,
                        "menit_diverifikasi": INT,
                        "menit_divalidasi": INT,
                        "capaian_persen": {**DESIMAL, "description": "Menit divalidasi dibanding target, persen."},
                    }
                ),
                "PenilaianSkp": _objek(
                    {
                        "id": INT,
                        "nip": NIP,
                        "nama": STR,
                        "tahun": INT,
                        "jenis_periode": {"type": "string", "enum": list(JenisPeriode.values)},
                        "periode_ke": {"type": "integer", "minimum": 1},
                        "hasil_kerja": RATING,
                        "perilaku_kerja": RATING,
                        "predikat": {"type": "string", "enum": list(Predikat.values)},
                        "angka_kredit": {"oneOf": [DESIMAL, {"type": "null"}]},
                        "dinilai_pada": WAKTU,
                        "penilai_nip": {"oneOf": [NIP, {"type": "null"}]},
                    }
                ),
                "BarisTpp": _objek(
                    {
                        "nip": NIP,
                        "nama": STR,
                        "tahun": INT,
                        "bulan": {"type": "integer", "minimum": 1, "maximum": 12},
                        "ditutup": WAKTU,
                        "opd": OPD,
                        "nama_jabatan": STR,
                        "kelas": {"type": ["integer", "null"]},
                        "golongan": STR,
                        "hari_kerja": INT,
                        "capaian": {**DESIMAL, "description": "Capaian kinerja, pecahan 0 sampai 1."},
                        "besaran": RUPIAH,
                        "bagian_kinerja": RUPIAH,
                        "bagian_disiplin": RUPIAH,
                        "bruto": RUPIAH,
                        "potongan_hukdis": RUPIAH,
                        "bpjs_pegawai": RUPIAH,
                        "bpjs_pemda": RUPIAH,
                        "pph": RUPIAH,
                        "neto": RUPIAH,
                        "batal": {"type": "string", "description": "Alasan tidak dibayar, jika ada."},
                    }
                ),
                "DaftarPegawai": _daftar("Pegawai"),
                "DaftarRekapAktivitas": _daftar("RekapAktivitas"),
                "DaftarPenilaianSkp": _daftar("PenilaianSkp"),
                "DaftarBarisTpp": _daftar("BarisTpp"),
            },
        },
        "paths": {
            "/pegawai/": _get("Daftar pegawai.", [*HALAMAN, OPD_Q, NIP_Q], _ref("DaftarPegawai")),
            "/pegawai/{nip}/": _get(
                "Satu pegawai menurut NIP.",
                [{"name": "nip", "in": "path", "required": True, "schema": NIP}],
                _ref("Pegawai"),
                tambahan={"404": _jawaban("Pegawai tidak ada dalam cakupan token.", _ref("Galat"))},
            ),
            "/rekap-aktivitas/": _get(
                "Rekap aktivitas bulanan per pegawai (menit dan capaian, cara hitung yang sama dengan dasbor).",
                [
                    {**TAHUN_Q, "required": True},
                    _q("bulan", "Bulan 1 sampai 12.", wajib=True, minimum=1, maximum=12),
                    *HALAMAN,
                    OPD_Q,
                    NIP_Q,
                ],
                _ref("DaftarRekapAktivitas"),
            ),
            "/penilaian-skp/": _get(
                "Hasil penilaian SKP yang sudah selesai (periode, rating, predikat).",
                [TAHUN_Q, *HALAMAN, NIP_Q],
                _ref("DaftarPenilaianSkp"),
            ),
            "/tpp/": _get(
                "Baris TPP bulan yang sudah ditutup.",
                [
                    TAHUN_Q,
                    _q("bulan", "Bulan 1 sampai 12 (bersama tahun).", minimum=1, maximum=12),
                    *HALAMAN,
                    NIP_Q,
                ],
                _ref("DaftarBarisTpp"),
            ),
        },
    }
