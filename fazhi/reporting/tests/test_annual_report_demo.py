"""`fazhi demo` (reporting part): two years of approved submissions and a complete, published report."""

from __future__ import annotations

import random
from datetime import date
from types import SimpleNamespace

from fazhi.core.indicators import registry
from fazhi.org.demo import AGENCIES
from fazhi.org.models import Agency
from fazhi.org.tests.factories import UserFactory, make_uscc
from fazhi.reporting import demo
from fazhi.reporting.annual_report.figures import placeholders
from fazhi.reporting.annual_report.sections import SPECS
from fazhi.reporting.models import AnnualReport, Campaign, Submission, SubmissionValue
from fazhi.reporting.submissions.services import submission_codes


def test_demo_builds_a_complete_published_report(jurisdiction, settings, tmp_path):
    # given: the demo county's agencies and its justice bureau supervisor
    settings.MEDIA_ROOT = tmp_path
    agencies = [
        Agency.objects.create(jurisdiction=jurisdiction, name=name, uscc=make_uscc(n, "110105"), kind=kind)
        for n, (_code, name, kind, _enf) in enumerate(AGENCIES, start=1)
    ]
    codes = [a[0] for a in AGENCIES]
    bureau = agencies[codes.index("sfj")]
    supervisor = UserFactory(username="sfj_jd", role="supervisor", agency=bureau)
    ctx = SimpleNamespace(
        rng=random.Random(1),
        jurisdiction=jurisdiction,
        agencies=agencies,
        justice_bureau=bureau,
        year=2025,
        today=date(2026, 11, 23),
        users=lambda role: [supervisor] if role == "supervisor" else [],
        agency=lambda code: agencies[codes.index(code)],
        write=lambda message: None,
    )
    # when
    demo.generate(ctx)
    # then
    assert list(Campaign.objects.values_list("year", flat=True).order_by("year")) == [2024, 2025]
    assert SubmissionValue.objects.filter(submission__campaign__year=2025).count() == len(submission_codes())
    assert list(
        Submission.objects.filter(campaign__year=2025, status="submitted").values_list(
            "agency__name", flat=True
        )
    ) == ["安吉县审计局"]
    report = AnnualReport.objects.get()
    cited = sum(len(placeholders(s.body)) for s in SPECS)
    assert (report.status, report.published_on) == ("published", date(2026, 3, 28))
    assert report.figures.count() == cited == 80
    # every approved figure is there; missing are only rates over other modules' (absent) records
    # and the audit bureau's figures still awaiting review
    missing = set(report.figures.filter(source="missing").values_list("code", flat=True))
    waiting = set(
        SubmissionValue.objects.filter(
            submission__campaign__year=2025, submission__status="submitted"
        ).values_list("code", flat=True)
    )
    assert missing - waiting == {
        c for c in missing - waiting if registry.get(c).is_computed and registry.entry(c).kind == "rate"
    }
    assert not (missing - waiting) & set(submission_codes())
    assert report.docx_file.read(2) == b"PK"
