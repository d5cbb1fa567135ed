"""The org app's whole policy on one screen (ADR 0002).

* Agencies: everyone sees their own agency; the justice bureau (supervisor, and the reconsideration
  office, which `User.sees_whole_jurisdiction`) sees every agency of its jurisdiction. The list twin
  is `Agency.objects.visible_to(user)` (selectors.agencies_visible_to).
* Changing an agency: the supervisor for its jurisdiction; an agency_admin only the contact fields
  of their own agency (name, USCC, kind and enforcement authority are the supervisor's).
* Staff: visible like any agency record (`can_see_record`, list twin `scope_filter`); managed by the
  supervisor for the whole jurisdiction and by an agency_admin for their own agency.
* A USCC failing the GB 32100 checksum is accepted only by a supervisor with a reason
  (LEGAL_RULES.md §12 "legacy anomalies").
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
    sees_whole_jurisdiction,
)

is_supervisor = has_role("supervisor")
is_agency_admin = has_role("agency_admin")

supervises = is_superuser | (is_supervisor & of_own_jurisdiction)
administers_own_agency = is_agency_admin & of_own_agency

# Agencies
can_view_agency = is_active_user & (
    is_superuser | (sees_whole_jurisdiction & of_own_jurisdiction) | of_own_agency
)
rules.add_perm("org.view_agency", can_view_agency)
rules.add_perm("org.add_agency", supervises)
rules.add_perm("org.change_agency", supervises | administers_own_agency)
# Name, USCC, kind, parent, enforcement authority and deactivation: the supervisor only.
rules.add_perm("org.change_agency_core", supervises)
rules.add_perm("org.override_uscc", supervises)
rules.add_perm("org.import_agencies", supervises)

# Staff accounts
rules.add_perm("org.view_user", is_active_user & can_see_record)
rules.add_perm("org.manage_staff", supervises | administers_own_agency)
# Roles that carry jurisdiction-wide sight are given by the justice bureau only.
rules.add_perm("org.assign_jurisdiction_roles", supervises)
rules.add_perm("org.import_staff", supervises | is_agency_admin)
