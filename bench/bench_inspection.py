"""Random inspections at prefecture scale (issue 17, "Performance").

Builds a directory of FAZHI_BENCH_ENTITIES objects (default 1,000,000) and measures in one run:

* `import_directory` — the directory import (CSV, validation of every USCC, idempotency lookup,
  bulk insert) against a bare load of the same rows (PostgreSQL `COPY`, SQLite `executemany`) —
  target ≤ 2× (i.e. at least 50 % of the bare speed);
* `draw_1pct` — a draw at 1 % (grade ratios scaled A 0.5 / B 1 / C 2 / D 4) with the exclusion
  window (1 % of the objects inspected for the same matter last month) and recusal (declared
  conflicts and earlier inspections over a 200-inspector pool), commit + draw (eligible list, file,
  hashes, HMAC ranking) — against loading the eligible ids and calling `random.sample` — target ≤ 2×.
"""

from __future__ import annotations

import csv
import io
import os
import random
import secrets
import time
from datetime import date

from django.db import connection, transaction

from bench import Result

N = int(os.environ.get("FAZHI_BENCH_ENTITIES", "1000000"))
ON = date(2026, 3, 2)
GRADES = ("A",) * 30 + ("B",) * 50 + ("C",) * 15 + ("D",) * 5


def _uscc(n: int) -> str:
    from fazhi.core.ids import org_code_check_char, uscc_check_char

    org8 = f"{n:08d}"
    body = f"91330500{org8}{org_code_check_char(org8)}"
    return body + uscc_check_char(body)


def _rows(rng: random.Random) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            _uscc(i),
            f"湖州市第{i}号有限公司",
            "餐饮" if i % 3 else "零售",
            f"湖州市某路{i}号",
            rng.choice(GRADES),
        )
        for i in range(1, N + 1)
    ]


def _csv(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        [
            "统一社会信用代码",
            "对象编码",
            "名称",
            "对象类型",
            "行业",
            "住所（经营场所）",
            "所属区域",
            "信用风险分类",
            "标记",
        ]
    )
    for uscc, name, industry, address, grade in rows:
        w.writerow([uscc, "", name, "企业", industry, address, "", grade, ""])
    return buf.getvalue().encode("utf-8")


