"""The enforcement app's whole policy on one screen (ADR 0002).

* Viewing: the justice bureau sees every agency of its jurisdiction; agency staff their own agency
  (`can_see_record`; list twin `scope_filter`, used by every selector).
* Handling a case (open, investigate, notify, hearing, decide, serve, close): officers and agency
  admins of the case's own agency only — staff of one agency never touch another's cases.
* Legal review (行政处罚法第五十八条): the agency's own legal reviewers.
* Extending the decision period: the agency's head (部门规章: 负责人批准).
* Time-limit rules (办案期限规则, per agency) and the catalogue, benchmarks and legal-review list: the agency admin for their agency, the justice
  bureau (supervisor) for the jurisdiction.
"""

from __future__ import annotations

import rules

from fazhi.org.predicates import (
    can_see_record,
    has_role,
    in_own_agency,
    in_own_jurisdiction,
    is_head,
    is_superuser,
)

is_active_user = rules.predicate(
    lambda user: bool(getattr(user, "is_authenticated", False) and user.is_active)
)

handles = has_role("officer", "agency_admin") & in_own_agency
reviews = has_role("legal_reviewer") & in_own_agency
supervises = is_superuser | (has_role("supervisor") & in_own_jurisdiction)
administers = has_role("agency_admin") & in_own_agency

rules.add_perm("enforcement.view_case", is_active_user & can_see_record)
rules.add_perm("enforcement.open_case", handles)
rules.add_perm("enforcement.handle_case", handles)
rules.add_perm("enforcement.review_case", reviews)
rules.add_perm("enforcement.approve_extension", handles & is_head)
rules.add_perm("enforcement.view_catalogue", is_active_user & can_see_record)
rules.add_perm("enforcement.manage_catalogue", supervises | administers)
rules.add_perm("enforcement.set_time_limit_rule", supervises | administers)
rules.add_perm("enforcement.record_permit", handles)
rules.add_perm("enforcement.publish", handles)
