"""Indicators of the disputes app (INDICATORS.md: reconsideration.*, litigation.*, mediation.*).

Every figure is computed from the records and lists them (`records`). Scope: the jurisdiction,
the year (1 Jan – 31 Dec), optionally one agency (the respondent / the defendant / the organiser).

Categories of closure are disjoint: decided + mediated (调解, and 和解 followed by withdrawal,
第七十三、七十四条) + terminated (the other 第四十一条 grounds) = closed.

Mediation: mediation.cases / successful / success_rate / amount and litigation.pretrial_settled count
the mediations concluded in Y (what INDICATORS.md calls mediated, ended in agreement, resolved in Y);
litigation.pretrial_referred and the linkage counts keep the disputes received (referred) in Y.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from fazhi.core.indicators import IndicatorValue, Scope, indicator

from .choices import CORRECTING_OUTCOMES, MERITS_OUTCOMES, Linkage, MediationKind, MediationOutcome, Outcome
from .models import (
    AdvisoryMember,
    EnforcementApplication,
    LitigationCase,
    LitigationHearing,
    Mediation,
    Reconsideration,
    ReconsiderationOpinion,
)
from .selectors import accepted_steps, with_decided_on_time
from .services.litigation import loss_judgments

CLOSED_STATES = ("decided", "mediated", "terminated")


# --- reconsideration -----------------------------------------------------------------------------
def _cases(scope: Scope) -> QuerySet[Reconsideration]:
    qs = Reconsideration.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(respondent=scope.agency) if scope.agency is not None else qs


def _accepted_ids(**on: Any) -> Any:
    return accepted_steps().filter(**on).values("object_id")


def _closed(scope: Scope) -> QuerySet[Reconsideration]:
    return _cases(scope).filter(state__in=CLOSED_STATES, closed_on__year=scope.year)


def _decided(scope: Scope) -> QuerySet[Reconsideration]:
    return _closed(scope).filter(state="decided")


@indicator("reconsideration.received")
def received(scope: Scope) -> IndicatorValue:
    """收到申请 in Y (before the 第三十条 review)."""
    qs = _cases(scope).filter(received_on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.accepted")
def accepted(scope: Scope) -> IndicatorValue:
    """受理 in Y, deemed acceptances (第三十条第三款) included: the date of the acceptance step."""
    qs = _cases(scope).filter(pk__in=_accepted_ids(on__year=scope.year))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.rejected")
def rejected(scope: Scope) -> IndicatorValue:
    qs = _cases(scope).filter(state="rejected", closed_on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.informed")
def informed(scope: Scope) -> IndicatorValue:
    """Rejections naming the competent organ (第三十条第二款)."""
    qs = _cases(scope).filter(state="rejected", closed_on__year=scope.year).exclude(competent_organ="")
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.closed")
def closed(scope: Scope) -> IndicatorValue:
    qs = _closed(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.carried_over")
def carried_over(scope: Scope) -> IndicatorValue:
    """Accepted before Y and still open on 1 January of Y."""
    qs = (
        _cases(scope)
        .filter(pk__in=_accepted_ids(on__lt=scope.start))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start))
    )
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.pending")
def pending(scope: Scope) -> IndicatorValue:
    """Accepted by 31 December and not closed by then."""
    qs = (
        _cases(scope)
        .filter(pk__in=_accepted_ids(on__lte=scope.end))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=scope.end))
    )
    return IndicatorValue(value=qs.count(), records=qs)


def _outcome(*outcomes: str) -> Any:
    def compute(scope: Scope) -> IndicatorValue:
        qs = _decided(scope).filter(outcome__in=outcomes)
        return IndicatorValue(value=qs.count(), records=qs)

    return compute


for _code, _outcomes in {
    "reconsideration.upheld": (Outcome.UPHOLD,),
    "reconsideration.altered": (Outcome.ALTER,),
    "reconsideration.revoked": (Outcome.REVOKE,),
    "reconsideration.declared_unlawful": (Outcome.DECLARE_UNLAWFUL,),
    "reconsideration.ordered_performance": (Outcome.ORDER_PERFORMANCE,),
    "reconsideration.declared_void": (Outcome.DECLARE_VOID,),
    # 驳回复议请求 (第六十九条) and 驳回申请 (第三十三条)
    "reconsideration.dismissed": (Outcome.DISMISS_CLAIM, Outcome.DISMISS_APPLICATION),
}.items():
    indicator(_code)(_outcome(*_outcomes))


@indicator("reconsideration.mediated")
def mediated(scope: Scope) -> IndicatorValue:
    """调解 (第七十三条) or 和解 followed by withdrawal (第七十四条)."""
    qs = _closed(scope).filter(Q(state="mediated") | Q(state="terminated", termination_ground="settled"))
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.terminated")
def terminated(scope: Scope) -> IndicatorValue:
    """终止 on the 第四十一条 grounds (withdrawal included; withdrawal after settlement counts as mediated)."""
    qs = _closed(scope).filter(state="terminated").exclude(termination_ground="settled")
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.correction_rate")
def correction_rate(scope: Scope) -> IndicatorValue:
    """(altered + revoked + declared unlawful + ordered performance + declared void) / decided on the merits."""
    decided = _decided(scope)
    return IndicatorValue.rate(
        decided.filter(outcome__in=CORRECTING_OUTCOMES),
        decided.filter(outcome__in=MERITS_OUTCOMES),
        note="分母：作出维持、驳回和五类纠错决定的案件",
    )


@indicator("reconsideration.closed_on_time_rate")
def closed_on_time_rate(scope: Scope) -> IndicatorValue:
    """Closed within the statutory period (suspension left out, extension counted) / closed.

    A case closed while its decision deadline still awaited calendar data, after 1 January of the
    missing year, is neither on time nor late until the year is entered (ADR 0003): it is left
    out of both and named in the note — never a guess."""
    qs = with_decided_on_time(_closed(scope))
    pending = qs.filter(decided_on_time="pending").count()  # type: ignore[misc]  # annotation
    note = f"另有{pending}件结案时审理期限待录入节假日安排后判定是否按期，未计入" if pending else ""
    on_time = qs.filter(decided_on_time="yes")  # type: ignore[misc]
    settled = qs.filter(decided_on_time__in=("yes", "no"))  # type: ignore[misc]
    return IndicatorValue.rate(on_time, settled, note=note)


@indicator("reconsideration.opinions_issued")
def opinions_issued(scope: Scope) -> IndicatorValue:
    qs = ReconsiderationOpinion.objects.filter(jurisdiction=scope.jurisdiction, issued_on__year=scope.year)
    if scope.agency is not None:
        qs = qs.filter(agency=scope.agency)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("reconsideration.advisory_members")
def advisory_members(scope: Scope) -> IndicatorValue:
    """Members of the 行政复议委员会 (第五十二条) in office on 31 December of Y."""
    qs = AdvisoryMember.objects.filter(jurisdiction=scope.jurisdiction, appointed_on__lte=scope.end).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=scope.end)
    )
    return IndicatorValue(value=qs.count(), records=qs)


# --- litigation ----------------------------------------------------------------------------------
def _suits(scope: Scope) -> QuerySet[LitigationCase]:
    qs = LitigationCase.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


def _concluded(scope: Scope) -> QuerySet[LitigationCase]:
    """Instances concluded in Y that were not appealed: each suit counted once, at its final judgment."""
    return _suits(scope).filter(judgment_on__year=scope.year, appealed=False).exclude(judgment="")


@indicator("litigation.cases")
def litigation_cases(scope: Scope) -> IndicatorValue:
    """New suits in Y: first-instance cases served in Y (appeals are the same suit)."""
    qs = _suits(scope).filter(instance="first", served_on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.gov_defendant_cases")
def gov_defendant_cases(scope: Scope) -> IndicatorValue:
    qs = _suits(scope).filter(instance="first", served_on__year=scope.year, government_is_defendant=True)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.closed")
def litigation_closed(scope: Scope) -> IndicatorValue:
    qs = _concluded(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.closed_rate")
def litigation_closed_rate(scope: Scope) -> IndicatorValue:
    """closed / (new suits + suits carried over: served before Y, not finally concluded before 1 January)."""
    root = _root_of(scope)
    finished = {
        root[pk]
        for pk in _suits(scope)
        .filter(judgment_on__lt=scope.start, appealed=False)
        .exclude(judgment="")
        .values_list("pk", flat=True)
    }
    earlier = _suits(scope).filter(instance="first", served_on__lt=scope.start).values_list("pk", flat=True)
    carried = sum(1 for pk in earlier if pk not in finished)
    new = _suits(scope).filter(instance="first", served_on__year=scope.year).count()
    return IndicatorValue.rate(_concluded(scope), new + carried, records=_concluded(scope))


def _root_of(scope: Scope) -> dict[int, int]:
    """instance id → id of its first-instance row (following `previous`)."""
    parent = dict(_suits(scope).values_list("pk", "previous_id"))
    out: dict[int, int] = {}
    for pk in parent:
        root = pk
        while parent.get(root):
            root = parent[root]
        out[pk] = root
    return out


def _heard(scope: Scope) -> QuerySet[LitigationCase]:
    """Instances with a court hearing in Y — the unit of 2020规定第十四条 (per case and instance)."""
    ids = LitigationHearing.objects.filter(held_on__year=scope.year).values("case_id")
    return _suits(scope).filter(pk__in=ids)


@indicator("litigation.head_appearances")
def head_appearances(scope: Scope) -> IndicatorValue:
    ids = LitigationHearing.objects.filter(held_on__year=scope.year, head_appeared=True).values("case_id")
    qs = _suits(scope).filter(pk__in=ids)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.head_appearance_rate")
def head_appearance_rate(scope: Scope) -> IndicatorValue:
    return IndicatorValue.rate(head_appearances(scope).records, _heard(scope))


def _losses(scope: Scope) -> QuerySet[LitigationCase]:
    return _concluded(scope).filter(judgment__in=loss_judgments(scope.jurisdiction.pk))


@indicator("litigation.losses")
def losses(scope: Scope) -> IndicatorValue:
    """败诉 by the jurisdiction's configurable rule (LEGAL_RULES.md §2, UNCONFIRMED defaults)."""
    qs = _losses(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.loss_rate")
def loss_rate(scope: Scope) -> IndicatorValue:
    return IndicatorValue.rate(_losses(scope), _concluded(scope))


@indicator("litigation.non_litigation_enforcement")
def non_litigation_enforcement(scope: Scope) -> IndicatorValue:
    qs = EnforcementApplication.objects.filter(jurisdiction=scope.jurisdiction, applied_on__year=scope.year)
    if scope.agency is not None:
        qs = qs.filter(agency=scope.agency)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.judicial_recommendations")
def judicial_recommendations(scope: Scope) -> IndicatorValue:
    qs = _suits(scope).filter(judicial_recommendation=True, judgment_on__year=scope.year)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.pretrial_referred")
def pretrial_referred(scope: Scope) -> IndicatorValue:
    """Disputes the court referred (委派) to the settlement centre in Y: the referral is received in Y,
    whatever its outcome (INDICATORS.md litigation.pretrial_referred)."""
    qs = _mediations_received(scope).filter(kind=MediationKind.PRETRIAL)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("litigation.pretrial_settled")
def pretrial_settled(scope: Scope) -> IndicatorValue:
    """Disputes resolved through the settlement centre in Y (达成和解): the agreement is reached in Y,
    whenever the referral was received (INDICATORS.md litigation.pretrial_settled)."""
    qs = _mediations_concluded(scope).filter(kind=MediationKind.PRETRIAL, outcome=MediationOutcome.AGREED)
    return IndicatorValue(value=qs.count(), records=qs)


# --- mediation -----------------------------------------------------------------------------------
def _all_mediations(scope: Scope) -> QuerySet[Mediation]:
    qs = Mediation.objects.filter(jurisdiction=scope.jurisdiction)
    return qs.filter(agency=scope.agency) if scope.agency is not None else qs


def _mediations_concluded(scope: Scope) -> QuerySet[Mediation]:
    """Mediations concluded (调解结案, agreement or not) in Y, whenever received: the cohort of
    mediation.cases / successful / success_rate / amount ("disputes mediated in Y", "mediations that
    ended in agreement in Y") and of litigation.pretrial_settled. Numerator and denominator of the
    success rate are this one cohort, so the rate never exceeds 100 %. Open mediations are not yet
    mediated and are left out."""
    return _all_mediations(scope).filter(
        closed_on__year=scope.year, outcome__in=(MediationOutcome.AGREED, MediationOutcome.FAILED)
    )


def _mediations_received(scope: Scope) -> QuerySet[Mediation]:
    """Disputes received for mediation (受理, or referred by the court) in Y, whatever their outcome:
    the cohort of litigation.pretrial_referred (委派 in Y) and of the linkage counts (handled in Y)."""
    return _all_mediations(scope).filter(received_on__year=scope.year)


@indicator("mediation.cases")
def mediation_cases(scope: Scope) -> IndicatorValue:
    """Disputes mediated in Y (调解, 调处, 办结人民调解案件): concluded in Y, agreement or not."""
    qs = _mediations_concluded(scope)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("mediation.successful")
def mediation_successful(scope: Scope) -> IndicatorValue:
    """Mediations that ended in agreement (调解成功) in Y."""
    qs = _mediations_concluded(scope).filter(outcome=MediationOutcome.AGREED)
    return IndicatorValue(value=qs.count(), records=qs)


@indicator("mediation.success_rate")
def mediation_success_rate(scope: Scope) -> IndicatorValue:
    """successful / cases: both on the mediations concluded in Y."""
    concluded = _mediations_concluded(scope)
    return IndicatorValue.rate(concluded.filter(outcome=MediationOutcome.AGREED), concluded)


@indicator("mediation.amount")
def mediation_amount(scope: Scope) -> IndicatorValue:
    """Money at stake in the disputes mediated (concluded) in Y, in 万元 (2 dp, half-up); the exact
    sum in yuan is in the note."""
    qs = _mediations_concluded(scope)
    yuan = qs.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    wan = (yuan / Decimal(10000)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return IndicatorValue(value=wan, records=qs, note=f"{yuan}元")


def _linkage(kind: str) -> Any:
    def compute(scope: Scope) -> IndicatorValue:
        """Disputes handled through the linkage channel in Y: received in Y (INDICATORS.md speaks of
        disputes handled, not of mediations concluded)."""
        qs = _mediations_received(scope).filter(linkage=kind)
        return IndicatorValue(value=qs.count(), records=qs)

    return compute


indicator("mediation.police_linkage")(_linkage(Linkage.POLICE))
indicator("mediation.procuratorate_linkage")(_linkage(Linkage.PROCURATORATE))
indicator("mediation.court_linkage")(_linkage(Linkage.COURT))