def _bare_load(rows: list[tuple[str, str, str, str, str]], jurisdiction_id: int) -> None:
    cols = "jurisdiction_id, key, uscc, name, kind, industry, address, area, credit_grade, flags, is_active, updated_on"
    data = [
        (jurisdiction_id, u, u, n, "enterprise", ind, addr, "", g, "[]", True, ON)
        for u, n, ind, addr, g in rows
    ]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY inspection_entity ({cols}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in data:
                    copy.write_row(row)
        else:
            cur.executemany(f"INSERT INTO inspection_entity ({cols}) VALUES ({', '.join(['%s'] * 12)})", data)


def _truncate() -> None:
    from fazhi.inspection.models import Entity

    Entity.objects.all().delete()


def run() -> list[Result]:
    from fazhi.inspection import excel, services
    from fazhi.inspection.models import (
        Draw,
        Entity,
        InspectionTask,
        Inspector,
        InspectorConflict,
        TaskInspector,
    )
    from fazhi.org.models import Agency, Certificate, Jurisdiction, User

    rng = random.Random(17)
    j = Jurisdiction.objects.create(division_code="330500", name="湖州市", level="prefecture")
    from fazhi.org.tests.factories import make_uscc

    agency = Agency.objects.create(
        jurisdiction=j,
        name="湖州市市场监督管理局",
        uscc=make_uscc(1, "330500"),
        has_enforcement_authority=True,
    )
    bureau = Agency.objects.create(
        jurisdiction=j, name="湖州市司法局", uscc=make_uscc(2, "330500"), kind="justice_bureau"
    )
    admin = User.objects.create(username="b_admin", role="agency_admin", agency=agency, jurisdiction=j)
    officer = User.objects.create(username="b_officer", role="officer", agency=agency, jurisdiction=j)
    supervisor = User.objects.create(username="b_sup", role="supervisor", agency=bureau, jurisdiction=j)
    rows = _rows(rng)
    content = _csv(rows)
    results = []

    # --- import ---------------------------------------------------------------------------------
    _truncate()
    t0 = time.perf_counter()
    r = excel.import_directory(actor=admin, jurisdiction=j, content=content, filename="bench.csv", on=ON)
    ours = time.perf_counter() - t0
    assert r.ok, r.errors[:3]
    assert r.created == N
    _truncate()
    t0 = time.perf_counter()
    with transaction.atomic():
        _bare_load(rows, j.pk)
    bare = time.perf_counter() - t0
    results.append(
        Result(
            "import_directory",
            ours,
            bare,
            2.0,
            note=f"{N:,} rows; baseline: bare {'COPY' if connection.vendor == 'postgresql' else 'executemany'}",
        )
    )

    # --- draw -----------------------------------------------------------------------------------
    officers = User.objects.bulk_create(
        [
            User(username=f"b_insp{i}", full_name=f"检查员{i}", role="officer", agency=agency, jurisdiction=j)
            for i in range(200)
        ]
    )
    Certificate.objects.bulk_create(
        [
            Certificate(
                holder=o,
                agency=agency,
                number=f"33Z330500{i:05d}",
                issuing_authority="浙江省人民政府",
                valid_from=date(2024, 1, 1),
                valid_until=date(2028, 12, 31),
            )
            for i, o in enumerate(officers)
        ]
    )
    inspectors = Inspector.objects.bulk_create(
        [Inspector(officer=o, agency=agency, jurisdiction=j) for o in officers]
    )
    matter = services.create_matter(
        actor=admin,
        agency=agency,
        code="B-1",
        name="食品经营检查",
        legal_basis="《食品安全法》第一百一十条",
        object_kind="enterprise",
        method="on_site",
        category="key",
    )
    plan = services.create_plan(
        actor=officer,
        matter=matter,
        title="基准",
        year=2026,
        ratio="1",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 11, 30),
        on=date(2026, 2, 2),
    )
    services.submit_plan(actor=officer, plan=plan, on=date(2026, 2, 3))
    services.approve_plan(actor=supervisor, plan=plan, on=date(2026, 2, 4))
    plan.refresh_from_db()
    ids = list(Entity.objects.order_by("pk").values_list("pk", flat=True))
    prior = Draw.objects.create(
        plan=plan,
        agency=agency,
        jurisdiction=j,
        number="基准抽取〔2026〕0号",
        state="confirmed",
        seed_sha256="0" * 64,
        eligible_file="{}",
        eligible_sha256="0" * 64,
        eligible_count=0,
        committed_on=date(2026, 2, 2),
        confirmed_on=date(2026, 2, 2),
        created_by=officer,
    )
    inspected = rng.sample(ids, N // 100)
    tasks = InspectionTask.objects.bulk_create(
        [
            InspectionTask(
                draw=prior,
                plan=plan,
                agency=agency,
                jurisdiction=j,
                entity_id=e,
                matter=matter,
                token=secrets.token_urlsafe(32),
                state="published",
            )
            for e in inspected
        ],
        batch_size=5000,
    )
    TaskInspector.objects.bulk_create(
        [
            TaskInspector(
                task=t, inspector=inspectors[k % 200], certificate_number=f"33Z330500{k % 200:05d}", name="x"
            )
            for k, t in enumerate(tasks)
        ],
        batch_size=5000,
    )
    InspectorConflict.objects.bulk_create(
        [
            InspectorConflict(
                inspector=inspectors[k % 200], entity_id=e, reason="基准", declared_on=date(2026, 1, 5)
            )
            for k, e in enumerate(rng.sample(ids, 2000))
        ]
    )

    def ours_draw() -> int:
        d = services.commit_draw(actor=officer, plan=plan, on=ON)
        d = services.draw_objects(actor=officer, draw=d, on=ON)
        Draw.objects.filter(pk=d.pk).update(state="superseded")  # bench cleanup: lets the next run commit
        return d.selected_count

    def bare_draw() -> int:
        pool = list(
            Entity.objects.filter(jurisdiction=j, kind="enterprise", is_active=True).values_list(
                "pk", flat=True
            )
        )
        return len(random.sample(pool, len(pool) // 100))

    t_ours = min(_timed(ours_draw) for _ in range(2))
    t_bare = min(_timed(bare_draw) for _ in range(3))
    results.append(
        Result(
            "draw_1pct",
            t_ours,
            t_bare,
            2.0,
            note=f"{N:,} objects, {N // 100:,} excluded, 200 inspectors with recusal",
        )
    )
    return results


def _timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0
