"""Results, the enforcement case opened from a task, publicity within 20 working days, ratings."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.workdays import is_workday
from fazhi.enforcement.tests.factories import MatterFactory
from fazhi.inspection import selectors, services
from fazhi.inspection.models import InspectionTask, Rating


@pytest.fixture
def task(officer, plan):
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2))
    d = services.draw_objects(actor=officer, draw=d, on=date(2026, 3, 2))
    services.confirm_draw(actor=officer, draw=d, on=date(2026, 3, 2))
    return InspectionTask.objects.filter(draw=d).order_by("entity__key").first()


def _inspector_user(task):
    return task.inspectors.order_by("certificate_number").first().inspector.officer


def test_publicity_is_due_20_working_days_after_the_inspection_across_mid_autumn_and_national_day(task):
    # given an inspection finished Thu 2026-09-24; 25–27 Sep and 1–7 Oct rest, Sat 10 Oct a make-up day
    assert not is_workday(date(2026, 9, 25))
    assert is_workday(date(2026, 10, 10))
    inspector = _inspector_user(task)
    # when
    services.record_result(actor=inspector, task=task, on=date(2026, 9, 24), outcome="no_problem")
    # then
    deadline = procedures.deadlines(task).get(clock="publicity")
    assert deadline.due_date == date(2026, 10, 29)
    task = services.publish_result(actor=inspector, task=task, on=date(2026, 10, 29))
    assert procedures.deadlines(task).get(clock="publicity").state == "met"
    assert list(selectors.published_results()) == [task]


def test_only_a_drawn_inspector_records_the_result(task, officer):
    with pytest.raises(ValidationError, match="只有抽中的检查人员才能录入本任务的检查结果。"):
        services.record_result(actor=officer, task=task, on=date(2026, 3, 10), outcome="no_problem")
    task.refresh_from_db()
    assert (task.state, task.outcome) == ("assigned", "")


def test_problems_open_a_prefilled_enforcement_case_linked_to_the_task(task, agency):
    # given
    inspector = _inspector_user(task)
    penalty = MatterFactory(agency=agency)
    # when
    task = services.record_result(
        actor=inspector,
        task=task,
        on=date(2026, 3, 10),
        outcome="problems",
        findings="后厨未落实晨检制度，冷藏食品超过保质期",
        penalty_matter=penalty,
    )
    # then
    case = task.enforcement_case
    assert (case.party_name, case.party_id_number, case.matter_id) == (
        task.entity.name,
        task.entity.uscc,
        penalty.pk,
    )
    assert case.source.startswith("双随机抽查（")
    assert {case.officer_a_id, case.officer_b_id} == set(
        task.inspectors.values_list("inspector__officer_id", flat=True)
    )


def test_problems_without_a_penalty_matter_are_refused_and_nothing_saved(task):
    inspector = _inspector_user(task)
    with pytest.raises(ValidationError):
        services.record_result(
            actor=inspector, task=task, on=date(2026, 3, 10), outcome="problems", findings="问题"
        )
    task.refresh_from_db()
    assert (task.state, task.enforcement_case_id) == ("assigned", None)


def test_a_future_inspection_date_is_refused(task):
    with pytest.raises(ValidationError):
        services.record_result(
            actor=_inspector_user(task), task=task, on=date(2099, 1, 1), outcome="no_problem"
        )


def test_rating_once_per_code_and_rate_limited(task, settings, supervisor, officer):
    cache.clear()
    settings.FAZHI_INSPECTION_RATING_MAX = 1
    services.rate_task(
        token=task.token,
        score=5,
        comment="检查人员出示证件，文明规范",
        on=date(2026, 3, 10),
        client="10.0.0.1",
    )
    with pytest.raises(ValidationError, match="每个检查二维码只能评价一次"):
        services.rate_task(token=task.token, score=1, comment="", on=date(2026, 3, 10), client="10.0.0.2")
    other = InspectionTask.objects.exclude(pk=task.pk).first()
    with pytest.raises(ValidationError, match="评价过于频繁"):
        services.rate_task(token=other.token, score=3, comment="", on=date(2026, 3, 10), client="10.0.0.1")
    with pytest.raises(ValidationError, match="评分：请选择1至5分"):
        services.rate_task(token=other.token, score=9, comment="", on=date(2026, 3, 10), client="10.0.0.3")
    # the rating reaches the justice bureau, not the inspecting agency
    assert [r.score for r in selectors.ratings_visible_to(supervisor)] == [5]
    assert list(selectors.ratings_visible_to(officer)) == []
    assert Rating.objects.count() == 1


def test_result_evidence_is_stored_with_the_step(task, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.evidence.models import EvidenceFile

    settings.FAZHI_EVIDENCE_ROOT = tmp_path
    inspector = _inspector_user(task)
    photo = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, content_type="image/jpeg")
    services.record_result(
        actor=inspector,
        task=task,
        on=date(2026, 3, 10),
        outcome="rectified",
        findings="已当场整改",
        files=[photo],
    )
    ev = EvidenceFile.objects.get()
    assert (ev.original_name, ev.record_id, ev.step.transition) == ("现场照片.jpg", task.pk, "record_result")


def test_rating_list_filter_equals_the_object_check(
    task, supervisor, officer, other_county_supervisor, agency_admin
):
    cache.clear()
    services.rate_task(token=task.token, score=4, comment="", on=date(2026, 3, 10), client="10.0.0.9")
    rating = Rating.objects.get()
    for user in (supervisor, officer, other_county_supervisor, agency_admin):
        assert (rating in selectors.ratings_visible_to(user)) is user.has_perm(
            "inspection.view_rating", rating
        )
    assert [u.has_perm("inspection.view_rating", rating) for u in (supervisor, officer, agency_admin)] == [
        True,
        False,
        False,
    ]
