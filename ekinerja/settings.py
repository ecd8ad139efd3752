"""E-Kinerja settings, read from the environment (django-environ).

Defaults give an embedded setup for `make run` (SQLite under var/, filesystem Celery broker);
production sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG=off.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("EKINERJA_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    TIME_ZONE=(str, "Asia/Makassar"),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31536000),
    BEHIND_PROXY=(bool, False),
)

DEBUG = env("DEBUG")
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY")  # required: ImproperlyConfigured when missing
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "core",
    "ekinerja",
    "accounts",
    "notifikasi",
    "attendance",
    "activities",
    "skp",
    "tpp",
    "beranda",
    "panduan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware_upload.BatasUnggahanMiddleware",  # an oversized body: 413 before it is read
    # the request id on the audit rows (core.audit) and in the response
    "core.middleware.RequestIdMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # the pemda's time zone (Pemda.zona_waktu) for the whole request
    "accounts.middleware.ZonaWaktuMiddleware",
    "accounts.middleware.WajibGantiPasswordMiddleware",
    # the second factor (accounts/faktor_kedua.py): django-otp marks the session, ours enforces it
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.FaktorKeduaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # role holders are signed out after the pemda's idle time (Pemda.batas_diam_menit)
    "accounts.middleware.BatasDiamMiddleware",
    # outages (database, job queue) become a page the user can act on, not a 500
    "core.middleware.GangguanMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # axes last: it turns a lockout signal into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ekinerja.urls"
WSGI_APPLICATION = "ekinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "beranda.context_processors.navigation",
            ],
        },
    },
]

# Database: PostgreSQL in production and tests; a SQLite file under var/ for `make run`.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ekinerja.sqlite3'}")}
# Persistent connections: CONN_MAX_AGE=0 cut throughput about 6x (STACK.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Health checks: after a PostgreSQL restart the first query of a request finds the dead persistent
# connection and reconnects, so the app recovers by itself (issue 8).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No server-side cursors: a form's choice list (ModelChoiceField uses .iterator()) would otherwise
# cost DECLARE … WITH HOLD, FETCH and CLOSE round trips in autocommit (bench/peak.py); also what a
# transaction-pooling PgBouncer needs.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails a request in seconds (the 503 page) instead of hanging a worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for the embedded mode: the web server and the worker write at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.NipOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 60 * 60 * 12  # one working day
# Sessions are read on every request: from Redis when there is one (the row in the database stays the
# truth, so a Redis restart logs nobody out, and sessions still load while PostgreSQL is down).
if env.str("CACHE_REDIS_URL", default=env.str("REDIS_URL", default="")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Lockout (django-axes, accounts/backends.py): five wrong passwords lock an account from any address,
# a higher count locks an address (offices sit behind one NAT address); both lift by themselves
# after a cool-off, so that a forgotten password costs a quarter of an hour, never a locked-out month
# end. The account key folds case and NIP to one account; every failure stays in axes' failure log.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_HANDLER = "accounts.backends.ThrottleHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_LOCKOUT_CALLABLE = "accounts.backends.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.backends.axes_username"
# axes.W006 wants the address among the lockout parameters; it has its own, higher limit instead
# (with it there, one office login would reset every colleague's count and five failures would lock
# the whole office).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# The client address: REMOTE_ADDR, or behind the proxy the address it appended to X-Forwarded-For.
BEHIND_PROXY = env("BEHIND_PROXY")
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip"
# Second factor (django-otp): the name the authenticator app shows, and its back-off after wrong codes.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="E-Kinerja")
# Passkeys (django-otp-webauthn) are a second factor after the password, never a login without it. The
# relying party is the host the page was served from (validated by ALLOWED_HOSTS); the origins a
# passkey may answer from default to https:// on each of ALLOWED_HOSTS (and http://localhost:8000 while DEBUG:
# a passkey never works on a bare IP address such as 127.0.0.1).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.faktor_kedua.passkey_rp_id"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "OTP_WEBAUTHN_ALLOWED_ORIGINS",
    default=[f"https://{h}" for h in ALLOWED_HOSTS if h and h[0] not in ".*"]
    + (["http://localhost:8000"] if DEBUG else []),
)

# Language, time and formats: Indonesian first, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE")  # WITA: Tomohon and Gowa
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["ekinerja.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest body a request may declare (core/middleware_upload.py): the largest upload limit, a
# machine ATTLOG (attendance MAX_ATTLOG_BYTES, 20 MB), plus 1 MB for the form's other fields and the
# multipart framing. The proxy's client_max_body_size (README) matches it.
MAX_REQUEST_BODY_BYTES = 21 * 1024 * 1024

# Admission control (core/admission.py, issue 20): per web process, at most ADMISSION_RUNNING requests
# run Django at once and at most ADMISSION_WAITING wait for a slot, each for at most
# ADMISSION_MAX_WAIT_MS; the rest get the "busy" 503 page at once with Retry-After. It needs gunicorn's
# gthread workers with more threads than running + waiting (README, Production deployment). A line
# of 4 rather than 2: the slots are per process and a connection goes to whichever process accepts
# it, so with 2 a lone busy refusal came at a third of the box's CPU (bench/peak.py on an idle box,
# 2026-12-08: capacity 28 → 42 req/s, the 3 × overload still admitted within p95 216 ms).
ADMISSION_RUNNING = env.int("ADMISSION_RUNNING", default=1)
ADMISSION_WAITING = env.int("ADMISSION_WAITING", default=4)
ADMISSION_MAX_WAIT_MS = env.int("ADMISSION_MAX_WAIT_MS", default=150)
ADMISSION_RETRY_AFTER = env.int("ADMISSION_RETRY_AFTER", default=5)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content Security Policy: every script is a static file, so no inline JS can run.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Security for production (DEBUG off). `check --deploy` leaves only W021 (HSTS preload).
if not DEBUG:
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env("BEHIND_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# E-mail (notifications) as one URL, e.g. EMAIL_URL=smtp+tls://user:pass@mail.example.go.id:587
_email = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_email_options = {}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    _email_options = {
        "host": _email["EMAIL_HOST"],
        "port": _email["EMAIL_PORT"],
        "username": _email["EMAIL_HOST_USER"],
        "password": _email["EMAIL_HOST_PASSWORD"],
        "use_tls": _email.get("EMAIL_USE_TLS", False),
        "use_ssl": _email.get("EMAIL_USE_SSL", False),
    }
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="E-Kinerja <noreply@localhost>")
# Links in e-mails and other messages sent outside a request (the reminder digest).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Where notifications go (core/notifications.py): e-mail, plus any gateway class added here, e.g.
# "notifikasi.channels.TelegramChannel", "notifikasi.channels.WhatsAppGatewayChannel" (or
# "notifikasi.channels.WhatsAppCloudChannel"); a channel gets (user, subject, text).
NOTIFICATION_CHANNELS = env.list("NOTIFICATION_CHANNELS", default=["core.notifications.EmailChannel"])
# The channel of people who have not chosen one (Akun › Pemberitahuan): a channel name above, or "aplikasi".
NOTIFICATION_DEFAULT_CHANNEL = env.str("NOTIFICATION_DEFAULT_CHANNEL", default="email")
NOTIFICATION_TIMEOUT = env.int("NOTIFICATION_TIMEOUT", default=10)  # seconds a gateway may take to answer
# A failed delivery is tried again this many times, after 1, 2, 4… times the delay (notifikasi/tasks.py).
NOTIFICATION_RETRIES = env.int("NOTIFICATION_RETRIES", default=3)
NOTIFICATION_RETRY_DELAY = env.int("NOTIFICATION_RETRY_DELAY", default=60)
# notifikasi.channels.TelegramChannel: the bot's token; the API URL may be a self-hosted Bot API server.
TELEGRAM_BOT_TOKEN = env.str("TELEGRAM_BOT_TOKEN", default="")
TELEGRAM_API_URL = env.str("TELEGRAM_API_URL", default="https://api.telegram.org")

# The bridge to BKN (skp/bkn_client.py): SIASN's API gateway and its two bearer tokens (the WSO2
# gateway token and the SSO token, as public SIASN clients send them). Empty URL: pushing is off.
BKN_API_URL = env.str("BKN_API_URL", default="")
BKN_API_TOKEN = env.str("BKN_API_TOKEN", default="")
BKN_SSO_TOKEN = env.str("BKN_SSO_TOKEN", default="")
BKN_TIMEOUT = env.int("BKN_TIMEOUT", default=30)
# notifikasi.channels.WhatsAppGatewayChannel: the gateway's request shape, {nomor} and {pesan} filled in.
WHATSAPP_GATEWAY_URL = env.str("WHATSAPP_GATEWAY_URL", default="")
WHATSAPP_GATEWAY_METHOD = env.str("WHATSAPP_GATEWAY_METHOD", default="POST")
WHATSAPP_GATEWAY_HEADERS = env.json("WHATSAPP_GATEWAY_HEADERS", default={})
WHATSAPP_GATEWAY_BODY = env.json("WHATSAPP_GATEWAY_BODY", default={"target": "{nomor}", "message": "{pesan}"})
WHATSAPP_GATEWAY_FORMAT = env.str("WHATSAPP_GATEWAY_FORMAT", default="json")  # or "form"
WHATSAPP_GATEWAY_SUCCESS = env.str("WHATSAPP_GATEWAY_SUCCESS", default="")
# notifikasi.channels.WhatsAppCloudChannel (Meta's Cloud API); the URL carries the Graph API version.
WHATSAPP_CLOUD_URL = env.str("WHATSAPP_CLOUD_URL", default="https://graph.facebook.com/v21.0")
WHATSAPP_CLOUD_PHONE_NUMBER_ID = env.str("WHATSAPP_CLOUD_PHONE_NUMBER_ID", default="")
WHATSAPP_CLOUD_TOKEN = env.str("WHATSAPP_CLOUD_TOKEN", default="")

# Cache: Redis when there is one; else files under var/, which the web server and the embedded
# worker share (job progress written by the worker is read by the page).
REDIS_URL = env.str("REDIS_URL", default="")
# Issue 20: past one machine the cache (sessions, counters) gets its own Redis, so a burst of jobs
# on the broker never evicts or slows sessions; one Redis serves both when this is not set.
CACHE_REDIS_URL = env.str("CACHE_REDIS_URL", default=REDIS_URL)
if CACHE_REDIS_URL:
    # A Redis outage must degrade, not give a 500: misses and dropped writes (core/cache.py),
    # with short timeouts so a page never waits long for a server that is gone.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Celery: Redis in production; with no REDIS_URL a filesystem broker under var/ lets a real
# worker process run beside `runserver` (STACK.md), so background jobs behave as in production.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TRACK_STARTED = True
# Issue 20: the interactive, nightly and notification queues (ekinerja/celery.py), and time limits so
# a stuck task frees its worker: the largest nightly job of a 10,000-employee pemda takes about a
# minute here (the anomaly check), a recap a few seconds (README, Benchmarks). Enforced by the
# prefork pool of production workers; the solo pool of `make run` and the tests ignores them.
CELERY_TASK_ROUTES = ("ekinerja.celery.rute",)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=20 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=25 * 60)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # With Redis down, starting a job must fail in about a second (the page then says the queue is
    # unavailable), not after the result backend's default 20 reconnection attempts.
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
        "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
    }
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
else:
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "celery"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_TASK_IGNORE_RESULT = True  # the job rows in the database carry progress and results

# Beat schedule: the one place where periodic jobs are declared.
#
# A pemda's job runs at the pemda's own local time, one task per pemda (issue 20, accounts/jadwal.py):
# `_per_pemda(task, hour=..., minute=..., day_of_week=...)` is read on the pemda's wall clock (WIB,
# WITA or WIT, Pemda.zona_waktu). Beat runs the dispatcher accounts.tasks.jadwal_pemda at that minute
# in each installation hour that is one of those hours in one of the three zones; the dispatcher
# enqueues `task(pemda_id)` for the pemda whose local hour and weekday match, and the task runs in
# that pemda's zone. Installation-wide housekeeping (expired sessions, activation sheets, idempotency
# keys and drafts) depends on an instant, not on a pemda's day: one task at an installation hour.
_ZONA_INDONESIA = {"Asia/Jakarta": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9}  # UTC offsets, no DST


def _per_pemda(task: str, *, hour: int | str, minute: int, day_of_week: str = "*") -> dict:
    lokal = crontab(hour=hour, minute=minute, day_of_week=day_of_week)
    sini = _ZONA_INDONESIA.get(CELERY_TIMEZONE)
    # an installation zone outside Indonesia (UTC in a container): wake every hour
    hours = {(h - z + sini) % 24 for h in lokal.hour for z in _ZONA_INDONESIA.values()} if sini is not None else ()
    jam = ",".join(map(str, sorted(hours))) or "*"
    return {
        "task": "accounts.tasks.jadwal_pemda",
        # every weekday: a local Monday 00:15 WIT is still Sunday in WITA; the dispatcher checks the local one
        "schedule": crontab(hour=jam, minute=minute),
        "kwargs": {"tugas": task, "jam": str(hour), "menit": minute, "hari": day_of_week},
    }


CELERY_BEAT_SCHEDULE = {
    # Expired sessions pile up in the sessions table; clear them every night at 02:00 (installation time).
    "sessions-clear-nightly": {
        "task": "accounts.tasks.sessions_clear",
        "schedule": crontab(hour=2, minute=0),
    },
    # logins of people whose last posting ended (on a date set in advance) close, 00:15 local
    "akun-tutup-berakhir": _per_pemda("accounts.tasks.akun_tutup_berakhir_task", hour=0, minute=15),
    # Sheets of activation codes nobody downloaded: their plain codes go once the codes expired.
    "aktivasi-lembar-bersihkan-nightly": {
        "task": "accounts.tasks.aktivasi_lembar_bersihkan",
        "schedule": crontab(hour=2, minute=5),
    },
    # Idempotency keys older than a week and drafts untouched for a month (issue 8).
    "isian-bersihkan-nightly": {
        "task": "core.tasks.isian_bersihkan",
        "schedule": crontab(hour=2, minute=10),
    },
    # Attendance days of the last week for everyone of the pemda (days without punches included), 00:30 local.
    "hari-recompute-nightly": _per_pemda("attendance.tasks.hari_recompute_recent_task", hour=0, minute=30),
    # Entries left waiting in a supervisor's queue past the allowed working days (leader cascade), 01:30 local.
    "tunggakan-record-nightly": _per_pemda("activities.tasks.tunggakan_record_task", hour=1, minute=30),
    # The reminder digest: yesterday's missing activities and waiting queues, from 06:30 local on weekdays
    # (a Saturday of a six-day unit is reminded on Monday; a rerun the same day sends nothing new);
    # hourly until 11:30: someone in their quiet hours at 06:30 gets it at the first run after them.
    "pengingat-harian": _per_pemda(
        "activities.tasks.pengingat_harian_task", hour="6-11", minute=30, day_of_week="mon-fri"
    ),
    # Issue 17: supervisors whose waiting entries become overdue tomorrow, one notification each, 06:35
    # local on weekdays (the last allowed day is always a working day; a rerun writes nothing new).
    "antrean-jatuh-tempo": _per_pemda(
        "activities.tasks.antrean_jatuh_tempo_task", hour=6, minute=35, day_of_week="mon-fri"
    ),
    # Issue 17: in the last working days before a month's entries close (3 by default, the pemda's
    # AturanAktivitas.pengingat_tutup_hari_kerja), everyone with unsent entries of it, one notification
    # per month, or per later deadline a dispensation gives (activities/jobs.py), 06:40 local on weekdays.
    "bulan-ditutup": _per_pemda("activities.tasks.bulan_ditutup_task", hour=6, minute=40, day_of_week="mon-fri"),
    # Issue 18: the anomaly flags of the pemda's open months (this one, and last month until it is
    # closed) and the approvers' monthly figures, every two hours of the working day and at 01:45 local.
    "kejanggalan-periksa": _per_pemda("activities.tasks.kejanggalan_periksa_task", hour="1,8,10,12,14,16", minute=45),
    # Issue 19: the decider of an objection to a rating whose deadline is the next working day, 06:45
    # local on weekdays (skp/jobs.py; a rerun writes nothing new).
    "keberatan-pengingat": _per_pemda("skp.tasks.keberatan_pengingat_task", hour=6, minute=45, day_of_week="mon-fri"),
    # TPP recaps at 04:00 local: a pemda whose rule set names today as its recap day (AturanTpp.hari_rekap)
    # gets last month's whole-pemda recap and, after a quarter's end, the quarterly one; once a day.
    "tpp-rekap-terjadwal": _per_pemda("tpp.tasks.tpp_rekap_terjadwal", hour=4, minute=0),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # a database outage: one line per failed request, a traceback at most once a minute (issue 8)
    "filters": {"gangguan": {"()": "core.outage_log.GangguanLogFilter"}},
    "loggers": {"django.request": {"filters": ["gangguan"]}},
}
