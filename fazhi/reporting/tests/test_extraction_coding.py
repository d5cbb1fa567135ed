"""Coding by the catalogue's definitions (INDICATORS.md §1, §2, §4), the seven new codes, the labels a
reader sees and the evaluation command. Real sentences come from the reports in extraction/fixtures."""

from __future__ import annotations

import json
import re
from io import StringIO

from django.core.management import call_command

import pytest

from fazhi.reporting.extraction import extract_text
from fazhi.reporting.extraction.coding import OTHER_NAME, indicator_name
from fazhi.reporting.extraction.evaluate import FIXTURES_DIR, evaluate_dirs, held_out_names, overall, per_code
from fazhi.reporting.extraction.rules import COMBINED, DATA_PATH, OTHER_PERIOD, RULES, STAY_OTHER

CODE_LIKE = re.compile(r"[a-z_]+\.[a-z_]+|\bother\b")


def _fixture(name: str) -> str:
    return (FIXTURES_DIR / f"{name}.txt").read_text(encoding="utf-8")


def _figure(text: str, quote_part: str):
    result = extract_text(text)
    matches = [f for f in result.figures if quote_part in f.quote]
    assert matches, f"no figure quoted with {quote_part!r}"
    return matches[0]


# --- combined counts and subsets ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    ["全年完成行政规范性文件审查和备案54件。", "对各部门报送的规范性文件审核备案12件。"],
)
def test_a_count_of_review_and_filing_together_is_coded_as_the_review(sentence):
    # given one number for two steps named together (INDICATORS.md §1: 审核/审查 → reviewed)
    # when
    figure = extract_text(sentence).figures[0]
    # then the data's combined row decides, not the step nearer the number
    assert figure.indicator == "normative_docs.reviewed"


def test_subsets_after_qizhong_take_their_own_code_where_one_fits():
    # given the real sentences of 德惠市 and 高台县
    dehui, gaotai = _fixture("000_3f2d37468e15c366"), _fixture("001_9395c741ae9d1598")
    # when / then
    assert _figure(dehui, "其中结案56起").indicator == "enforcement.cases_closed"
    assert _figure(gaotai, "其中终止6件").indicator == "reconsideration.terminated"
    assert _figure(gaotai, "维持8件").indicator == "reconsideration.upheld"


def test_a_subset_without_a_code_of_its_own_is_a_breakdown_of_the_total():
    # given
    text = "全年共办理行政处罚案件2317件,其中简易程序1120件,普通程序1197件。"
    # when
    figures = extract_text(text).figures
    # then the parts count the same thing as the total, flagged so nobody adds them twice
    assert [f.indicator for f in figures] == ["enforcement.penalty_cases"] * 3
    assert [bool(f.extras.get("inherited")) for f in figures] == [False, True, True]


def test_a_subset_with_the_totals_code_is_flagged_as_a_breakdown():
    # given
    figures = extract_text("办理信访事项159件,其中网上信访80件。").figures
    # then
    assert [f.indicator for f in figures] == ["petitions.handled", "petitions.handled"]
    assert figures[1].extras.get("inherited") is True


# --- `other` exactly where §4 says -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "quote_part"),
    [
        ("000_3f2d37468e15c366", "规上工业产值实现121亿元"),  # economic results
        ("000_3f2d37468e15c366", "命案告破率100%"),  # public security
        ("000_3f2d37468e15c366", "11个工业项目竣工投产"),  # investment projects
        ("003_0d3d22b9ea099724", "妥善审理涉企纠纷4494件"),  # courts
        ("001_9395c741ae9d1598", "检查运输车辆215辆"),  # traffic-enforcement specifics
        ("100_chaoyang_2024", "292个电子证照跨部门调用"),  # digital-government internals, no code
    ],
)
def test_figures_that_section_4_leaves_other_stay_other(report, quote_part):
    # given a real sentence of a kind INDICATORS.md §4 leaves `other`
    # when
    figure = _figure(_fixture(report), quote_part)
    # then
    assert figure.indicator == "other"


@pytest.mark.parametrize(
    ("report", "quote_part", "code"),
    [
        ("000_3f2d37468e15c366", "完成行政规范性文件合法性审查3件", "normative_docs.reviewed"),
        ("001_9395c741ae9d1598", "审查县政府协议合同等15件", "legality.papers_reviewed"),
        ("100_chaoyang_2024", "抽查主体2497户次", "inspection.entities_inspected"),
        ("100_chaoyang_2024", "全程网办率100%", "services.full_online_rate"),
    ],
)
def test_figures_a_definition_fits_are_not_left_other(report, quote_part, code):
    # given / when
    figure = _figure(_fixture(report), quote_part)
    # then
    assert figure.indicator == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "2023年全县办理行政复议案件60件,较2022年的50件增长20%。",
            ["reconsideration.accepted", "other", "other"],
        ),
        ("与2022年相比,行政应诉案件由45件下降至38件。", ["other", "litigation.cases"]),
    ],
)
def test_an_earlier_periods_value_stays_other(text, codes):
    # given a sentence that gives last year's value beside the year's (the figure's scope)
    # when
    figures = extract_text(text).figures
    # then only the report year's value carries the code
    assert [f.indicator for f in figures] == codes


