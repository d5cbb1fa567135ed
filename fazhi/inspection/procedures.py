"""Random inspections as procedures — 国发〔2019〕5号 and related (LEGAL_RULES.md §5).

The plan: the agency submits, the justice bureau approves or returns it with reasons, approves a
change or a termination, or merges overlapping plans into one joint inspection. The task: one drawn
object; its result is published within 20 working days of the inspection. Guards live in guards.py.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.audit.labels import register_action_labels
from fazhi.core.procedures import Clock, Procedure, Transition, register
from fazhi.core.workdays import wd

from . import guards

SUBMIT = "inspection.submit_plan"
REVIEW = "inspection.review_plan"
PLAN_BASIS = "国发〔2019〕5号；市场监管总局关于全面推进“双随机、一公开”监管工作的通知(2019)"
SUBMIT_GUARDS = (
    guards.plan_matter_on_list,
    guards.plan_has_legal_basis,
    guards.plan_ratio_within_limits,
    guards.plan_period_in_order,
)

PLAN = register(
    Procedure(
        code="inspection.plan",
        label="抽查计划",
        effective_from=date(2019, 2, 15),
        initial="draft",
        states={
            "draft": "草拟",
            "submitted": "待审核",
            "returned": "已退回",
            "approved": "已通过",
            "change_requested": "变更待审批",
            "termination_requested": "终止待审批",
            "terminated": "已终止",
            "merged": "已并入联合抽查",
        },
        field_labels={"into": "并入的计划", "ground": "理由"},
        clocks=[],
        transitions=[
            # SAMR notice (2019): annual plans are made and filed; here the justice bureau reviews them.
            Transition(
                "submit",
                ("draft", "returned"),
                "submitted",
                "提交审核",
                perm=SUBMIT,
                guards=SUBMIT_GUARDS,
                basis=PLAN_BASIS,
            ),
            Transition(
                "approve",
                "submitted",
                "approved",
                "审核通过",
                perm=REVIEW,
                guards=SUBMIT_GUARDS,
                basis=PLAN_BASIS,
            ),
            Transition(
                "return_plan",
                "submitted",
                "returned",
                "退回",
                perm=REVIEW,
                requires=("reasons",),
                basis=PLAN_BASIS,
            ),
            Transition(
                "request_change",
                "approved",
                "change_requested",
                "申请变更",
                perm=SUBMIT,
                requires=("ground",),
                basis=PLAN_BASIS,
            ),
            Transition(
                "approve_change",
                "change_requested",
                "approved",
                "批准变更",
                perm=REVIEW,
                guards=SUBMIT_GUARDS,
                basis=PLAN_BASIS,
            ),
            Transition(
                "reject_change",
                "change_requested",
                "approved",
                "不予变更",
                perm=REVIEW,
                requires=("reasons",),
                basis=PLAN_BASIS,
            ),
            Transition(
                "request_termination",
                "approved",
                "termination_requested",
                "申请终止",
                perm=SUBMIT,
                requires=("ground",),
                basis=PLAN_BASIS,
            ),
            Transition(
                "approve_termination",
                "termination_requested",
                "terminated",
                "批准终止",
                perm=REVIEW,
                basis=PLAN_BASIS,
            ),
            Transition(
                "reject_termination",
                "termination_requested",
                "approved",
                "不予终止",
                perm=REVIEW,
                requires=("reasons",),
                basis=PLAN_BASIS,
            ),
            # 国发〔2019〕5号; 优化营商环境条例第五十四条: inspections of the same object are merged (进一次门、查多项事).
            Transition(
                "merge",
                ("submitted", "approved"),
                "merged",
                "并入联合抽查",
                perm=REVIEW,
                requires=("into",),
                basis="国发〔2019〕5号；优化营商环境条例第五十四条",
            ),
        ],
    )
)

TASK = register(
    Procedure(
        code="inspection.task",
        label="抽查任务",
        effective_from=date(2019, 2, 15),
        initial="assigned",
        states={"assigned": "待检查", "recorded": "已录入结果（待公示）", "published": "已公示"},
        clocks=[
            # 国发〔2019〕5号 / 企业信息公示暂行条例第六条: results published within 20 WD of the inspection
            # (the exact article for departments other than market supervision is UNCONFIRMED, §5).
            Clock(
                "publicity",
                "抽查结果公示",
                wd(20, "国发〔2019〕5号；企业信息公示暂行条例第六条"),
                starts_in={"recorded"},
                stops_in={"published"},
            ),
        ],
        transitions=[
            Transition(
                "record_result",
                "assigned",
                "recorded",
                "录入检查结果",
                perm="inspection.record_result",
                requires=("outcome",),
                guards=(guards.recorded_by_assigned_inspector,),
                basis="国发〔2019〕5号",
            ),
            Transition(
                "publish_result",
                "recorded",
                "published",
                "公示检查结果",
                perm="inspection.publish_result",
                basis="国发〔2019〕5号；企业信息公示暂行条例第六条",
            ),
        ],
    )
)

register_action_labels(
    {
        "inspection.plan.start": "制定抽查计划",
        **{f"inspection.plan.{t.name}": t.display for t in PLAN.transitions},
        "inspection.task.start": "下达抽查任务",
        **{f"inspection.task.{t.name}": t.display for t in TASK.transitions},
        "inspection.create_matter": "新增抽查事项",
        "inspection.save_entity": "维护检查对象名录库",
        "inspection.import_directory": "导入检查对象名录库",
        "inspection.add_inspector": "列入检查人员名录库",
        "inspection.add_conflict": "登记回避申报",
        "inspection.create_plan": "制定抽查计划",
        "inspection.merge_plans": "合并为联合抽查",
        "inspection.commit_draw": "公布种子哈希、冻结待抽取名单",
        "inspection.draw_objects": "揭示种子并抽取",
        "inspection.confirm_draw": "确认抽取结果并下达任务",
        "inspection.redraw": "重新抽取",
        "inspection.rate_task": "企业评价检查",
    }
)
