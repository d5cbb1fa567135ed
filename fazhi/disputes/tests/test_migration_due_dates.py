"""0004 moves the stored, hand-computed due dates (litigation defence, opinion report) to engine
Deadline rows before dropping the fields: nothing a user saw is lost."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

BEFORE = [("disputes", "0003_posted_and_notice_dates")]
AFTER = [("disputes", "0004_due_dates_on_engine_clocks")]


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """The test leaves the database at 0004; later tests on the same database need every migration."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_stored_due_dates_become_engine_deadlines():
    # given: the schema before 0004, one suit with its defence filed late, one opinion not reported
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Jurisdiction = apps.get_model("org", "Jurisdiction")
    Agency = apps.get_model("org", "Agency")
    j = Jurisdiction.objects.create(division_code="110105", name="示范县")
    a = Agency.objects.create(jurisdiction=j, name="示范县市场监督管理局", uscc="11110105MB0000000X")
    suit = apps.get_model("disputes", "LitigationCase").objects.create(
        jurisdiction=j,
        agency=a,
        court="示范县人民法院",
        case_number="（2025）京0105行初1号",
        plaintiff="李四",
        cause="行政处罚",
        served_on=date(2025, 9, 22),
        defence_due=date(2025, 10, 9),
        defence_due_explanation="2025-09-22 + 15日（行政诉讼法第六十七条） → 2025-10-09",
        defence_filed_on=date(2025, 10, 10),
    )
    opinion = apps.get_model("disputes", "ReconsiderationOpinion").objects.create(
        jurisdiction=j,
        agency=a,
        issued_on=date(2025, 8, 4),
        content="规范罚款程序",
        due_on=date(2025, 10, 9),
        due_explanation="2025-08-04 + 60日（行政复议法第七十六条） → 2025-10-09",
    )
    # when
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # then
    Deadline = executor.loader.project_state(AFTER).apps.get_model("procedures", "Deadline")
    rows = {
        (d.procedure_code, d.clock): (d.object_id, d.start_date, d.due_date, d.state, d.closed_on)
        for d in Deadline.objects.all()
    }
    assert rows == {
        ("disputes.litigation", "defence"): (
            suit.pk,
            date(2025, 9, 22),
            date(2025, 10, 9),
            "missed",
            date(2025, 10, 10),
        ),
        ("disputes.opinion", "report"): (opinion.pk, date(2025, 8, 4), date(2025, 10, 9), "open", None),
    }
