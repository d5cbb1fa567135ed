"""The demo framework (`fazhi demo --seed N`) and the org part of the demo county.

`DemoContext` is what every app's `demo.generate(ctx)` receives: the seeded RNG, the demo year and
date, the jurisdiction, its agencies, the justice bureau and the staff accounts by role. The org
part creates one real county — 浙江省湖州市安吉县, GB/T 2260 code 330523 — with the agencies a
county government has, each with a valid USCC (GB 32100-2015 check character over a GB 11714
organisation code), staff accounts for every role, enforcement certificates and training hours.

Demo rows are created in bulk for speed (bypassing the services, which would audit each row);
one audit entry records the seeding.

Extending the demo from another app — `fazhi/<app>/demo.py`:

    from fazhi.org.demo import DemoContext

    def generate(ctx: DemoContext) -> None:
        bureau = ctx.agency("scjg")                # 安吉县市场监督管理局 (codes: AGENCIES below)
        officers = [u for u in ctx.users("officer") if u.agency_id == bureau.pk]
        n = 300
        for i in range(n):
            ...                                     # use ctx.rng, ctx.year, ctx.today only
            ctx.progress("行政处罚案件", i + 1, n)

`fazhi demo` calls every app's `generate(ctx)` in INSTALLED_APPS order, each in its own transaction
with its own RNG (`ctx.reseed(app_label)`), and reports a failing module without stopping the rest.
"""

from __future__ import annotations

import random
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.ids import org_code_check_char, uscc_check_char
from fazhi.org.choices import AgencyKind, Level, Role
from fazhi.org.models import (
    Agency,
    AnnualReview,
    Certificate,
    CertificateKind,
    CertificateStatus,
    Jurisdiction,
    QualificationExam,
    TrainingRecord,
    User,
)

DEMO_PASSWORD = "Fazhi@Demo2025"  # documented in README / printed by `fazhi demo`; passes the validators
DEMO_DIVISION_CODE = "330523"  # 浙江省湖州市安吉县 (GB/T 2260)
DEMO_JURISDICTION = {
    "division_code": DEMO_DIVISION_CODE,
    "name": "安吉县",
    "level": Level.COUNTY,
    "parent_name": "浙江省湖州市",
    # Approximate resident population (第七次全国人口普查 about 0.59 million); demo sizing only.
    "population": 590_000,
}
DEMO_YEAR = 2025

D, J, G, T, V = (
    AgencyKind.DEPARTMENT,
    AgencyKind.JUSTICE_BUREAU,
    AgencyKind.GOVERNMENT,
    AgencyKind.TOWNSHIP,
    AgencyKind.VERTICAL,
)
# (code used in usernames, name, kind, has enforcement authority)
AGENCIES: tuple[tuple[str, str, str, bool], ...] = (
    ("zf", "安吉县人民政府", G, False),
    ("zfb", "安吉县人民政府办公室", D, False),
    ("sfj", "安吉县司法局", J, True),
    ("fgj", "安吉县发展和改革局", D, True),
    ("jxj", "安吉县经济和信息化局", D, True),
    ("jyj", "安吉县教育局", D, True),
    ("gaj", "安吉县公安局", D, True),
    ("mzj", "安吉县民政局", D, True),
    ("czj", "安吉县财政局", D, True),
    ("rsj", "安吉县人力资源和社会保障局", D, True),
    ("zrzy", "安吉县自然资源和规划局", D, True),
    ("sthj", "湖州市生态环境局安吉分局", V, True),
    ("zjj", "安吉县住房和城乡建设局", D, True),
    ("jtys", "安吉县交通运输局", D, True),
    ("slj", "安吉县水利局", D, True),
    ("nync", "安吉县农业农村局", D, True),
    ("swj", "安吉县商务局", D, True),
    ("wgly", "安吉县文化和广电旅游体育局", D, True),
    ("wsjk", "安吉县卫生健康局", D, True),
    ("tyjr", "安吉县退役军人事务局", D, True),
    ("yjgl", "安吉县应急管理局", D, True),
    ("sjj", "安吉县审计局", D, True),
    ("scjg", "安吉县市场监督管理局", D, True),
    ("tjj", "安吉县统计局", D, True),
    ("ybj", "安吉县医疗保障局", D, True),
    ("zhzf", "安吉县综合行政执法局", D, True),
    ("sw", "国家税务总局安吉县税务局", V, True),
    ("dpjd", "安吉县递铺街道办事处", T, True),
    ("csjd", "安吉县昌硕街道办事处", T, True),
    ("lfjd", "安吉县灵峰街道办事处", T, True),
    ("xfz", "安吉县孝丰镇人民政府", T, True),
    ("tfpz", "安吉县天荒坪镇人民政府", T, True),
    ("mxz", "安吉县梅溪镇人民政府", T, True),
    ("tzhz", "安吉县天子湖镇人民政府", T, True),
)
# Enforcement agencies that get a full staff: agency_admin, 3–6 officers, a legal reviewer.
STAFFED = ("scjg", "zhzf", "sthj", "jtys", "yjgl", "nync", "wsjk", "zrzy")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢钟姜崔谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力飞斌宇浩凯俊鹏波婷雪琳晨欣怡晓东海林峰亮志刚"
COURSES = (
    ("行政处罚法专题培训", Decimal("16.0")),
    ("行政执法“三项制度”实务", Decimal("8.0")),
    ("行政执法案卷制作规范", Decimal("12.0")),
    ("新修订行政复议法解读", Decimal("6.0")),
    ("行政执法全过程记录设备使用", Decimal("4.0")),
    ("执法证件年度公共法律知识培训", Decimal("24.0")),
)


