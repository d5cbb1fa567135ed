"""The demo framework: deterministic org data, valid identifiers, re-run and reset, module errors."""

import random
import sys
import types
from datetime import date, timedelta
from io import StringIO

from django.apps import apps
from django.core.management import CommandError, call_command

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core import ids
from fazhi.org import demo
from fazhi.org.management.commands.demo import Command
from fazhi.org.models import (
    Agency,
    AnnualReview,
    Certificate,
    Jurisdiction,
    QualificationExam,
    TrainingRecord,
    User,
)

TODAY = date(2025, 11, 3)


def run(seed=1):
    ctx = demo.DemoContext(seed=seed, stdout=StringIO(), today=TODAY)
    demo.generate(ctx)
    return ctx


def snapshot():
    agencies = list(
        Agency.objects.order_by("name").values_list(
            "name", "uscc", "kind", "has_enforcement_authority", "address", "phone", "parent__name"
        )
    )
    users = list(
        User.objects.order_by("username").values_list(
            "username", "full_name", "role", "agency__name", "is_head", "phone", "password"
        )
    )
    certs = list(
        Certificate.objects.order_by("number").values_list(
            "number", "holder__username", "valid_from", "valid_until", "status"
        )
    )
    training = list(
        TrainingRecord.objects.order_by("officer__username", "course").values_list(
            "officer__username", "course", "hours", "completed_on"
        )
    )
    return agencies, users, certs, training


def wipe():
    for model in (AnnualReview, Certificate, TrainingRecord, QualificationExam, User):
        model.objects.all().delete()
    Agency.objects.filter(parent__isnull=False).delete()
    Agency.objects.all().delete()
    Jurisdiction.objects.all().delete()


def test_same_seed_same_data(db):
    # given
    run(seed=7)
    first = snapshot()
    wipe()
    # when
    run(seed=7)
    # then
    assert snapshot() == first
    wipe()
    run(seed=8)
    assert snapshot()[1] != first[1]  # another seed gives other names


def test_the_demo_county(db):
    # when
    ctx = run()
    # then
    assert (ctx.jurisdiction.division_code, ctx.jurisdiction.name) == ("330523", "安吉县")
    assert len(ctx.agencies) == 34
    assert ctx.justice_bureau.name == "安吉县司法局"
    for a in ctx.agencies:
        assert ids.validate_uscc(a.uscc).warnings == ()  # valid check char and valid GB 11714 org code
        assert a.uscc[2:8] == "330523"
    roles = {role: len(users) for role, users in ctx.users_by_role.items()}
    assert set(roles) == {
        "supervisor",
        "agency_admin",
        "officer",
        "legal_reviewer",
        "reconsideration_staff",
        "viewer",
    }
    assert [u.username for u in ctx.users("reconsideration_staff") if u.is_head] == ["fuyi_fzr"]
    assert ctx.agency("scjg").name == "安吉县市场监督管理局"


def test_certificates_expiring_and_expired(db):
    run()
    enforcement = Certificate.objects.filter(kind="enforcement")
    assert enforcement.filter(status="expired", valid_until__lt=TODAY).count() == 1
    soon = enforcement.filter(
        status="valid", valid_until__gte=TODAY, valid_until__lte=TODAY + timedelta(days=60)
    )
    assert soon.count() >= 3
    officers = User.objects.filter(role="officer")
    assert enforcement.values("holder").distinct().count() == officers.count()
    assert (
        TrainingRecord.objects.filter(officer__in=officers, year=2025).values("officer").distinct().count()
        == officers.count()
    )


def test_demo_password_passes_validators_and_logs_in(client, db):
    from django.contrib.auth.password_validation import validate_password

    run()
    user = User.objects.get(username="scjg_zf1")
    validate_password(demo.DEMO_PASSWORD, user=user)
    assert (
        client.post("/org/login/", {"username": "scjg_zf1", "password": demo.DEMO_PASSWORD}).status_code
        == 302
    )


