"""Matter catalogue, discretion benchmarks, legal-review list and their Excel import/export."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.enforcement.models import Benchmark, Matter
from fazhi.enforcement.selectors.catalogue import matters_with_benchmarks
from fazhi.enforcement.services import catalogue as cat
from fazhi.org.tests.factories import UserFactory


@pytest.fixture
def admin(agency):
    return UserFactory(username="admin", role="agency_admin", agency=agency)


def _xlsx(matter_rows, benchmark_rows=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "执法事项"
    ws.append(cat.MATTER_HEADERS)
    for r in matter_rows:
        ws.append(list(r))
    bs = wb.create_sheet("裁量基准")
    bs.append(cat.BENCHMARK_HEADERS)
    for r in benchmark_rows:
        bs.append(list(r))
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_import_creates_matters_and_benchmarks_then_export_round_trips(admin, agency):
    f = _xlsx(
        [
            ("CF-1", "销售过期食品", "行政处罚", "《食品安全法》", "《食品安全法》第一百二十四条"),
            ("XK-1", "食品经营许可", "行政许可", "《食品安全法》", "《食品安全法》第三十五条"),
        ],
        [
            ("CF-1", "不予处罚", "首次违法且及时改正", "首违不罚", None, None, ""),
            ("CF-1", "从轻处罚", "主动减轻危害后果", "", 5000, 10000, "没收违法所得"),
        ],
    )
    assert cat.import_catalogue(actor=admin, agency=agency, file=f) == {"matters": 2, "benchmarks": 2}
    m = Matter.objects.get(code="CF-1")
    assert [(b.tier, b.no_penalty_list, b.fine_min, b.fine_max) for b in m.benchmarks.order_by("tier")] == [
        ("lenient", "", Decimal("5000.00"), Decimal("10000.00")),
        ("no_penalty", "first_offence", None, None),
    ]
    wb = load_workbook(io.BytesIO(cat.export_catalogue(matters_with_benchmarks(admin).order_by("code"))))
    assert [list(r) for r in wb["执法事项"].iter_rows(min_row=2, values_only=True)] == [
        ["CF-1", "销售过期食品", "行政处罚", "《食品安全法》", "《食品安全法》第一百二十四条"],
        ["XK-1", "食品经营许可", "行政许可", "《食品安全法》", "《食品安全法》第三十五条"],
    ]


def test_import_with_a_bad_row_writes_nothing_and_names_each_row(admin, agency):
    f = _xlsx(
        [
            ("CF-1", "销售过期食品", "行政处罚", "《食品安全法》", "第一百二十四条"),
            ("CF-2", "", "处罚", "《食品安全法》", ""),
        ],
        [("CF-1", "从轻处罚", "情形", "", 10000, 5000, "")],
    )
    with pytest.raises(ValidationError) as exc:
        cat.import_catalogue(actor=admin, agency=agency, file=f)
    assert exc.value.message_dict["file"] == [
        "第 3 行：请填写事项名称。；事项类别应为：行政处罚、行政许可、行政强制、行政检查、行政征收、其他。；请填写设定依据的具体条款（如《食品安全法》第一百二十四条）。"
    ]
    assert Matter.objects.count() == 0
    assert Benchmark.objects.count() == 0


def test_import_refuses_a_benchmark_with_three_decimals(admin, agency):
    f = _xlsx(
        [("CF-1", "销售过期食品", "行政处罚", "《食品安全法》", "第一百二十四条")],
        [("CF-1", "从轻处罚", "情形", "", "100.005", 200, "")],
    )
    with pytest.raises(ValidationError) as exc:
        cat.import_catalogue(actor=admin, agency=agency, file=f)
    assert exc.value.message_dict["file"] == [
        "裁量基准第 2 行：罚款下限“100.005”最多保留两位小数（精确到分）。"
    ]
    assert Matter.objects.count() == 0


def test_officer_cannot_change_the_catalogue(officer, agency):
    with pytest.raises(PermissionDenied):
        cat.create_matter(
            actor=officer,
            agency=agency,
            code="X",
            name="X",
            kind="penalty",
            legal_basis="法",
            basis_article="第一条",
        )
    assert Matter.objects.count() == 0


def test_no_penalty_list_only_on_the_no_penalty_tier(admin, agency):
    m = cat.create_matter(
        actor=admin,
        agency=agency,
        code="CF-9",
        name="未亮照经营",
        kind="penalty",
        legal_basis="《市场主体登记管理条例》",
        basis_article="第四十七条",
    )
    with pytest.raises(ValidationError) as exc:
        cat.add_benchmark(actor=admin, matter=m, tier="lenient", circumstance="x", no_penalty_list="minor")
    assert exc.value.message_dict["no_penalty_list"] == [
        "只有“不予处罚”阶次才能列入首违不罚、轻微不罚清单（行政处罚法第三十三条）。"
    ]
    b = cat.add_benchmark(
        actor=admin,
        matter=m,
        tier="no_penalty",
        circumstance="首次且及时改正",
        no_penalty_list="first_offence",
    )
    assert b.contains(Decimal("0")) is True
    assert b.contains(Decimal("0.01")) is False


def test_admin_maintains_the_catalogue_through_the_api(api_client, admin, agency):
    api_client.force_authenticate(admin)
    r = api_client.post(
        "/api/v1/enforcement/matters/create/",
        {
            "code": "CF-7",
            "name": "无照经营",
            "kind": "penalty",
            "legal_basis": "《无证无照经营查处办法》",
            "basis_article": "《无证无照经营查处办法》第十三条",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    r = api_client.post(
        f"/api/v1/enforcement/matters/{pk}/benchmarks/",
        {
            "tier": "standard",
            "circumstance": "一般情节",
            "fine_min": "1000.00",
            "fine_max": "10000.00",
        },
        format="json",
    )
    assert (r.status_code, r.json()["fine_max"]) == (201, "10000.00")
    r = api_client.post(
        "/api/v1/enforcement/legal-review-items/create/", {"ground": "complex", "matter": pk}, format="json"
    )
    assert r.status_code == 201
    assert api_client.get("/api/v1/enforcement/legal-review-items/").json()["count"] == 1
    r = api_client.post(
        f"/api/v1/enforcement/matters/{pk}/benchmarks/",
        {
            "tier": "lenient",
            "circumstance": "x",
            "fine_min": "1.001",
        },
        format="json",
    )
    assert (r.status_code, r.json()["code"]) == (400, "money_precision")
    assert Benchmark.objects.count() == 1


def test_admin_adds_a_benchmark_in_the_browser(admin, agency, client):
    matter = cat.create_matter(
        actor=admin,
        agency=agency,
        code="CF-8",
        name="未亮照经营",
        kind="penalty",
        legal_basis="《市场主体登记管理条例》",
        basis_article="第四十七条",
    )
    client.force_login(admin)
    page = client.get("/enforcement/matters/").content.decode()
    assert 'id="catalogue-forms"' in page
    r = client.post(
        "/enforcement/matters/add/benchmark/",
        {
            "matter": matter.pk,
            "tier": "aggravated",
            "circumstance": "屡教不改",
            "fine_min": "20000",
            "fine_max": "10000",
        },
        follow=True,
    )
    assert "罚款上限 10000.00 元低于下限 20000.00 元。" in r.content.decode()
    assert Benchmark.objects.count() == 0


def test_command_line_import_and_irregular_report(admin, agency, officer, supervisor, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(
        _xlsx([("CF-1", "销售过期食品", "行政处罚", "《食品安全法》", "第一百二十四条")]).getvalue()
    )
    out = io.StringIO()
    call_command("enforcement", "import-catalogue", str(path), "--user", admin.username, stdout=out)
    assert out.getvalue() == "已导入执法事项 1 项、裁量基准 0 条。\n"
    with pytest.raises(CommandError) as exc:
        call_command("enforcement", "import-catalogue", str(path), "--user", officer.username)
    assert str(exc.value) == "您无权导入该机关的执法事项清单。"
    out = io.StringIO()
    call_command("enforcement", "irregular", "--user", supervisor.username, "--year", "2025", stdout=out)
    assert out.getvalue().splitlines() == [
        "执法主体\t立案\t不规范\t执法人员不足两名持证\t应法制审核未审核\t超出裁量基准无理由\t超过办案期限作出决定\t超期送达\t超期公示\t缺少音像记录"
    ]