# --- the seven new codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote_part", "code"),
    [
        (_fixture("101_jianan_2024"), "对全区70个单位开展年度考核", "leadership.units_assessed"),
        ("对全县28个部门开展法治政府建设考核。", "28个", "leadership.units_assessed"),
        ("全县参加行政执法资格考试420人,通过400人。", "420人", "officers.exam_takers"),
        ("全县参加行政执法资格考试420人,通过400人。", "400人", "officers.exam_passed"),
        ("公开征求意见的规范性文件8件。", "8件", "normative_docs.public_comment"),
        (_fixture("104_linzhang_mediation_2023"), "现有人民调解员1699名", "mediation.mediators"),
        ("全县共有人民调解委员会325个,专兼职人民调解员1680名。", "1680名", "mediation.mediators"),
        (_fixture("104_linzhang_mediation_2023"), "439个村(社区)调委会", "mediation.committees"),
        ("全县共有人民调解委员会325个,专兼职人民调解员1680名。", "325个", "mediation.committees"),
        ("全年办结政府信息公开申请56件。", "56件", "disclosure.requests_closed"),
        ("全年收到政府信息公开申请60件,办结58件。", "60件", "disclosure.requests_received"),
        ("全年收到政府信息公开申请60件,办结58件。", "58件", "disclosure.requests_closed"),
        ("累计实现“秒批”事项32项。", "32项", "services.auto_approval_items"),
    ],
)
def test_the_seven_new_codes(text, quote_part, code):
    # given / when
    figure = _figure(text, quote_part)
    # then
    assert figure.indicator == code


def test_full_time_mediators_keep_their_own_code():
    # given / when
    figure = extract_text("配备专职人民调解员45名。").figures[0]
    # then
    assert figure.indicator == "mediation.full_time_mediators"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "全年开展县政府常务会议学法活动10次,县委理论学习中心组学法4次。",
            ["education.exec_meeting_study", "education.central_group_study"],
        ),
        ("对县政府及办公室拟出台的政策性文件进行合法性审核38件。", ["legality.papers_reviewed"]),
        ("对县政府签订的行政协议进行合法性审查45份。", ["legality.papers_reviewed"]),
        ("全年共受理公民、法人和其他组织政府信息公开申请47件,已全部办结。", ["disclosure.requests_received"]),
        ("通过政府网站主动公开政府信息3652条。", ["disclosure.published"]),
        ("对126名失信被执行人实施联合惩戒。", ["credit.joint_sanction_cases"]),
        ("指导58家企业完成信用修复。", ["credit.repaired"]),
        (
            "县政务服务中心共进驻部门32个,进驻事项986项。",
            ["services.hall_departments", "services.hall_items"],
        ),
        ("“一网通办”事项1256项,全程网办事项986项。", ["services.online_items", "services.online_items"]),
        ("实现“跨省通办”事项132项、“省内通办”事项86项。", ["services.cross_region_items"] * 2),
        (
            "办理行政复议案件58件,其中维持32件,撤销6件,确认违法2件,驳回4件,终止14件。",
            [
                "reconsideration.accepted",
                "reconsideration.upheld",
                "reconsideration.revoked",
                "reconsideration.declared_unlawful",
                "reconsideration.dismissed",
                "reconsideration.terminated",
            ],
        ),
        (
            "组织开展国家工作人员学法考试,参考人数3200人,参考率100%。",
            ["education.staff_online_study", "other"],
        ),
        ("指导全县16个乡镇、32个部门开展依法行政工作。", ["other", "other"]),
        (
            "申请材料精简35%,审批环节压减40%。",
            ["services.materials_reduction_rate", "services.steps_reduction_rate"],
        ),
        (
            "12345热线受理投诉5600件,办结率99.2%。",
            ["services.hotline_complaints", "services.hotline_closed_rate"],
        ),
        ("开展送法进乡村活动86场次。", ["education.campaign_events"]),
        ("以县政府为被告的行政诉讼案件15件。", ["litigation.gov_defendant_cases"]),
        ("全县法院受理行政诉讼案件120件。", ["litigation.cases"]),
        ("检察机关办理行政检察监督案件26件。", ["other"]),
    ],
)
def test_kinds_the_issue_found_left_other_or_miscoded(text, codes):
    # given made-up sentences in the usual wording: study sessions by kind, legality reviews of papers,
    # disclosure counts, credit sanctions, services items by kind (issue 20), and a §4 scope count
    # when
    figures = extract_text(text).figures
    # then
    assert [f.indicator for f in figures] == codes


