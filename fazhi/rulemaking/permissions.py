"""The rulemaking app's whole policy on one screen (ADR 0002).

* A drafting agency's staff draft, consult, submit, publish and file their own agency's documents
  and undertake their own major decisions. List twin: `scope_filter(user)`.
* The justice bureau (`supervisor` of the jurisdiction) does the legality review
  (《优化营商环境条例》第六十三条; 决策条例第二十五条), receives the filings, runs the cleanups,
  keeps the decision catalogue, reviews other papers and manages the legal advisers.
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
)

drafts = is_active_user & (
    is_superuser | (has_role("agency_admin", "officer", "legal_reviewer", "supervisor") & in_own_agency)
)
justice_bureau = is_active_user & (is_superuser | (has_role("supervisor") & in_own_jurisdiction))
sees = is_active_user & can_see_record

rules.add_perm("rulemaking.view_document", sees)
rules.add_perm("rulemaking.draft_document", drafts)
rules.add_perm("rulemaking.answer_comment", drafts)
rules.add_perm("rulemaking.review_legality", justice_bureau)  # 优化营商环境条例第六十三条第二款
rules.add_perm("rulemaking.decide_flag", justice_bureau)
rules.add_perm("rulemaking.accept_filing", justice_bureau)  # 示范指标体系第27项
rules.add_perm("rulemaking.end_document", drafts | justice_bureau)
rules.add_perm("rulemaking.manage_cleanup", justice_bureau)

rules.add_perm("rulemaking.view_decision", sees)
rules.add_perm("rulemaking.manage_decision", drafts | justice_bureau)  # 第十一条: 承办单位
rules.add_perm("rulemaking.manage_catalogue", justice_bureau)  # 第三条第三款

rules.add_perm("rulemaking.view_paper", sees)
rules.add_perm("rulemaking.submit_paper", drafts)
rules.add_perm("rulemaking.review_paper", justice_bureau)
rules.add_perm("rulemaking.manage_advisers", justice_bureau)
