"""Action forms of the case pages, one per verb (named like the transitions and API verbs)."""

from __future__ import annotations

from django import forms

from .choices import Outcome


class PlanDateForm(forms.Form):
    on = forms.DateField(label="办理日期", widget=forms.DateInput(attrs={"type": "date"}))


class PlanReasonsForm(PlanDateForm):
    reasons = forms.CharField(label="理由", max_length=500)


class PlanGroundForm(PlanDateForm):
    ground = forms.CharField(label="理由", max_length=500)


class PlanChangeForm(PlanGroundForm):
    ratio = forms.DecimalField(label="新的抽查比例（%）", required=False, max_digits=6, decimal_places=2)
    count = forms.IntegerField(label="新的抽查数量", required=False, min_value=1)
    period_end = forms.DateField(
        label="新的检查期间止", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PlanMergeForm(PlanDateForm):
    into = forms.IntegerField(label="并入的计划", widget=forms.HiddenInput)


class TaskResultForm(PlanDateForm):
    outcome = forms.ChoiceField(label="检查结果", choices=Outcome.choices)
    findings = forms.CharField(label="检查情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    penalty_matter = forms.IntegerField(
        label="立案查处适用的行政处罚事项", required=False, widget=forms.Select
    )
    referral_note = forms.CharField(label="移交说明", required=False, max_length=300)
    file = forms.FileField(label="检查记录、照片等证据", required=False)
