"""工作日历 — the staff screens: the years known and their source, a date check and a deadline
calculator, the form supervisors use to enter or correct a year (LEGAL_RULES §13), and a
month-by-month view of a year to check the entry against the notice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.tasks.services import job_visible_to

from . import calendar, selectors, services
from .forms import HolidayYearForm, initial_from_year
from .tasks import RECOMPUTE


def _calculator(request: HttpRequest) -> dict[str, Any]:
    """GET ?start=&n=&unit= → the explanation line; ?check= → working day or rest day."""
    out: dict[str, Any] = {"unit": request.GET.get("unit", "wd")}
    try:
        if request.GET.get("start"):
            start = date.fromisoformat(request.GET["start"])
            n_text = request.GET.get("n", "").strip()
            if not n_text.isdigit():
                raise ValidationError("期限数值必须是非负整数。", code="bad_n")
            unit = out["unit"] if out["unit"] in calendar.UNIT_LABEL else "wd"
            out["computation"] = calendar.explain(start, calendar.Period(int(n_text), unit))  # type: ignore[arg-type]
        if request.GET.get("check"):
            d = date.fromisoformat(request.GET["check"])
            out["checked"] = {"date": d, "workday": calendar.is_workday(d), "name": calendar.day_name(d)}
    except ValueError:
        out["calc_error"] = "日期格式错误，应为 YYYY-MM-DD 的有效日期。"
    except ValidationError as exc:
        out["calc_error"] = "；".join(exc.messages)
    return out


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """年度列表 + 工作日查询 + 期限计算."""
    context = {
        "years": selectors.calendar_years(),
        "missing": selectors.missing_years(calendar.today()),
        "may_enter": request.user.has_perm("workdays.enter_holiday_year"),
        **_calculator(request),
    }
    return render(request, "workdays/index.html", context)


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    data = selectors.year_data(year)
    if data is None:
        raise Http404(f"{year}年的节假日安排尚未录入。")
    rest = initial_from_year(data)["rest_periods"].splitlines()
    context = {
        "data": data,
        "rest_lines": rest,
        "work_days": sorted(data.work.items()),
        "months": selectors.year_months(data),
        "may_enter": request.user.has_perm("workdays.enter_holiday_year"),
        # the recompute this user started for the year: its progress bar (polled) and outcome
        "job": job_visible_to(request.user).filter(kind=RECOMPUTE, params__year=year).first(),
    }
    return render(request, "workdays/year_detail.html", context)


@login_required
def enter_year(request: HttpRequest) -> HttpResponse:
    """录入或更正一年 — supervisors only; everything goes through services.enter_holiday_year."""
    if not request.user.has_perm("workdays.enter_holiday_year"):
        raise PermissionDenied("只有司法局监督人员可以录入或更正节假日安排。")
    if request.method == "POST":
        form = HolidayYearForm(request.POST)
        if form.is_valid():
            try:
                hy = services.enter_holiday_year(
                    actor=request.user, in_background=True, **form.service_kwargs()
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, f"已保存{hy.year}年节假日安排，未结期限正在后台重新计算。")
                return redirect("workdays:year", year=hy.year)
    else:
        initial: dict[str, Any] = {}
        year_text = request.GET.get("year", "")
        if year_text.isdigit():
            data = selectors.year_data(int(year_text))
            initial = initial_from_year(data) if data else {"year": int(year_text)}
            if not initial.get("notice_title"):
                initial["notice_title"] = f"国务院办公厅关于{year_text}年部分节假日安排的通知"
        form = HolidayYearForm(initial=initial)
    return render(request, "workdays/enter_year.html", {"form": form})
