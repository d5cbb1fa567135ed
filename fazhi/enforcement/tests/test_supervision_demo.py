"""The demo's supervision year: reviews with scores, a feedback notice and an opinion, referrals."""

from __future__ import annotations

import io
from datetime import date

import pytest

from fazhi.enforcement import demo
from fazhi.enforcement.models import (
    AnnualStatistics,
    CaseFileReview,
    CriminalReferral,
    ReviewedCaseFile,
    SupervisionOpinion,
)
from fazhi.enforcement.selectors import supervision as sel
from fazhi.org import demo as org_demo
from fazhi.org.models import User


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_supervision_year():
    # given the demo county and its enforcement year
    ctx = org_demo.DemoContext(seed=1, stdout=io.StringIO(), today=date(2026, 11, 23))
    org_demo.generate(ctx)
    ctx.reseed("enforcement")
    # when
    demo.generate(ctx)
    # then
    assert CaseFileReview.objects.count() == 2
    assert ReviewedCaseFile.objects.filter(total__isnull=True).count() == 0
    assert SupervisionOpinion.objects.filter(kind="feedback", status="replied").count() == 1
    assert SupervisionOpinion.objects.filter(kind="opinion").get().cases.count() == 5
    assert list(CriminalReferral.objects.order_by("pk").values_list("outcome", flat=True)) == [
        "filed",
        "pending",
    ]
    assert AnnualStatistics.objects.filter(year=2025).count() == 8
    supervisor = User.objects.get(username="sfj_jiandu")
    board = sel.dashboard(supervisor, 2025, date(2025, 12, 31))
    assert board.totals["irregular"] == 35
    assert (board.flagged_total, len(board.flagged)) == (35, 35)
