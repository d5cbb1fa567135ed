"""Issue 8 "Performance": the annual report (.docx + PDF, with its chart) renders in under 10 s.

Seeds a county with the demo's submissions (all submission codes approved for two years), builds
the report, then times rendering both files; the baseline is the 10-second budget itself, so the
ratio is the share of the budget used.
"""

from __future__ import annotations

from types import SimpleNamespace

from bench import Result, best_of

BUDGET = 10.0


def run() -> list[Result]:
    import random
    import time

    from fazhi.org.demo import AGENCIES
    from fazhi.org.models import Agency, Jurisdiction, User
    from fazhi.reporting import demo
    from fazhi.reporting.annual_report import render
    from fazhi.reporting.models import AnnualReport
    from fazhi.reporting.report import services as services_report

    jur = Jurisdiction.objects.create(division_code="330521", name="德清县")
    agencies = [
        Agency.objects.create(jurisdiction=jur, name=name, uscc=f"BENCHR{n:012d}", kind=kind)
        for n, (_code, name, kind, _enf) in enumerate(AGENCIES)
    ]
    bureau = next(a for a in agencies if a.kind == "justice_bureau")
    supervisor = User.objects.create(username="bench-sup", role="supervisor", agency=bureau, jurisdiction=jur)
    ctx = SimpleNamespace(
        rng=random.Random(1),
        jurisdiction=jur,
        agencies=agencies,
        justice_bureau=bureau,
        year=2025,
        users=lambda role: [supervisor] if role == "supervisor" else [],
        agency=lambda code: agencies[[a[0] for a in AGENCIES].index(code)],
        write=lambda msg: None,
    )
    from datetime import date

    ctx.today = date(2025, 12, 1)  # before year end: the report is built, not published
    demo.generate(ctx)
    report = AnnualReport.objects.get(jurisdiction=jur, year=2025)
    t0 = time.perf_counter()
    services_report.build_report(actor=supervisor, report=report)
    built = time.perf_counter() - t0

    def both() -> tuple[bytes, bytes]:
        return render.render_docx(report), render.render_pdf(report)

    seconds = best_of(both, repeat=3)
    docx, pdf = both()
    return [
        Result(
            name="report_docx_and_pdf_vs_10s_budget",
            seconds=seconds,
            baseline_seconds=BUDGET,
            target_ratio=1.0,
            note=f"{report.figures.count()} figures; docx {len(docx) // 1024} KB, pdf {len(pdf) // 1024} KB; build {built:.2f}s",
        )
    ]
