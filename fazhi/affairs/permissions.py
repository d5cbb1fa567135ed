"""The affairs app's whole policy on one screen (ADR 0002).

* Disclosure requests and petitions: the receiving agency's own staff handle them; the head of the
  office (`is_head`) approves extensions (政府信息公开条例第三十三条第二款; 信访工作条例第三十四条).
  The justice bureau (supervisor) sees every agency of its jurisdiction. List twin: `visible_to`
  (= `scope_filter(user)`).
* Suggestions and proposals: the supervising office (supervisor of the jurisdiction) registers,
  assigns, approves extensions and records the deputy's feedback; the lead agency replies;
  co-handlers see the item and countersign.
* Petition review and re-review (第三十五、三十六条) are the higher body's: the supervisor.
* Registries: each agency keeps its own; the justice bureau keeps any of its jurisdiction.
Predicates stay query-free except the co-handler check (not used by 我的待办).
"""

from __future__ import annotations

from typing import Any

import rules

from fazhi.org.predicates import (
    can_see_record,
    has_role,
    is_active_user,
    is_head,
    is_superuser,
    of_own_agency,
    of_own_jurisdiction,
)

agency_staff = has_role("agency_admin", "officer", "legal_reviewer", "supervisor")
supervises = has_role("supervisor") & of_own_jurisdiction


@rules.predicate
def is_co_handler(user: Any, obj: Any) -> bool:
    if obj is None or not getattr(user, "agency_id", None) or not hasattr(obj, "co_handlers"):
        return False
    return bool(obj.co_handlers.filter(agency_id=user.agency_id).exists())


own_agency_staff = is_active_user & (is_superuser | (agency_staff & of_own_agency))
supervising_office = is_active_user & (is_superuser | supervises)

rules.add_perm("affairs.view_matter", is_active_user & can_see_record)
rules.add_perm("affairs.view_suggestion", is_active_user & (can_see_record | is_co_handler))

rules.add_perm("affairs.handle_disclosure", own_agency_staff)
rules.add_perm("affairs.approve_disclosure_extension", own_agency_staff & (is_superuser | is_head))
rules.add_perm("affairs.edit_disclosure_report", own_agency_staff | supervising_office)

rules.add_perm("affairs.assign_suggestion", supervising_office)
rules.add_perm("affairs.reply_suggestion", own_agency_staff)
rules.add_perm("affairs.countersign", is_active_user & (is_superuser | (agency_staff & is_co_handler)))

rules.add_perm("affairs.handle_petition", own_agency_staff)
rules.add_perm("affairs.approve_petition_extension", own_agency_staff & (is_superuser | is_head))
rules.add_perm("affairs.review_petition", supervising_office)

rules.add_perm("affairs.keep_registry", own_agency_staff | supervising_office)
rules.add_perm("affairs.send_reminder", supervising_office)
rules.add_perm("affairs.view_overview", is_active_user & (is_superuser | has_role("supervisor")))