@dataclass
class DemoContext:
    """What every app's `demo.generate(ctx)` receives. Use `ctx.rng` for every random choice."""

    seed: int
    stdout: Any = field(default_factory=lambda: sys.stdout)
    year: int = DEMO_YEAR
    today: date = field(default_factory=timezone.localdate)
    rng: random.Random = field(init=False)
    jurisdiction: Jurisdiction | None = None
    agencies: list[Agency] = field(default_factory=list)
    justice_bureau: Agency | None = None
    users_by_role: dict[str, list[User]] = field(default_factory=dict)
    password: str = DEMO_PASSWORD

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def reseed(self, label: str) -> None:
        """A fresh RNG per app (from the seed and the app label), so apps do not shift each other."""
        self.rng = random.Random(f"{self.seed}:{label}")

    def _raw(self, text: str) -> None:
        if hasattr(self.stdout, "style_func"):  # Django's OutputWrapper appends its own ending
            self.stdout.write(text, ending="")
        else:
            self.stdout.write(text)

    def write(self, message: str) -> None:
        self._raw(message if message.endswith("\n") else message + "\n")

    def progress(self, label: str, i: int, n: int) -> None:
        """A progress bar line: redrawn in place on a terminal, printed once at the end otherwise."""
        n = max(n, 1)
        done = min(max(i, 0), n)
        tty = bool(getattr(self.stdout, "isatty", lambda: False)())
        if not tty and done < n:
            return
        width = 24
        filled = round(width * done / n)
        line = f"{label} [{'#' * filled}{'-' * (width - filled)}] {done}/{n}"
        self._raw(("\r" if tty else "") + line + ("\n" if done >= n else ""))

    def agency(self, code_or_name: str) -> Agency:
        """An agency by its demo code (e.g. "scjg") or by (part of) its name."""
        for a, spec in zip(self.agencies, AGENCIES, strict=False):
            if spec[0] == code_or_name:
                return a
        for a in self.agencies:
            if code_or_name in a.name:
                return a
        raise KeyError(code_or_name)

    @property
    def enforcement_agencies(self) -> list[Agency]:
        return [a for a in self.agencies if a.has_enforcement_authority]

    def users(self, role: str) -> list[User]:
        return self.users_by_role.get(role, [])


def demo_uscc(rng: random.Random, division_code: str, used: set[str]) -> str:
    """A valid USCC of a government organ (登记管理部门 1 机构编制, 类别 1 机关)."""
    while True:
        org8 = f"{rng.randrange(0, 10**8):08d}"
        if org8 in used:
            continue
        used.add(org8)
        body = f"11{division_code}{org8}{org_code_check_char(org8)}"
        return body + uscc_check_char(body)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def existing_demo_jurisdiction() -> Jurisdiction | None:
    return Jurisdiction.objects.filter(division_code=DEMO_DIVISION_CODE).first()


# The jurisdiction tree (issue 14): the county's prefecture with its justice bureau and a
# supervisor who sees both counties, and one neighbouring county with its own bureau.
DEMO_PREFECTURE = {
    "division_code": "330500",
    "name": "湖州市",
    "level": Level.PREFECTURE,
    "parent_name": "浙江省",
}
DEMO_NEIGHBOUR = {
    "division_code": "330522",
    "name": "长兴县",
    "level": Level.COUNTY,
    "parent_name": "浙江省湖州市",
}
TREE_AGENCIES = (("330500", "湖州市司法局"), ("330522", "长兴县司法局"), ("330522", "长兴县市场监督管理局"))
TREE_ACCOUNTS = (  # username, agency name, role
    ("hz_sfj_jiandu", "湖州市司法局", Role.SUPERVISOR),
    ("cx_sfj_jiandu", "长兴县司法局", Role.SUPERVISOR),
)


