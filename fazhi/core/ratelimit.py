"""Limits for anonymous forms of the public portal: per client address per day, and per day in all.

    from fazhi.core import ratelimit
    with transaction.atomic():
        ratelimit.consume("disputes.online_application", request, label="网上申请行政复议")
        case = services.submit_application(...)

`consume` counts in the database (one row per scope, address and day, locked like core.numbers), so
the limit holds across server processes, and it is taken back when the caller's transaction rolls
back (a refused application does not use up the applicant's quota). No third-party service.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from fazhi.core.models import RateCounter

EVERYONE = "*"


class RateLimited(Exception):
    """The limit is reached; `str(exc)` is the Chinese message for the visitor."""


def client_ip(request: HttpRequest | None) -> str | None:
    """The client address: the trusted proxy's header when configured, else the peer address.

    FAZHI_TRUSTED_PROXY_HEADER names a header the reverse proxy *sets* (e.g. X-Real-IP), never one a
    client could send through it. For X-Forwarded-For the right-most entry is taken: the address the
    proxy itself appended.
    """
    if request is None:
        return None
    header = getattr(settings, "FAZHI_TRUSTED_PROXY_HEADER", "")
    if header:
        key = header.upper().replace("-", "_")
        key = key if key.startswith("HTTP_") else f"HTTP_{key}"
        value = request.META.get(key, "")
        candidates = [part.strip() for part in value.split(",") if part.strip()]
        if candidates:
            return candidates[-1][:45]
    return request.META.get("REMOTE_ADDR") or None


def _counter(scope: str, key: str, day: date) -> RateCounter:
    rows = RateCounter.objects.select_for_update()
    row = rows.filter(scope=scope, key=key, day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = RateCounter.objects.create(scope=scope, key=key, day=day)
        except IntegrityError:
            row = rows.get(scope=scope, key=key, day=day)
    return row


@transaction.atomic
def consume(
    scope: str,
    request: HttpRequest,
    *,
    label: str,
    per_address: int | None = None,
    per_day: int | None = None,
) -> None:
    """Count one use of `scope` by this client today, or raise RateLimited with a Chinese message.

    Limits default to FAZHI_PORTAL_LIMIT_PER_ADDRESS and FAZHI_PORTAL_LIMIT_PER_DAY.
    """
    per_address = settings.FAZHI_PORTAL_LIMIT_PER_ADDRESS if per_address is None else per_address
    per_day = settings.FAZHI_PORTAL_LIMIT_PER_DAY if per_day is None else per_day
    today = timezone.localdate()
    address = _counter(scope, client_ip(request) or "unknown", today)
    total = _counter(scope, EVERYONE, today)
    if address.count >= per_address:
        raise RateLimited(
            f"同一网络地址每天最多可提交 {per_address} 次{label}，今天已达上限。请明天再试，或到窗口办理。"
        )
    if total.count >= per_day:
        raise RateLimited(f"今天的{label}已达 {per_day} 次的上限，请明天再试，或到窗口办理。")
    for row in (address, total):
        row.count += 1
        row.save(update_fields=["count"])
    RateCounter.objects.filter(scope=scope, day__lt=today - timedelta(days=7)).delete()
