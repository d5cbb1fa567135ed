"""Supervision policy on one screen (ADR 0002), next to `permissions.py`.

* The justice bureau (supervisor) of the jurisdiction: the dashboard of every agency, case-file
  reviews and their scores, supervision opinions and feedback notices, and officers' certificates
  (issue, suspend, reinstate, revoke), annual reviews, training hours and qualification exams.
* An agency: refers its own cases to public security and records the receipt and outcome
  (officers and agency admins); replies to the opinions addressed to it and publishes its annual
  statistics (agency admin). Agency staff see their own agency's supervision records only.
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

supervises = is_superuser | (has_role("supervisor") & of_own_jurisdiction)
handles_own = has_role("officer", "agency_admin") & of_own_agency
administers_own = has_role("agency_admin") & of_own_agency

rules.add_perm("enforcement.supervise", supervises)
rules.add_perm("enforcement.view_supervision", is_active_user & can_see_record)
rules.add_perm("enforcement.manage_certificates", supervises)
rules.add_perm("enforcement.record_training", supervises | administers_own)
rules.add_perm("enforcement.refer_case", handles_own)
rules.add_perm("enforcement.record_referral", handles_own)
rules.add_perm("enforcement.reply_opinion", administers_own)
rules.add_perm("enforcement.publish_statistics", administers_own | supervises)
