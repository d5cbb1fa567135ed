from datetime import date

from fazhi.core import procedures
from fazhi.core.procedures.tests.testapp.models import Application


def test_smoke(officer, agency):
    case = Application.objects.create(
        title="张三诉示范县市场监督管理局", agency=agency, jurisdiction=agency.jurisdiction
    )
    procedures.start(case, actor=officer, on=date(2026, 2, 10))
    d = procedures.deadlines(case).get()
    assert d.due_date == date(2026, 2, 24)
    procedures.advance(case, "accept", actor=officer, on=date(2026, 2, 12))
    assert case.state == "accepted"
    assert [x.state for x in procedures.deadlines(case)] == ["met", "open", "open"]
