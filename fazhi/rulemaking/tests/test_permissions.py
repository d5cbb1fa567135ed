"""Permissions: the list filter equals the object check, per role (ADR 0002)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import procedures
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory
from fazhi.rulemaking import services
from fazhi.rulemaking.models import MajorDecision, NormativeDocument, PaperReview


@pytest.fixture
def records(register, drafter, other_officer, agency, other_agency):
    doc = register()
    other_doc = services.register_document(
        actor=other_officer,
        agency=other_agency,
        title="交通文件",
        issuing_organ="示范县交通运输局",
        registered_on=date(2025, 9, 1),
        text="第一条 x",
    )
    decision = services.register_decision(
        actor=drafter, agency=agency, title="决策", summary="s", registered_on=date(2025, 9, 1)
    )
    paper = services.submit_paper(
        actor=other_officer, agency=other_agency, kind="contract", title="合同", received_on=date(2025, 9, 1)
    )
    return doc, other_doc, decision, paper


@pytest.mark.parametrize(
    "who", ["drafter", "agency_admin", "other_officer", "supervisor", "viewer", "outsider"]
)
@pytest.mark.parametrize(
    ("model", "perm"),
    [
        (NormativeDocument, "rulemaking.view_document"),
        (MajorDecision, "rulemaking.view_decision"),
        (PaperReview, "rulemaking.view_paper"),
    ],
)
def test_the_list_filter_equals_the_object_check(who, model, perm, records, request):
    if who == "outsider":
        j = JurisdictionFactory(division_code="620724", name="高台县")
        user = UserFactory(
            username="gt",
            role="supervisor",
            agency=AgencyFactory(jurisdiction=j, name="高台县司法局", kind="justice_bureau"),
        )
    else:
        user = request.getfixturevalue(who)
    listed = set(model.objects.visible_to(user))
    allowed = {o for o in model.objects.all() if user.has_perm(perm, o)}
    assert listed == allowed


@pytest.mark.parametrize(
    ("who", "may_draft", "may_review"),
    [
        ("drafter", True, False),
        ("agency_admin", True, False),
        ("other_officer", False, False),
        ("supervisor", False, True),
        ("viewer", False, False),
    ],
)
def test_the_drafting_agency_drafts_and_the_justice_bureau_reviews(
    who, may_draft, may_review, records, request
):
    doc = records[0]
    user = request.getfixturevalue(who)
    assert user.has_perm("rulemaking.draft_document", doc) is may_draft
    assert user.has_perm("rulemaking.review_legality", doc) is may_review


def test_the_bureau_sees_review_work_in_its_tasks(records, drafter, supervisor):
    doc = records[0]
    services.assess_document(actor=drafter, document=doc, on=date(2025, 9, 1), assessment="必要")
    NormativeDocument.objects.filter(pk=doc.pk).update(requires_comment=False)
    doc.refresh_from_db()
    services.submit_review(actor=drafter, document=doc, on=date(2025, 9, 1))
    tasks = procedures.pending_steps(supervisor, on=date(2025, 9, 2))
    mine = [t for t in tasks if t.case == doc]
    assert [t.deadline.label for t in mine] == ["合法性审核"]
