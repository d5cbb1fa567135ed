"""Named guards for the penalty procedure — one rule, one name, one test (STYLE.md §2.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q

from fazhi.enforcement.choices import HEARING_PENALTY_TYPES, PenaltyType, Tier
from fazhi.enforcement.models import Benchmark, LegalReviewItem, Matter, PenaltyCase
from fazhi.org.models import Certificate, CertificateKind, CertificateStatus

from ._common import invalid

# 第六十三条第一款第一、二项: "较大数额" is set by provinces and ministries. Defaults follow
# 《市场监督管理行政处罚听证办法》(2021) 第五条: natural person ≥ 10,000 yuan, others ≥ 100,000 yuan.
# A deployment sets FAZHI_HEARING_FINE_NATURAL / FAZHI_HEARING_FINE_LEGAL to its province's figures.
HEARING_FINE_NATURAL = Decimal(str(getattr(settings, "FAZHI_HEARING_FINE_NATURAL", "10000")))
HEARING_FINE_LEGAL = Decimal(str(getattr(settings, "FAZHI_HEARING_FINE_LEGAL", "100000")))

# 第五十一条: on-the-spot decisions only for a warning or a fine ≤ 200 yuan (citizen) / ≤ 3,000 yuan.
ON_THE_SPOT_MAX_NATURAL = Decimal("200")
ON_THE_SPOT_MAX_LEGAL = Decimal("3000")


def certificate_number(officer: Any, agency_id: int, on: date) -> str | None:
    """The number of a valid enforcement certificate of `officer` for the agency on `on`, else None."""
    cert = (
        Certificate.objects.filter(
            holder=officer,
            agency_id=agency_id,
            kind=CertificateKind.ENFORCEMENT,
            status=CertificateStatus.VALID,
            valid_from__lte=on,
            valid_until__gte=on,
        )
        .order_by("-valid_until")
        .first()
    )
    return cert.number if cert else None


def two_certified_officers(agency_id: int, officer_a: Any, officer_b: Any, on: date) -> tuple[str, str]:
    """第四十二条: at least two officers holding enforcement qualification. Returns their numbers."""
    if officer_a is None or officer_b is None:
        raise invalid(
            {"officer_b": "执法人员不得少于两人（行政处罚法第四十二条）。"}, code="officers_missing"
        )
    if officer_a.pk == officer_b.pk:
        raise invalid(
            {"officer_b": "两名执法人员不能是同一人（行政处罚法第四十二条）。"}, code="officers_same"
        )
    numbers = []
    for field, officer in (("officer_a", officer_a), ("officer_b", officer_b)):
        number = certificate_number(officer, agency_id, on)
        if number is None:
            raise invalid(
                {
                    field: f"执法人员“{officer}”在 {on.isoformat()} 未持有本机关有效的行政执法证件，不能从事执法活动（行政处罚法第四十二条）。"
                },
                code="officer_uncertified",
            )
        numbers.append(number)
    return numbers[0], numbers[1]


def penalty_types_valid(types: list[str], field: str = "penalty_types") -> list[str]:
    valid = set(PenaltyType.values)
    bad = [t for t in types if t not in valid]
    if bad:
        raise invalid(
            {field: f"处罚种类“{'、'.join(bad)}”不是行政处罚法第九条规定的种类。"}, code="penalty_type"
        )
    return list(dict.fromkeys(types))


def hearing_applicable(
    case: PenaltyCase, types: list[str], fine: Decimal | None, confiscation: Decimal | None
) -> bool:
    """第六十三条第一款: the party has the right to a hearing for large fines or confiscations,
    lowering a qualification grade, revoking a permit, ordering closure, restricting employment."""
    if set(types) & HEARING_PENALTY_TYPES:
        return True
    threshold = HEARING_FINE_NATURAL if case.party_is_natural_person else HEARING_FINE_LEGAL
    return (fine or Decimal(0)) >= threshold or (confiscation or Decimal(0)) >= threshold


def legal_review_listed(case: PenaltyCase, fine: Decimal | None) -> bool:
    """第五十八条第一款第四项 and the agency's legal-review list: the matter (or every matter) is listed,
    optionally from a fine amount on."""
    items = LegalReviewItem.objects.filter(
        Q(matter__isnull=True) | Q(matter_id=case.matter_id), agency_id=case.agency_id
    )
    amount = fine or Decimal(0)
    return any(item.min_fine is None or amount >= item.min_fine for item in items)


def pick_benchmark(matter: Matter, tier: str, fine: Decimal | None) -> tuple[Benchmark | None, bool]:
    """The benchmark of `tier` whose range holds the fine, and whether the fine is out of tier (第三十四条).

    A matter without benchmarks for that tier has nothing to compare against: not out of tier.
    """
    candidates = list(Benchmark.objects.filter(matter=matter, tier=tier).order_by("fine_min", "id"))
    if not candidates:
        return None, False
    for b in candidates:
        if b.contains(fine):
            return b, False
    return candidates[0], True


def on_the_spot_thresholds(case: PenaltyCase, types: list[str], fine: Decimal | None) -> None:
    """第五十一条: a warning, or a fine ≤ 200 yuan (citizen) / ≤ 3,000 yuan (legal person, organisation)."""
    other = set(types) - {PenaltyType.WARNING, PenaltyType.FINE}
    if other or not types:
        raise invalid(
            {
                "penalty_types": "当场处罚只能给予警告或者罚款（行政处罚法第五十一条）；其他处罚种类须适用普通程序。"
            },
            code="on_the_spot_type",
        )
    limit = ON_THE_SPOT_MAX_NATURAL if case.party_is_natural_person else ON_THE_SPOT_MAX_LEGAL
    who = "公民" if case.party_is_natural_person else "法人或者其他组织"
    if PenaltyType.FINE in types and (fine is None or fine <= 0):
        raise invalid({"fine_amount": "处罚种类含罚款时须填写罚款金额。"}, code="fine_missing")
    if (fine or Decimal(0)) > limit:
        raise invalid(
            {
                "fine_amount": f"对{who}当场罚款不得超过{limit:.0f}元（行政处罚法第五十一条），本案拟罚款{fine}元，须适用普通程序。"
            },
            code="on_the_spot_threshold",
        )


def tier_label(tier: str) -> str:
    return str(Tier(tier).label) if tier in Tier.values else tier


def within_limitation(violation_on: date | None, opened_on: date, serious_harm: bool) -> None:
    """第三十六条: no penalty for a violation not discovered within 2 years (5 years where life, health
    or financial safety is involved and harm resulted), counted from the act or the end of a continuing act."""
    from fazhi.core.workdays import explain
    from fazhi.enforcement.procedures import LIMITATION

    if violation_on is None:
        return
    if violation_on > opened_on:
        raise invalid({"violation_on": "违法行为发生日期晚于立案日期。"}, code="date_order")
    years = 5 if serious_harm else 2
    if opened_on.year - violation_on.year < years:  # clearly inside: no need to compute the end date
        return
    c = explain(violation_on, LIMITATION[serious_harm])
    if opened_on > c.due:
        raise invalid(
            {
                "violation_on": f"违法行为已超过{years}年追责期限（{c.describe()}），依法不再给予行政处罚（行政处罚法第三十六条）。"
            },
            code="limitation_expired",
        )


PENDING_SURCHARGE = "加处罚款暂无法计算（缴款期限待录入日历后计算）"


def late_surcharge(fine: Decimal | None, payment_due_on: date | None, on: date) -> Decimal | None:
    """加处罚款 (行政处罚法第七十二条第一项): 3% of the fine per day after the payment deadline, capped at
    the fine itself. Days are counted from the day after the (rolled-over) deadline.

    None when there is a fine but no payment due date (the engine's payment deadline awaits calendar
    data, ADR 0003): the surcharge cannot be computed, and is not shown as 0."""
    if not fine:
        return Decimal("0.00")
    if payment_due_on is None:
        return None
    if on <= payment_due_on:
        return Decimal("0.00")
    days = (on - payment_due_on).days
    return min((fine * Decimal("0.03") * days).quantize(Decimal("0.01")), fine)


def on_the_spot_collection(case: PenaltyCase, reason: str) -> None:
    """当场收缴 only: an on-the-spot decision with a fine ≤ 100 yuan or that would be hard to collect later
    (第六十八条), or in remote areas at the party's request (第六十九条)."""
    from fazhi.enforcement.choices import CollectionReason, ProcedureKind

    if reason not in (CollectionReason.SMALL, CollectionReason.HARD_TO_COLLECT, CollectionReason.REMOTE):
        raise invalid(
            {"collection_reason": "请选择当场收缴罚款的法定情形（行政处罚法第六十八、六十九条）。"},
            code="required",
        )
    on_the_spot = case.procedure_kind == ProcedureKind.ON_THE_SPOT
    if reason in (CollectionReason.SMALL, CollectionReason.HARD_TO_COLLECT) and not on_the_spot:
        raise invalid(
            {
                "collection_reason": "该情形只适用于当场作出的处罚决定（行政处罚法第六十八条）；普通程序罚款应到指定银行或通过电子支付系统缴纳。"
            },
            code="collection_not_allowed",
        )
    if reason == CollectionReason.SMALL and (case.fine_amount or Decimal(0)) > 100:
        raise invalid(
            {
                "collection_reason": f"罚款 {case.fine_amount} 元超过一百元，不能以“一百元以下”为由当场收缴（行政处罚法第六十八条第一项）。"
            },
            code="collection_not_allowed",
        )
