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

from fazhi.core.audit.labels import register_action_labels
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

# Chinese labels for the audit trail of the supervision and officer services.
register_action_labels(
    {
        "enforcement.draw_case_files": "抽取评查案卷",
        "enforcement.score_case_file": "案卷评查评分",
        "enforcement.issue_opinion": "制发监督意见书（评查结果反馈通知书）",
        "enforcement.reply_opinion": "回复整改情况",
        "enforcement.refer_case": "移送涉嫌犯罪案件",
        "enforcement.record_referral_receipt": "登记移送回执",
        "enforcement.record_referral_outcome": "登记移送处理结果",
        "enforcement.publish_annual_statistics": "公开年度行政执法统计",
        "enforcement.issue_certificate": "发放执法证件",
        "enforcement.suspend_certificate": "暂扣执法证件",
        "enforcement.reinstate_certificate": "恢复执法证件",
        "enforcement.revoke_certificate": "吊销执法证件",
        "enforcement.expire_certificate": "执法证件到期",
        "enforcement.import_certificates": "导入执法证件",
        "enforcement.import_training": "导入培训学时",
        "enforcement.record_annual_review": "登记年审结果",
        "enforcement.record_training": "登记培训学时",
        "enforcement.record_exam": "登记执法资格考试",
    }
)