def generate(ctx: DemoContext) -> None:
    """Create the demo county: jurisdiction, agencies, staff for every role, certificates, training;
    then its prefecture and a neighbouring county (the jurisdiction tree)."""
    rng = ctx.rng
    prefecture = Jurisdiction.objects.create(**DEMO_PREFECTURE)
    jurisdiction = Jurisdiction.objects.create(**DEMO_JURISDICTION, parent=prefecture)
    ctx.jurisdiction = jurisdiction

    used: set[str] = set()
    agencies = [
        Agency(
            jurisdiction=jurisdiction,
            name=name,
            short_name=name.removeprefix("安吉县").removeprefix("国家税务总局安吉县") or name,
            uscc=demo_uscc(rng, jurisdiction.division_code, used),
            kind=kind,
            has_enforcement_authority=enforcement,
            address=f"浙江省湖州市安吉县递铺街道{rng.choice(('昌硕东路', '胜利西路', '天目路', '递铺路', '浦源大道'))}{rng.randrange(1, 400)}号",
            phone=f"0572-5{rng.randrange(100000, 999999)}",
        )
        for code, name, kind, enforcement in AGENCIES
    ]
    Agency.objects.bulk_create(agencies)
    agencies = list(Agency.objects.filter(jurisdiction=jurisdiction).order_by("pk"))
    by_code = {spec[0]: a for spec, a in zip(AGENCIES, agencies, strict=True)}
    government = by_code["zf"]
    Agency.objects.filter(kind=AgencyKind.TOWNSHIP, jurisdiction=jurisdiction).update(parent=government)
    ctx.agencies = list(Agency.objects.filter(jurisdiction=jurisdiction).order_by("pk"))
    by_code = {spec[0]: a for spec, a in zip(AGENCIES, ctx.agencies, strict=True)}
    ctx.justice_bureau = by_code["sfj"]
    ctx.progress("行政机关", len(ctx.agencies), len(ctx.agencies))

    # One hash for every demo account (deterministic salt): hashing once keeps the demo fast.
    password_hash = make_password(ctx.password, salt=f"fazhidemo{ctx.seed}")
    specs: list[tuple[str, str, str, bool]] = [  # username, role, agency code, is_head
        ("sfj_jiandu", Role.SUPERVISOR, "sfj", True),
        ("sfj_jiandu2", Role.SUPERVISOR, "sfj", False),
        ("sfj_admin", Role.AGENCY_ADMIN, "sfj", False),
        ("fuyi", Role.RECONSIDERATION_STAFF, "sfj", False),
        ("fuyi2", Role.RECONSIDERATION_STAFF, "sfj", False),
        ("fuyi_fzr", Role.RECONSIDERATION_STAFF, "sfj", True),
        ("zfb_chakan", Role.VIEWER, "zfb", False),
    ]
    for code in STAFFED:
        specs.append((f"{code}_admin", Role.AGENCY_ADMIN, code, False))
        for n in range(1, rng.randint(3, 6) + 1):
            specs.append((f"{code}_zf{n}", Role.OFFICER, code, n == 1))  # the first officer heads the bureau
        specs.append((f"{code}_fzsh", Role.LEGAL_REVIEWER, code, False))
    users = [
        User(
            username=username,
            full_name=_person(rng),
            role=role,
            agency=by_code[code],
            jurisdiction=jurisdiction,
            is_head=is_head,
            password=password_hash,
            phone=f"13{rng.randrange(100000000, 999999999)}",
        )
        for username, role, code, is_head in specs
    ]
    User.objects.bulk_create(users)
    all_users = list(User.objects.filter(jurisdiction=jurisdiction).select_related("agency").order_by("pk"))
    ctx.users_by_role = {}
    for u in all_users:
        ctx.users_by_role.setdefault(u.role, []).append(u)
    ctx.progress("工作人员账号", len(all_users), len(all_users))

    _certificates_and_training(ctx, all_users)
    _tree(ctx, prefecture, password_hash, used)
    audit.record(
        actor=None,
        action="org.demo_seed",
        obj=jurisdiction,
        after={"seed": ctx.seed, "agencies": len(ctx.agencies), "users": len(all_users)},
        note="演示数据",
    )