# --- the rules are data ----------------------------------------------------------------------------


def test_the_coding_rules_are_a_data_file_next_to_the_extractor():
    # given the data file
    data = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    # then every rule is a row of it, with its scope, and the combined and §4 rows load too
    assert len(RULES) == len(data["rules"]) >= 240
    assert all({"code", "subject", "units", "scope"} <= set(row) for row in data["rules"])
    assert len(COMBINED) == len(data["combined"]) >= 1
    assert len(STAY_OTHER) == len(data["stay_other"]) >= 5
    assert len(OTHER_PERIOD) == len(data["other_period"]) >= 2


# --- labels a reader understands -------------------------------------------------------------------


def test_labels_never_show_codes_on_any_fixture_report():
    # given every real report of the fixtures
    for path in sorted(FIXTURES_DIR.glob("*.txt")):
        # when
        figures = extract_text(path.read_text(encoding="utf-8")).figures
        # then each label is Chinese text: the indicator's name, or the phrase for `other`
        for f in figures:
            assert not CODE_LIKE.search(f.label), (path.name, f.label)
            assert re.search(r"[\u4e00-\u9fff]", f.label), (path.name, f.label)
            if f.indicator != "other":
                assert f.label == indicator_name(f.indicator)
            assert f.quote in f.sentence or f.sentence in f.quote


def test_indicator_name_of_an_unknown_code_is_not_the_code():
    # given / when / then
    assert indicator_name("no_such.code") == OTHER_NAME
    assert indicator_name("other") == OTHER_NAME
    assert indicator_name("mediation.committees") == "人民调解委员会数"


# --- evaluation --------------------------------------------------------------------------------------


def test_per_code_scores_count_matches_under_the_gold_code():
    # given the fixtures
    scores = evaluate_dirs(FIXTURES_DIR / "gold", FIXTURES_DIR)
    # when
    table = {c.code: c for c in per_code(scores)}
    # then each gold figure is counted once, under its gold code
    assert sum(c.gold for c in table.values()) == overall(scores)["gold"]
    assert sum(c.extracted for c in table.values()) == overall(scores)["extracted"]
    assert table["mediation.committees"].gold == 3


def test_held_out_reports_are_listed_beside_the_gold_files():
    # given / when
    held = held_out_names(FIXTURES_DIR / "gold")
    # then
    assert {"107_nanchang_county_2019", "108_zibo_2017"} <= held
    assert "000_3f2d37468e15c366" not in held


def test_evaluate_command_prints_per_report_per_code_and_held_out_totals():
    # given
    out = StringIO()
    # when the command runs on the repository's fixtures (no arguments)
    call_command("reports", "evaluate", stdout=out)
    # then
    text = out.getvalue()
    assert "按报告" in text
    assert "按指标" in text
    assert re.search(r"^mediation\.committees\s+3\s", text, re.M)
    assert "人民调解委员会数" in text
    assert re.search(r"^＊108_zibo_2017", text, re.M)  # held-out reports are marked
    lines = text.strip().splitlines()
    assert lines[-3].startswith("调校集")
    assert lines[-2].startswith("留出集")
    assert lines[-1].startswith("合计")


def test_evaluate_command_scores_the_held_out_reports_alone():
    # given
    out = StringIO()
    # when
    call_command("reports", "evaluate", "--only", "held_out", stdout=out)
    # then only held-out reports are listed and the totals are theirs
    text = out.getvalue()
    assert "000_3f2d37468e15c366" not in text
    assert "＊107_nanchang_county_2019" in text
    assert text.strip().splitlines()[-2].startswith("留出集")


def test_evaluate_command_refuses_an_empty_gold_directory(tmp_path):
    # given
    from django.core.management.base import CommandError

    # when / then
    with pytest.raises(CommandError, match="无法读取标注或报告文件"):
        call_command("reports", "evaluate", str(tmp_path), str(tmp_path), stdout=StringIO())


def test_gold_files_keep_the_fixture_conventions():
    # given every gold file
    for gold_path in sorted((FIXTURES_DIR / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (FIXTURES_DIR / gold["file"]).read_text(encoding="utf-8")
        for g in gold["figures"]:
            # then (INDICATORS.md §6) each quote occurs once and holds its text_value once
            assert text.count(g["quote"]) == 1, (gold_path.name, g["quote"])
            assert g["quote"].count(g["text_value"]) == 1, (gold_path.name, g["quote"])
            assert g["approx"] == ("qualifier" in g), (gold_path.name, g["quote"])
            assert g["indicator"] == "other" or indicator_name(g["indicator"]) != OTHER_NAME
