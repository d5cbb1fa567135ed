"""Factories with fixed, meaningful defaults (STYLE.md §2.6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from fazhi.enforcement.models import Benchmark, LegalReviewItem, Matter
from fazhi.org.models import Certificate


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter

    agency = None  # pass agency=
    jurisdiction = factory.LazyAttribute(lambda m: m.agency.jurisdiction)
    code = factory.Sequence(lambda n: f"CF-{n:04d}")
    name = "销售不符合食品安全标准的食品"
    kind = "penalty"
    legal_basis = "《中华人民共和国食品安全法》"
    basis_article = "《食品安全法》第一百二十四条"


class BenchmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benchmark

    matter = factory.SubFactory(MatterFactory)
    tier = "standard"
    circumstance = "一般情节"
    fine_min = Decimal("5000.00")
    fine_max = Decimal("20000.00")


class LegalReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalReviewItem

    agency = None
    jurisdiction = factory.LazyAttribute(lambda i: i.agency.jurisdiction)
    matter = None
    ground = "public_interest"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    holder = None
    agency = factory.LazyAttribute(lambda c: c.holder.agency)
    kind = "enforcement"
    number = factory.Sequence(lambda n: f"62000000{n:04d}")
    issuing_authority = "甘肃省人民政府"
    valid_from = date(2020, 1, 1)
    valid_until = date(2030, 12, 31)
    status = "valid"


def due(case, clock="decision"):
    """The engine's due date of one clock of the case, read through the list selector's annotation."""
    from fazhi.enforcement.models import PenaltyCase
    from fazhi.enforcement.selectors.cases import DUE_ANNOTATIONS, annotate_due

    return (
        annotate_due(PenaltyCase.objects.filter(pk=case.pk))
        .values_list(DUE_ANNOTATIONS[clock], flat=True)
        .get()
    )


def pending(case, clock="decision"):
    """Whether that due date is provisional (待日历确认), through the same annotation."""
    from fazhi.enforcement.models import PenaltyCase
    from fazhi.enforcement.selectors.cases import DUE_ANNOTATIONS, annotate_due

    name = f"{DUE_ANNOTATIONS[clock]}_pending"
    return annotate_due(PenaltyCase.objects.filter(pk=case.pk)).values_list(name, flat=True).get()


def annotated(obj):
    """The record re-read through its selector, with the engine's due dates annotated (due_on, on_time,
    calendar_pending, withdrawal_due_on, reply_due_on, handed_in_due_on …)."""
    from fazhi.enforcement.models import AnnualStatistics, PenaltyCase, PublicityRecord, SupervisionOpinion
    from fazhi.enforcement.selectors.cases import annotate_due
    from fazhi.enforcement.selectors.publicity import annotate_publicity
    from fazhi.enforcement.selectors.supervision import annotate_reply_due, annotate_statistics_due

    how = {
        PenaltyCase: annotate_due,
        PublicityRecord: annotate_publicity,
        SupervisionOpinion: annotate_reply_due,
        AnnualStatistics: annotate_statistics_due,
    }[type(obj)]
    return how(type(obj).objects.filter(pk=obj.pk)).get()
