"""Long work off the request (issue 14 §4): the calendar entry saves the year, the recompute of
the open deadlines runs as a background job (ImmediateBackend in tests, after commit) whose
progress and outcome the year's page shows; a failed job shows its Chinese error, loses nothing
and can be retried. 2027 data here is MADE UP for the test only."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import procedures
from fazhi.core.procedures.tests.helpers import deadline, new_application
from fazhi.core.tasks.models import Job
from fazhi.core.tasks.services import UNEXPECTED
from fazhi.core.tests.test_workdays_views import VALID_POST
from fazhi.core.workdays import source as calendar_source
from fazhi.core.workdays.models import HolidayYear
from fazhi.org.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _calendar_defaults():
    calendar_source.reset_to_defaults()
    yield
    calendar_source.reset_to_defaults()


@pytest.fixture
def provisional(agency, officer):
    """Received 2026-12-28: the 5-WD review reaches into 2027 (not entered): provisional 2027-01-04."""
    case = new_application(agency, officer, date(2026, 12, 28), title="甲待录入日历")
    d = deadline(case, "acceptance_review")
    assert (d.due_date, d.calendar_pending) == (date(2027, 1, 4), True)
    return case


def test_entering_a_year_recomputes_open_deadlines_in_a_background_job(
    client, supervisor, provisional, django_capture_on_commit_callbacks
):
    # given
    client.force_login(supervisor)
    # when: the form is saved; the job runs after the commit
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/calendar/enter/", VALID_POST)
    # then: 2027-01-01..03 rest: 12-28 + 5 WD = 12-29, 12-30, 12-31, 01-04, 01-05
    assert response["Location"] == "/calendar/2027/"
    job = Job.objects.get()
    assert (job.kind, job.status, job.requested_by, job.error) == (
        "workdays.recompute",
        "succeeded",
        supervisor,
        "",
    )
    assert job.message == "已重新计算 1 个未结期限。"
    assert (job.done, job.total, job.percent) == (1, 1, 100)
    assert job.task_result_id
    d = deadline(provisional, "acceptance_review")
    assert (d.due_date, d.calendar_pending) == (date(2027, 1, 5), False)
    html = client.get("/calendar/2027/").content.decode()
    assert "录入2027年节假日安排后重新计算未结期限" in html
    assert "已重新计算 1 个未结期限。" in html
    assert "hx-trigger" not in html  # finished: no more polling


def test_a_queued_job_is_polled_with_a_progress_bar(client, supervisor, provisional):
    # given the form saved but no worker has run the job yet (no commit callbacks executed)
    client.force_login(supervisor)
    client.post("/calendar/enter/", VALID_POST)
    job = Job.objects.get()
    # when
    page = client.get("/calendar/2027/").content.decode()
    fragment = client.get(f"/tasks/{job.pk}/", {"fragment": "1"}).content.decode()
    # then
    assert HolidayYear.objects.filter(year=2027).exists()
    assert f'hx-get="/tasks/{job.pk}/?fragment=1" hx-trigger="every 1s"' in page
    assert "排队中" in fragment
    assert "<h1>" not in fragment  # the bar only
    assert deadline(provisional, "acceptance_review").calendar_pending is True


def test_a_failed_job_shows_its_chinese_error_keeps_the_year_and_can_be_retried(
    client, supervisor, provisional, monkeypatch, django_capture_on_commit_callbacks
):
    # given the recompute breaks
    def broken(actor, *, progress=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(procedures, "recompute_open_deadlines", broken)
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/calendar/enter/", VALID_POST)
    job = Job.objects.get()
    # then: the year is saved, the error is Chinese, no Python text on the page
    assert (job.status, job.error) == ("failed", UNEXPECTED)
    assert HolidayYear.objects.filter(year=2027).exists()
    html = client.get(f"/tasks/{job.pk}/").content.decode()
    assert UNEXPECTED in html
    assert "disk full" not in html
    assert "RuntimeError" not in html
    # when the cause is fixed and the job retried
    monkeypatch.undo()
    calendar_source.reset()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/tasks/{job.pk}/retry/")
    # then
    assert response["Location"] == f"/tasks/{job.pk}/"
    job.refresh_from_db()
    assert (job.status, job.message, job.error) == ("succeeded", "已重新计算 1 个未结期限。", "")
    assert deadline(provisional, "acceptance_review").due_date == date(2027, 1, 5)


def test_a_job_is_shown_only_to_the_one_who_started_it(client, supervisor, jurisdiction):
    # given
    client.force_login(supervisor)
    client.post("/calendar/enter/", VALID_POST)
    job = Job.objects.get()
    other = UserFactory(
        username="other-supervisor", role="supervisor", agency=None, jurisdiction=jurisdiction
    )
    # when
    client.force_login(other)
    # then
    assert client.get(f"/tasks/{job.pk}/").status_code == 404
    assert client.post(f"/tasks/{job.pk}/retry/").status_code == 404


def test_retrying_a_job_that_did_not_fail_is_refused_in_chinese(client, supervisor):
    # given
    client.force_login(supervisor)
    client.post("/calendar/enter/", VALID_POST)
    job = Job.objects.get()
    # when
    response = client.post(f"/tasks/{job.pk}/retry/", follow=True)
    # then
    assert "只有失败的任务可以重试。" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "queued"


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_db_worker_run_the_job(supervisor, provisional, settings):
    # given the production backend (django-tasks-db): the request only queues
    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    from fazhi.core.workdays import services
    from fazhi.core.workdays.services import MakeupDay, RestPeriod

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    services.enter_holiday_year(
        actor=supervisor,
        year=2027,
        notice_title="测试用：国务院办公厅关于2027年部分节假日安排的通知",
        rest_periods=[RestPeriod(date(2027, 1, 1), date(2027, 1, 3), "元旦")],
        makeup_days=[MakeupDay(date(2027, 2, 20), "春节")],
        in_background=True,
    )
    job = Job.objects.get()
    assert (job.status, DBTaskResult.objects.count()) == ("queued", 1)
    # when one worker processes the queue
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    # then
    job.refresh_from_db()
    assert (job.status, job.message) == ("succeeded", "已重新计算 1 个未结期限。")
    assert deadline(provisional, "acceptance_review").due_date == date(2027, 1, 5)
