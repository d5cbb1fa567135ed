"""Draws on the database: approved plans only, exclusion window, recusal, frequency warning,
immutability, redraw, and verification from the exported files."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

import pytest

from fazhi.core.audit.models import AuditEntry
from fazhi.inspection import draw as algorithm
from fazhi.inspection import services, verification
from fazhi.inspection.models import Draw, InspectionTask, TaskInspector
from fazhi.org.tests.factories import UserFactory

from .conftest import approved_plan, make_entities, make_inspectors

ALL = {"A": "100", "B": "100", "C": "100", "D": "100"}


@pytest.fixture
def key_matter(agency, agency_admin):
    return services.create_matter(
        actor=agency_admin,
        agency=agency,
        code="SJ-900",
        name="特殊食品生产企业重点检查",
        legal_basis="《中华人民共和国食品安全法》第一百一十条",
        object_kind="enterprise",
        method="on_site",
        category="key",
    )


def _drawn(officer, plan, on=date(2026, 3, 2), confirm=True, **kw):
    d = services.commit_draw(actor=officer, plan=plan, on=on, **kw)
    d = services.draw_objects(actor=officer, draw=d, on=on)
    if confirm:
        d = services.confirm_draw(actor=officer, draw=d, on=on, acknowledge_frequency=True)
    return d


def test_draw_on_an_unapproved_plan_is_refused(officer, matter, inspectors, entities):
    plan = services.create_plan(
        actor=officer,
        matter=matter,
        title="未审核计划",
        year=2026,
        ratio="5",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 11, 30),
        on=date(2026, 2, 2),
    )
    services.submit_plan(actor=officer, plan=plan, on=date(2026, 2, 3))
    with pytest.raises(ValidationError) as exc:
        services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2))
    assert exc.value.messages == [f"抽查计划“{plan.number}”当前为“待审核”，审核通过后才能抽取。"]
    assert Draw.objects.count() == 0


def test_commit_publishes_the_hash_and_the_draw_reveals_the_seed(officer, plan):
    # when
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2), seed="demo-seed-0123456789")
    # then the eligible list is frozen with the seed's hash; nothing is drawn yet
    assert d.seed_sha256 == algorithm.seed_hash("demo-seed-0123456789")
    assert list(verification.files_of(d)) == [f"draw-{d.pk}-eligible.json"]
    assert (d.eligible_count, d.result_file) == (100, "")
    d = services.draw_objects(actor=officer, draw=d, on=date(2026, 3, 2))
    # 10 % for B → A 5 %, B 10 %, C 20 %, D 40 % of 40/40/10/10
    assert d.selected_count == 2 + 4 + 2 + 4
    assert algorithm.verify(d.eligible_file.encode(), d.seed, d.result_file.encode()).ok


def test_objects_inspected_for_the_same_matter_within_the_window_are_excluded(
    officer, supervisor, key_matter, inspectors, jurisdiction
):
    # given 2 objects inspected 2025-03-01 and 2 inspected 2025-03-02, 12 months before 2026-03-02
    make_entities(jurisdiction, {"B": 2}, start=1, industry="烘焙")
    make_entities(jurisdiction, {"B": 2}, start=10, industry="饮品")
    for industry, on in (("烘焙", date(2025, 3, 1)), ("饮品", date(2025, 3, 2))):
        old = approved_plan(
            officer,
            supervisor,
            key_matter,
            year=2025,
            ratio="100",
            grade_ratios=ALL,
            industry=industry,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            on=date(2025, 1, 2),
        )
        _drawn(officer, old, on=on)
    # when
    plan = approved_plan(officer, supervisor, key_matter, ratio="100", grade_ratios=ALL)
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2))
    # then the 2025-03-02 ones are still inside the window, the 2025-03-01 ones are drawable again
    keys = [k for k, _ in algorithm.parse_eligible(d.eligible_file.encode()).entities]
    assert (d.eligible_count, d.excluded_count) == (2, 2)
    assert sorted(keys) == sorted(
        InspectionTask.objects.filter(entity__industry="烘焙").values_list("entity__key", flat=True)
    )


def test_recusal_pool_too_small_is_a_clear_chinese_error_and_nothing_drawn(
    officer, supervisor, key_matter, agency_admin, jurisdiction
):
    # given two inspectors, one of whom declared a conflict with the only object
    [entity] = make_entities(jurisdiction, {"C": 1})
    a, _b = make_inspectors(officer.agency, agency_admin, 2)
    services.add_conflict(
        actor=agency_admin, inspector=a, entity=entity, reason="配偶任该企业监事", on=date(2026, 2, 2)
    )
    plan = approved_plan(officer, supervisor, key_matter, ratio="100", grade_ratios=ALL)
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2))
    # when
    with pytest.raises(ValidationError) as exc:
        services.draw_objects(actor=officer, draw=d, on=date(2026, 3, 2))
    # then
    assert exc.value.messages == [
        f"检查人员不足：对象“{entity.key}”回避后可选的检查人员只有1名，每个对象至少需要2名。请扩充检查人员名录库或调整抽查计划。"
    ]
    d.refresh_from_db()
    assert (d.state, d.result_file) == ("committed", "")
    assert not AuditEntry.objects.filter(action="inspection.draw_objects").exists()


def test_an_inspector_who_inspected_the_object_before_withdraws(
    officer, supervisor, key_matter, agency_admin, jurisdiction
):
    # given three inspectors and an object inspected by two of them last year
    make_entities(jurisdiction, {"D": 1})
    make_inspectors(officer.agency, agency_admin, 3)
    old = approved_plan(
        officer,
        supervisor,
        key_matter,
        year=2025,
        ratio="100",
        grade_ratios=ALL,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        on=date(2025, 1, 2),
    )
    _drawn(officer, old, on=date(2025, 1, 6))
    before = set(TaskInspector.objects.values_list("certificate_number", flat=True))
    # when it is drawn again (outside the exclusion window)
    plan = approved_plan(officer, supervisor, key_matter, ratio="100", grade_ratios=ALL)
    # then only one inspector remains: too few
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2))
    with pytest.raises(ValidationError, match="回避后可选的检查人员只有1名"):
        services.draw_objects(actor=officer, draw=d, on=date(2026, 3, 2))
    assert len(before) == 2


def test_frequency_warning_before_confirmation(
    settings, officer, supervisor, key_matter, other_matter, other_agency, jurisdiction, inspectors
):
    # given an object inspected once in the last 12 months by the transport bureau, with a ceiling of 1
    settings.FAZHI_INSPECTION_FREQUENCY_MAX = 1
    [entity] = make_entities(jurisdiction, {"B": 1})
    other_admin = other_matter.agency.staff.get(username="other_admin")
    make_inspectors(other_agency, other_admin, 2)
    other_officer = UserFactory(username="jt_officer", role="officer", agency=other_agency)
    other_plan = approved_plan(other_officer, supervisor, other_matter, ratio="20", grade_ratios=ALL)
    _drawn(other_officer, other_plan, on=date(2026, 3, 2))
    # when the market bureau draws it
    plan = approved_plan(officer, supervisor, key_matter, ratio="100", grade_ratios=ALL)
    d = _drawn(officer, plan, on=date(2026, 3, 3), confirm=False)
    # then it is flagged and confirmation needs an acknowledgement
    assert d.frequency_warnings == [
        {"key": entity.key, "name": entity.name, "count": 1, "months": 12, "max": 1}
    ]
    with pytest.raises(ValidationError, match="频次预警：1个对象近12个月已被各部门检查1次以上"):
        services.confirm_draw(actor=officer, draw=d, on=date(2026, 3, 3))
    assert InspectionTask.objects.filter(draw=d).count() == 0
    services.confirm_draw(actor=officer, draw=d, on=date(2026, 3, 3), acknowledge_frequency=True)
    assert InspectionTask.objects.filter(draw=d).count() == 1


def test_the_published_list_and_seed_cannot_change_before_the_draw(officer, plan):
    d = services.commit_draw(actor=officer, plan=plan, on=date(2026, 3, 2))
    d.seed = "another-seed-chosen-later-0000"
    with pytest.raises(PermissionDenied):
        d.save()
    d = Draw.objects.get(pk=d.pk)
    d.eligible_file = d.eligible_file.replace('"A"', '"D"', 1)
    with pytest.raises(PermissionDenied):
        d.save()


def test_a_draw_is_immutable_and_a_redraw_keeps_the_original(officer, plan):
    d = _drawn(officer, plan, confirm=False)
    d.result_file = d.result_file.replace("A", "B")
    with pytest.raises(PermissionDenied):
        d.save()
    with pytest.raises(PermissionDenied):
        Draw.objects.get(pk=d.pk).delete()
    with pytest.raises(ValidationError):
        services.redraw(actor=officer, draw=d, on=date(2026, 3, 3), reason="")
    new = services.redraw(actor=officer, draw=d, on=date(2026, 3, 3), reason="抽取时系统断电，现场录像中断")
    old = Draw.objects.get(pk=d.pk)
    assert (old.state, new.supersedes_id, new.redraw_reason) == (
        "superseded",
        old.pk,
        "抽取时系统断电，现场录像中断",
    )
    assert algorithm.verify(old.eligible_file.encode(), old.seed, old.result_file.encode()).ok


def test_confirmation_issues_one_task_per_object_with_two_inspectors(officer, plan):
    d = _drawn(officer, plan)
    assert InspectionTask.objects.filter(draw=d).count() == 12
    assert {t.inspectors.count() for t in InspectionTask.objects.filter(draw=d)} == {2}
    assert set(InspectionTask.objects.values_list("state", flat=True)) == {"assigned"}


def test_verify_draw_command_from_the_exported_files(officer, plan, tmp_path, capsys):
    # given a published draw exported to files
    d = _drawn(officer, plan)
    call_command("inspection", "export-draw", str(d.pk), str(tmp_path))
    files = [tmp_path / f"draw-{d.pk}-{n}" for n in ("eligible.json", "seed.txt", "result.json")]
    # when / then
    call_command("inspection", "verify-draw", *map(str, files))
    assert "核验通过：按公布的名单和种子重新计算，抽中12个对象" in capsys.readouterr().out
    # a tampered eligible list fails
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text.replace('"A"', '"D"', 1), encoding="utf-8")
    with pytest.raises(CommandError, match="名单已被改动"):
        call_command("inspection", "verify-draw", *map(str, files))
