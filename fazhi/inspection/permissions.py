"""The inspection app's whole policy on one screen (ADR 0002).

* Matter list and inspector pool: the agency's own admin. The directory is one per jurisdiction,
  kept by the justice bureau and the agencies' admins.
* Plans: the agency's staff draft, submit and ask for changes or termination; the justice bureau
  (supervisor of the jurisdiction) reviews, returns and merges. Draws: the agency's staff.
* Results: the drawn inspectors record (guard; partners' inspectors of a joint inspection too,
  who also see those tasks), the lead agency publishes. Ratings: justice bureau only.
List twin of every `view_*`: `Model.objects.visible_to(user)` (= `scope_filter(user)`).
"""

from __future__ import annotations

import rules

from fazhi.core.access import (
    can_see_record,
    has_role,
    in_own_agency,
    in_own_jurisdiction,
    is_active_user,
    is_superuser,
    of_own_jurisdiction,
)

supervises = has_role("supervisor") & in_own_jurisdiction
agency_admin = has_role("agency_admin") & in_own_agency
agency_staff = has_role("agency_admin", "officer") & in_own_agency


@rules.predicate
def is_joint_partner(user, plan) -> bool:  # noqa: ANN001
    """A partner agency of a joint inspection sees the lead agency's plan (one query per object)."""
    if plan is None or not getattr(user, "agency_id", None) or not hasattr(plan, "partners"):
        return False
    return plan.partners.filter(pk=user.agency_id).exists()


rules.add_perm("inspection.view_record", is_active_user & can_see_record)
rules.add_perm("inspection.view_plan", is_active_user & (can_see_record | is_joint_partner))
rules.add_perm("inspection.manage_matters", is_active_user & (is_superuser | agency_admin))
rules.add_perm("inspection.manage_inspectors", is_active_user & (is_superuser | agency_admin))
rules.add_perm(
    "inspection.manage_directory",
    is_active_user & (is_superuser | (has_role("supervisor", "agency_admin") & of_own_jurisdiction)),
)
rules.add_perm("inspection.submit_plan", is_active_user & (is_superuser | agency_staff))
rules.add_perm("inspection.review_plan", is_active_user & (is_superuser | supervises))
rules.add_perm("inspection.draw", is_active_user & (is_superuser | agency_staff))
# Any officer may hold the pen; the transition's guard admits only the inspectors drawn for the task,
# who in a joint inspection include the partner agencies' officers.
rules.add_perm(
    "inspection.record_result", is_active_user & (is_superuser | has_role("agency_admin", "officer"))
)
rules.add_perm("inspection.publish_result", is_active_user & (is_superuser | agency_staff))
rules.add_perm("inspection.view_rating", is_active_user & (is_superuser | supervises))