def _tree(ctx: DemoContext, prefecture: Jurisdiction, password_hash: str, used: set[str]) -> None:
    """湖州市司法局 (its supervisor sees 安吉县 and 长兴县) and 长兴县 with two agencies and its
    bureau's supervisor. Not in ctx: the apps' demo data stays in 安吉县."""
    neighbour = Jurisdiction.objects.create(**DEMO_NEIGHBOUR, parent=prefecture)
    places = {"330500": prefecture, "330522": neighbour}
    agencies = {
        name: Agency.objects.create(
            jurisdiction=places[code],
            name=name,
            short_name=name.removeprefix(places[code].name),
            uscc=demo_uscc(ctx.rng, code, used),
            kind=J if name.endswith("司法局") else D,
            has_enforcement_authority=not name.endswith("司法局"),
        )
        for code, name in TREE_AGENCIES
    }
    for username, name, role in TREE_ACCOUNTS:
        agency = agencies[name]
        User.objects.create(
            username=username,
            full_name=_person(ctx.rng),
            role=role,
            agency=agency,
            jurisdiction=agency.jurisdiction,
            password=password_hash,
        )
    names = "、".join(f"{u}（{n}）" for u, n, _ in TREE_ACCOUNTS)
    ctx.write(
        f"上级与相邻县演示账号（密码与下表相同）：{names}；湖州市司法局监督人员可查看安吉县、长兴县的全部记录。"
    )


def _certificates_and_training(ctx: DemoContext, users: list[User]) -> None:
    """Officers hold enforcement certificates (a few expiring within 60 days, one expired);
    supervisors hold supervision certificates; officers have this year's training hours."""
    rng, today = ctx.rng, ctx.today
    holders = [u for u in users if u.role in {Role.OFFICER, Role.SUPERVISOR}]
    certificates: list[Certificate] = []
    exams: list[QualificationExam] = []
    officers_seen = 0
    for serial, u in enumerate(holders, start=1):
        kind = CertificateKind.SUPERVISION if u.role == Role.SUPERVISOR else CertificateKind.ENFORCEMENT
        status = CertificateStatus.VALID
        if kind == CertificateKind.ENFORCEMENT:
            officers_seen += 1
        if kind == CertificateKind.ENFORCEMENT and officers_seen == 2:
            valid_until = today - timedelta(days=20)  # the one expired certificate
            status = CertificateStatus.EXPIRED
        elif kind == CertificateKind.ENFORCEMENT and officers_seen % 6 == 0:
            valid_until = today + timedelta(days=rng.randint(5, 55))  # expiring within 60 days
        else:
            valid_until = today + timedelta(days=rng.randint(120, 1500))
        valid_from = valid_until - timedelta(days=5 * 365)
        exam_date = valid_from - timedelta(days=rng.randint(30, 90))
        certificates.append(
            Certificate(
                holder=u,
                agency=u.agency,
                kind=kind,
                number=f"{'33J' if kind == CertificateKind.SUPERVISION else '33Z'}{DEMO_DIVISION_CODE}{serial:05d}",
                issuing_authority="浙江省人民政府",
                areas=u.agency.short_name if u.agency else "",
                valid_from=valid_from,
                valid_until=valid_until,
                status=status,
                status_reason="有效期届满" if status == CertificateStatus.EXPIRED else "",
            )
        )
        exams.append(
            QualificationExam(
                candidate=u, exam_date=exam_date, score=Decimal(rng.randint(62, 96)), passed=True
            )
        )
    Certificate.objects.bulk_create(certificates)
    QualificationExam.objects.bulk_create(exams)
    saved = list(Certificate.objects.filter(holder__jurisdiction=ctx.jurisdiction).order_by("pk"))
    AnnualReview.objects.bulk_create(
        AnnualReview(
            certificate=c,
            year=ctx.year - 1,
            result=AnnualReview.Result.PASSED,
            reviewed_on=date(ctx.year - 1, 12, rng.randint(1, 20)),
        )
        for c in saved
        if c.valid_from.year < ctx.year - 1
    )
    ctx.progress("执法证件", len(saved), len(saved))
    records = []
    officers = [u for u in users if u.role == Role.OFFICER]
    for u in officers:
        for course, hours in rng.sample(COURSES, rng.randint(2, 4)):
            records.append(
                TrainingRecord(
                    officer=u,
                    year=ctx.year,
                    course=course,
                    hours=hours,
                    completed_on=date(ctx.year, rng.randint(1, 11), rng.randint(1, 28)),
                )
            )
    TrainingRecord.objects.bulk_create(records)
    ctx.progress("培训学时", len(officers), len(officers))


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _display_width(text))


def logins_table(users: list[User], password: str) -> str:
    """The demo logins as a plain-text table (CJK characters count double width)."""
    rows = [("用户名", "角色", "负责人", "所在机关", "密码")]
    rows += [
        (
            u.username,
            u.get_role_display(),
            "是" if u.is_head else "",
            u.agency.name if u.agency else "",
            password,
        )
        for u in users
    ]
    widths = [max(_display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_logins(out: TextIO | Any, users: list[User], password: str = DEMO_PASSWORD) -> None:
    out.write(logins_table(users, password) + "\n")
