"""Reusable `rules` predicates (core: imports no domain app). Each app composes its policy from
these in its permissions.py; `fazhi.org.predicates` re-exports them for older imports.

Scoping contract: a record that belongs to an agency has `agency_id` and `jurisdiction_id`
attributes (denormalised on the model), so the list-side filter is one WHERE clause
(see `scope_filter`) and the object check below mirrors it exactly.

Jurisdiction tree (issue 14): the justice bureau (and whoever `sees_whole_jurisdiction`) sees its
own jurisdiction and every one below it (a prefecture's bureau: its counties). Seeing is
hierarchical; acting (`in_own_jurisdiction`) stays in one's own jurisdiction. The subtree is a
subquery on the small jurisdiction table (`org.Jurisdiction.path`, the materialised path of
primary keys), so the big tables are filtered with `jurisdiction_id IN (…)` on their own index.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet

import rules


def has_role(*roles: str) -> Any:
    """True when the user's role is one of `roles`."""
    name = "has_role:" + ",".join(roles)

    @rules.predicate(name=name)
    def _has_role(user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role in roles)

    return _has_role


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def sees_whole_jurisdiction(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.sees_whole_jurisdiction)


@rules.predicate
def in_own_jurisdiction(user: Any, obj: Any) -> bool:
    if obj is None:
        return True
    return bool(getattr(user, "jurisdiction_id", None)) and obj.jurisdiction_id == user.jurisdiction_id


@rules.predicate
def in_own_agency(user: Any, obj: Any) -> bool:
    if obj is None:
        return True
    return bool(getattr(user, "agency_id", None)) and obj.agency_id == user.agency_id


@rules.predicate
def is_head(user: Any) -> bool:
    return bool(getattr(user, "is_head", False))


def _is(obj: Any, label: str) -> bool:
    meta = getattr(obj, "_meta", None)
    return meta is not None and meta.concrete_model._meta.label == label


def _jurisdiction_id(obj: Any) -> Any:
    """A Jurisdiction is its own jurisdiction; an Agency, a User or a record carries jurisdiction_id."""
    return obj.pk if _is(obj, "org.Jurisdiction") else getattr(obj, "jurisdiction_id", None)


def _agency_id(obj: Any) -> Any:
    """An Agency is its own agency; a User or a record carries agency_id."""
    return obj.pk if _is(obj, "org.Agency") else getattr(obj, "agency_id", None)


@rules.predicate
def of_own_jurisdiction(user: Any, obj: Any) -> bool:
    """The object (a jurisdiction, agency, user or record) belongs to the user's jurisdiction."""
    if obj is None:
        return True
    return bool(getattr(user, "jurisdiction_id", None)) and _jurisdiction_id(obj) == user.jurisdiction_id


@rules.predicate
def of_own_agency(user: Any, obj: Any) -> bool:
    """The object (an agency, a user or a record) belongs to the user's own agency."""
    if obj is None:
        return True
    return bool(getattr(user, "agency_id", None)) and _agency_id(obj) == user.agency_id


@rules.predicate
def is_active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def subtree_ids(jurisdiction_id: Any) -> QuerySet[Any]:
    """The primary keys of a jurisdiction and of every jurisdiction below it, as a subquery."""
    jurisdiction = apps.get_model("org", "Jurisdiction")  # by name: core imports no domain app
    jid = int(jurisdiction_id)
    return jurisdiction._default_manager.filter(Q(pk=jid) | Q(path__contains=f"/{jid}/")).values("pk")


def _subtree_set(user: Any) -> frozenset[Any]:
    """`subtree_ids` of the user's jurisdiction, loaded once per user object (object checks)."""
    cached = getattr(user, "_fazhi_subtree", None)
    if cached is None or cached[0] != user.jurisdiction_id:
        ids = frozenset(subtree_ids(user.jurisdiction_id).values_list("pk", flat=True))
        cached = (user.jurisdiction_id, ids)
        user._fazhi_subtree = cached
    return cached[1]


@rules.predicate
def in_own_subtree(user: Any, obj: Any) -> bool:
    """The object belongs to the user's jurisdiction or to one below it (no query when it is the
    user's own jurisdiction, one per user object otherwise)."""
    if obj is None:
        return True
    own = getattr(user, "jurisdiction_id", None)
    if not own:
        return False
    target = _jurisdiction_id(obj)
    return target == own or (target is not None and target in _subtree_set(user))


# The justice bureau sees every agency of its jurisdiction and of those below it; agency staff
# only their own agency.
can_see_record = is_superuser | (sees_whole_jurisdiction & in_own_subtree) | in_own_agency


def scope_filter(user: Any, agency_field: str = "agency", jurisdiction_field: str = "jurisdiction") -> Q:
    """The list-side twin of `can_see_record`: one Q for `Model.objects.filter(...)`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.sees_whole_jurisdiction:
        if user.jurisdiction_id is None:
            return Q(pk__in=[])
        return Q(**{f"{jurisdiction_field}_id__in": subtree_ids(user.jurisdiction_id)})
    if user.agency_id is None:
        return Q(pk__in=[])
    return Q(**{f"{agency_field}_id": user.agency_id})