@pytest.mark.django_db(transaction=True)  # flush (TRUNCATE on PostgreSQL) runs outside a test transaction
def test_command_twice_skips_then_reset_rebuilds():
    # given
    out = StringIO()
    call_command("demo", seed=1, only_org=True, today="2025-11-03", stdout=out)
    assert "sfj_jiandu" in out.getvalue()
    assert "Fazhi@Demo2025" in out.getvalue()
    first = snapshot()
    # when run again
    again = StringIO()
    call_command("demo", seed=1, only_org=True, stdout=again)
    # then nothing is duplicated
    assert "未重复生成" in again.getvalue()
    assert Agency.objects.filter(jurisdiction__division_code="330523").count() == 34
    # when reset
    call_command("demo", seed=1, only_org=True, reset=True, today="2025-11-03", stdout=StringIO())
    assert snapshot() == first


def test_bad_today_option(db):
    with pytest.raises(CommandError, match="--today 应为 YYYY-MM-DD 格式的日期"):
        call_command("demo", today="2025-13-40", stdout=StringIO())


@pytest.fixture
def fake_modules(monkeypatch):
    """Two apps with demo modules: one that works (and sees the context), one that fails."""
    calls = []
    good = types.ModuleType("fazhi.reporting.demo")

    def ok(ctx):
        calls.append((ctx.jurisdiction.name, len(ctx.agencies), ctx.rng.random()))
        Agency.objects.filter(name="安吉县统计局").update(phone="0572-0000000")

    good.generate = ok
    bad = types.ModuleType("fazhi.portal.demo")

    def broken(ctx):
        Agency.objects.filter(name="安吉县审计局").update(phone="written-then-rolled-back")
        raise RuntimeError("模拟失败")

    bad.generate = broken
    monkeypatch.setitem(sys.modules, "fazhi.reporting.demo", good)
    monkeypatch.setitem(sys.modules, "fazhi.portal.demo", bad)
    configs = [apps.get_app_config("reporting"), apps.get_app_config("portal")]
    monkeypatch.setattr(Command, "demo_app_configs", lambda self: configs)
    return calls


def test_module_failure_is_reported_and_rolled_back(db, fake_modules):
    # when
    out, err = StringIO(), StringIO()
    call_command("demo", seed=1, stdout=out, stderr=err)
    # then
    assert fake_modules[0][:2] == ("安吉县", 34)
    assert "✔ reporting" in out.getvalue()
    assert "✘ portal 政务公开门户 失败：RuntimeError: 模拟失败" in err.getvalue()
    assert "以下模块的演示数据生成失败（其余模块已生成）：portal" in err.getvalue()
    assert Agency.objects.get(name="安吉县统计局").phone == "0572-0000000"
    assert Agency.objects.get(name="安吉县审计局").phone != "written-then-rolled-back"


def test_strict_fails_on_module_error(db, fake_modules):
    with pytest.raises(CommandError, match="portal"):
        call_command("demo", seed=1, strict=True, stdout=StringIO(), stderr=StringIO())


def test_progress_line():
    out = StringIO()
    ctx = demo.DemoContext(seed=1, stdout=out)
    ctx.progress("案件", 5, 10)
    ctx.progress("案件", 10, 10)
    assert out.getvalue() == "案件 [########################] 10/10\n"  # not a terminal: the final line only


@given(seed=st.integers(min_value=0, max_value=10**9))
@settings(max_examples=200, deadline=None)
def test_demo_uscc_is_always_valid(seed):
    rng = random.Random(seed)
    code = demo.demo_uscc(rng, "330523", set())
    assert ids.validate_uscc(code) == ids.UsccResult(code, ())


def test_the_prefecture_supervisor_sees_both_counties(db):
    # when
    run()
    # then
    anji = Jurisdiction.objects.get(division_code="330523")
    assert (anji.parent.division_code, anji.parent.name) == ("330500", "湖州市")
    city = User.objects.get(username="hz_sfj_jiandu")
    county = User.objects.get(username="cx_sfj_jiandu")
    seen = Agency.objects.visible_to(city)
    assert seen.count() == 34 + 3  # 安吉县's, 湖州市司法局, 长兴县's two
    assert set(Agency.objects.visible_to(county).values_list("name", flat=True)) == {
        "长兴县司法局",
        "长兴县市场监督管理局",
    }
