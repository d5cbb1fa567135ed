"""Fazhi settings — one file, driven by the environment (DESIGN.md: DATABASE_URL, FAZHI_SECRET_KEY, FAZHI_DEBUG).

Production differs from the demo only through environment variables; `manage.py check --deploy`
passes when FAZHI_DEBUG is off and FAZHI_SECRET_KEY / FAZHI_ALLOWED_HOSTS are set.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", REPO_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("FAZHI_DEBUG", False)


def _secret_key() -> str:
    """The secret comes from the environment; a local dev key is kept under var/, never in the repo."""
    key = os.environ.get("FAZHI_SECRET_KEY")
    if key:
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("FAZHI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "fazhi.core.audit",  # first: its `createsuperuser` (audited) replaces Django's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI / ReDoc served from our static files, no CDN
    "django_htmx",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "fazhi.core",
    "fazhi.core.workdays",
    "fazhi.core.procedures",
    "fazhi.core.evidence",
    "fazhi.core.tasks",
    "fazhi.org",
    "fazhi.enforcement",
    "fazhi.disputes",
    "fazhi.affairs",
    "fazhi.inspection",
    "fazhi.rulemaking",
    "fazhi.reporting",
    "fazhi.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "fazhi.core.middleware.BadDateMiddleware",
]
CSRF_FAILURE_VIEW = "fazhi.core.middleware.csrf_failure"

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

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
                "fazhi.core.context_processors.nav",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=int(os.environ.get("FAZHI_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # the login lockout (fazhi.org.auth), first
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:my_tasks"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lockout (django-axes, see fazhi/org/auth.py): failures per (username, client address); the
# cool-off doubles with each lockout of the same pair within a day. Behind a reverse proxy, name the
# header it sets with the client address (e.g. X-Real-IP); empty = REMOTE_ADDR.
FAZHI_LOGIN_MAX_FAILURES = int(os.environ.get("FAZHI_LOGIN_MAX_FAILURES", "5"))
FAZHI_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("FAZHI_LOGIN_LOCKOUT_SECONDS", "900"))
FAZHI_TRUSTED_PROXY_HEADER = os.environ.get("FAZHI_TRUSTED_PROXY_HEADER", "")
# The public portal's anonymous forms (core.ratelimit): uses per client address per day, and in all.
FAZHI_PORTAL_LIMIT_PER_ADDRESS = int(os.environ.get("FAZHI_PORTAL_LIMIT_PER_ADDRESS", "5"))
FAZHI_PORTAL_LIMIT_PER_DAY = int(os.environ.get("FAZHI_PORTAL_LIMIT_PER_DAY", "200"))
# API tokens (POST /api/v1/org/token/) expire this many days after they were issued.
FAZHI_TOKEN_TTL_DAYS = int(os.environ.get("FAZHI_TOKEN_TTL_DAYS", "30"))
AXES_FAILURE_LIMIT = "fazhi.org.auth.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "fazhi.org.auth.cool_off"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_HANDLER = "fazhi.org.auth.LoginAttemptHandler"
AXES_USERNAME_CALLABLE = "fazhi.org.auth.axes_username"
AXES_CLIENT_IP_CALLABLE = "fazhi.org.auth.client_ip"
AXES_LOCKOUT_CALLABLE = "fazhi.org.auth.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("FAZHI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
# Evidence files (core.evidence) live here, content-addressed by SHA-256.
FAZHI_EVIDENCE_ROOT = Path(os.environ.get("FAZHI_EVIDENCE_ROOT", VAR_DIR / "evidence"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Security (secure by default; FAZHI_DEBUG=1 relaxes what a local http server needs) ---------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; keep the default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
_SECURE = _env_bool("FAZHI_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SECURE_SSL_REDIRECT = _SECURE and _env_bool("FAZHI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if _SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _SECURE
SECURE_HSTS_PRELOAD = _SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}

# Content-Security-Policy (django-csp): scripts only from our static files, or inline with the
# request's nonce (`<script nonce="{{ request.csp_nonce }}">`); no inline event handlers. Inline
# style attributes stay allowed (no script runs from them). htmx, Chart.js and Swagger UI are ours.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Django REST framework -------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous call gets 401 with `WWW-Authenticate: Token` (not 403).
        "fazhi.org.auth.ExpiringTokenAuthentication",
        "fazhi.org.auth.SessionAuthentication",  # CSRF refusals in Chinese
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "fazhi.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "fazhi.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"login": "10/min"},
    "PAGE_SIZE": 50,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Fazhi 法治政府建设平台 API",
    "DESCRIPTION": "REST API of Fazhi. Session or token authentication (Authorization: Token <key>).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Schema warnings are printed by `make schema` (schema/openapi.yaml); `check --deploy` is
    # about the deployment itself (and must not need a database).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # Choice sets whose field names ("kind", "role") recur in other apps get their own component names.
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "fazhi.org.choices.AgencyKind",
        "LegalReviewGroundEnum": "fazhi.enforcement.choices.ReviewGround",
        "StaffRoleEnum": "fazhi.org.choices.Role",
        "MatterKindEnum": "fazhi.enforcement.choices.MatterKind",
        "DiscretionTierEnum": "fazhi.enforcement.choices.Tier",
        "EnforcementStepKindEnum": "fazhi.enforcement.choices.StepKind",
        "PublicityKindEnum": "fazhi.enforcement.choices.PublicityKind",
        "PenaltyProcedureKindEnum": "fazhi.enforcement.choices.ProcedureKind",
        "PenaltyServiceMethodEnum": "fazhi.enforcement.choices.ServiceMethod",
        "ReconsiderationProcedureKindEnum": "fazhi.disputes.choices.ProcedureKind",
        "ReconsiderationPartyRoleEnum": "fazhi.disputes.choices.PartyRole",
        "ReconsiderationPartyKindEnum": "fazhi.disputes.choices.PartyKind",
        "ReconsiderationOutcomeEnum": "fazhi.disputes.choices.Outcome",
        "DisputeHearingKindEnum": "fazhi.disputes.choices.HearingKind",
        "MediationKindEnum": "fazhi.disputes.choices.MediationKind",
        "MediationOutcomeEnum": "fazhi.disputes.choices.MediationOutcome",
        "SupervisionOpinionKindEnum": "fazhi.enforcement.models.supervision.OpinionKind",
        "CriminalReferralOutcomeEnum": "fazhi.enforcement.models.supervision.ReferralOutcome",
        **__import__("fazhi.affairs.schema_enums").affairs.schema_enums.ENUM_NAME_OVERRIDES,
        "InspectionEntityKindEnum": "fazhi.inspection.choices.EntityKind",
        "InspectionPlanKindEnum": "fazhi.inspection.choices.PlanKind",
        "InspectionMethodEnum": "fazhi.inspection.choices.InspectionMethod",
        "InspectionOutcomeEnum": "fazhi.inspection.choices.Outcome",
        "InspectionDrawStateEnum": "fazhi.inspection.choices.DrawState",
        "PreReviewFlagKindEnum": "fazhi.rulemaking.choices.FlagKind",
        "CleanupKindEnum": "fazhi.rulemaking.choices.CleanupKind",
        "LegalityPaperKindEnum": "fazhi.rulemaking.choices.PaperKind",
        "LegalAdviserKindEnum": "fazhi.rulemaking.choices.AdviserKind",
        "FairCompetitionConclusionEnum": "fazhi.rulemaking.choices.FairCompetitionConclusion",
        "LegalityPaperConclusionEnum": "fazhi.rulemaking.choices.PaperConclusion",
        "CleanupConclusionEnum": "fazhi.rulemaking.choices.CleanupConclusion",
    },
}

# --- Background tasks (Django's Tasks API: django-tasks + django-tasks-db; `fazhi db_worker`) ------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Fazhi ---------------------------------------------------------------------------------------
# Days before a deadline at which it turns "due soon" (临期) on 我的待办.
FAZHI_DUE_SOON_DAYS = int(os.environ.get("FAZHI_DUE_SOON_DAYS", "3"))
# core.audit: the chain's HMAC key comes from FAZHI_AUDIT_KEY or a key file — never the database.
# Keep the key file and the two anchor files (head after every write, daily checkpoints) on storage
# the database's users cannot write, and back them up apart from the database (README, Security).
FAZHI_AUDIT_KEY = os.environ.get("FAZHI_AUDIT_KEY", "")
FAZHI_AUDIT_KEY_FILE = Path(os.environ.get("FAZHI_AUDIT_KEY_FILE", VAR_DIR / "audit_key"))
FAZHI_AUDIT_HEAD_FILE = Path(os.environ.get("FAZHI_AUDIT_HEAD_FILE", VAR_DIR / "audit_head.json"))
FAZHI_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("FAZHI_AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit_checkpoints.jsonl")
)
# Local holiday data added by staff when the State Council publishes a year (core.workdays).
FAZHI_HOLIDAY_FILE = Path(os.environ.get("FAZHI_HOLIDAY_FILE", BASE_DIR / "core" / "data" / "holidays.json"))
