"""Policy for submissions, the dashboard and the annual report (ADR 0002).

* The justice bureau (supervisor) of a jurisdiction opens the year's campaign, reviews every
  agency's submission, and writes and publishes the annual report.
* An agency's admin or officers fill in and submit their own agency's submission.
* Viewing follows `can_see_record` (list twin: `scope_filter`).
"""

from __future__ import annotations

import rules

from fazhi.org.predicates import (
    can_see_record,
    has_role,
    is_active_user,
    is_superuser,
    of_own_agency,
    of_own_jurisdiction,
)

bureau = is_superuser | (has_role("supervisor") & of_own_jurisdiction)

rules.add_perm("reporting.open_campaign", bureau)  # obj: Jurisdiction
rules.add_perm("reporting.review_submission", bureau)  # obj: Submission
rules.add_perm("reporting.fill_submission", has_role("agency_admin", "officer") & of_own_agency)
rules.add_perm("reporting.view_submission", can_see_record)
rules.add_perm("reporting.view_dashboard", is_active_user)
rules.add_perm("reporting.edit_report", bureau)  # obj: AnnualReport or Jurisdiction
rules.add_perm("reporting.publish_report", bureau)
# The comparison population (other counties' published reports): the justice bureau only.
rules.add_perm("reporting.manage_comparison", bureau)
