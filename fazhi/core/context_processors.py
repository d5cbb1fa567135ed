"""Template context shared by every page: the navigation each app declares on its AppConfig.

An AppConfig may declare
* `fazhi_nav` — staff navigation, shown to signed-in users only: a list of
  `(label, url_name)` or `(label, url_name, permission)` (the entry is shown when
  `request.user.has_perm(permission)`);
* `fazhi_portal_nav` — the public portal's navigation: `(label, url_name)` or
  `(label, url_name, description)`; the portal home lists them as its sections.
Entries come in INSTALLED_APPS order. A URL name that does not resolve is skipped, not a crash,
so an app can declare its entry before its page exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    url_name: str
    app_label: str
    description: str = ""


def _entries(attr: str) -> list[tuple[str, tuple[Any, ...]]]:
    out = []
    for config in apps.get_app_configs():
        for entry in getattr(config, attr, None) or ():
            out.append((config.label, tuple(entry)))
    return out


def _resolve(
    app_label: str, entry: tuple[Any, ...], user: Any = None, description: str = ""
) -> NavItem | None:
    if len(entry) < 2:
        return None
    label, url_name = str(entry[0]), str(entry[1])
    if len(entry) > 2 and entry[2] and (user is None or not user.has_perm(entry[2])):
        return None
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return None
    return NavItem(label, url, url_name, app_label, description)


def staff_nav_items(user: Any) -> list[NavItem]:
    """Staff navigation for a signed-in user; empty for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = (_resolve(app, entry, user) for app, entry in _entries("fazhi_nav"))
    return [i for i in items if i is not None]


def portal_nav_items() -> list[NavItem]:
    """Public portal navigation (no permission: the portal is public)."""
    items = (
        _resolve(app, entry[:2], description=str(entry[2]) if len(entry) > 2 else "")
        for app, entry in _entries("fazhi_portal_nav")
    )
    return [i for i in items if i is not None]


def _site_name() -> str:
    """The name of the jurisdiction this installation serves (looked up by model name: core imports
    no domain app)."""
    from django.apps import apps

    jurisdiction = apps.get_model("org", "Jurisdiction")
    j = jurisdiction._default_manager.filter(is_external=False).order_by("pk").first()
    return j.name if j else ""


def nav(request: HttpRequest) -> dict[str, Any]:
    """`nav_items`, `portal_nav_items` and `site_jurisdiction_name`, computed only when a template uses them."""
    user = getattr(request, "user", None)
    return {
        "nav_items": SimpleLazyObject(lambda: staff_nav_items(user)),
        "portal_nav_items": SimpleLazyObject(portal_nav_items),
        "site_jurisdiction_name": SimpleLazyObject(_site_name),
    }
