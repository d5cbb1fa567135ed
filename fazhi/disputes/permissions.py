"""The disputes app's whole policy on one screen (ADR 0002).

* Reconsideration: the county government's reconsideration body is run by the justice bureau, so
  `reconsideration_staff` of the jurisdiction handle cases; the head of the body (`is_head`)
  approves extensions and the move to the ordinary procedure (第五十五条、第六十二条). The
  respondent agency sees its own cases and files its reply (第四十八条). List twin:
  `Reconsideration.objects.visible_to(user)` (= `scope_filter(user, agency_field="respondent")`).
* Litigation and mediation: the agency's own staff record their cases; the justice bureau
  (supervisor) sees and records for the whole jurisdiction. List twin: `scope_filter(user)`.
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


@rules.predicate
def is_active_user(user) -> bool:  # noqa: ANN001
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


handles_reconsideration = is_active_user & (
    is_superuser | (has_role("reconsideration_staff") & in_own_jurisdiction)
)
heads_reconsideration = handles_reconsideration & (is_superuser | is_head)
agency_staff = has_role("agency_admin", "officer", "legal_reviewer")
supervises = has_role("supervisor") & in_own_jurisdiction

rules.add_perm("disputes.view_reconsideration", is_active_user & can_see_record)
rules.add_perm("disputes.register_application", handles_reconsideration)
rules.add_perm("disputes.decide_acceptance", handles_reconsideration)  # 第三十条
rules.add_perm("disputes.handle_case", handles_reconsideration)  # 第三十六条
rules.add_perm("disputes.decide_case", handles_reconsideration)  # 第六十一条 (approval recorded)
rules.add_perm("disputes.approve_extension", heads_reconsideration)  # 第五十五条、第六十二条
rules.add_perm(
    "disputes.file_reply", handles_reconsideration | (is_active_user & agency_staff & in_own_agency)
)
rules.add_perm("disputes.publish_decision", handles_reconsideration)  # 第七十九条
rules.add_perm("disputes.issue_opinion", handles_reconsideration)  # 第七十六条
rules.add_perm(
    "disputes.manage_committee", heads_reconsideration | (is_active_user & supervises)
)  # 第五十二条

_records = is_active_user & can_see_record
_keeps_records = is_active_user & (is_superuser | supervises | (agency_staff & in_own_agency))
rules.add_perm("disputes.view_litigation", _records)
rules.add_perm("disputes.manage_litigation", _keeps_records)
rules.add_perm("disputes.view_mediation", _records)
rules.add_perm("disputes.manage_mediation", _keeps_records)
rules.add_perm("disputes.view_opinion", _records)
rules.add_perm("disputes.report_opinion", _keeps_records)
