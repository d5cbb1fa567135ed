"""Test settings: fast hashing, in-memory cache, files under a temp folder, plain http."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("FAZHI_SECRET_KEY", "test-only-not-secret-" + "x" * 40)

from .settings import *  # noqa: E402,F403
from .settings import DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_TMP = Path(tempfile.mkdtemp(prefix="fazhi-test-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)  # one per process (xdist worker); none left behind
MEDIA_ROOT = _TMP / "media"
FAZHI_EVIDENCE_ROOT = _TMP / "evidence"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("TEST", {})
# core.workdays: no periodic calendar-fingerprint query in tests (keeps query counts exact);
# the calendar is re-read only after the service writes a year.
FAZHI_CALENDAR_CHECK_SECONDS = None
# core.procedures: a test-only app with small case models run by test procedures.
INSTALLED_APPS = [*INSTALLED_APPS, "fazhi.core.procedures.tests.testapp"]  # noqa: F405
# core.audit: a fixed test key; no anchor files unless a test sets them (tmp_path).
FAZHI_AUDIT_KEY = "test-only-audit-key"
FAZHI_AUDIT_HEAD_FILE = None  # type: ignore[assignment]
FAZHI_AUDIT_CHECKPOINT_FILE = None  # type: ignore[assignment]
# background tasks run inside the request (after commit), so tests stay synchronous
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
