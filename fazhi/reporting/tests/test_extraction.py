"""Figures, numerals, units, non-figures, jurisdiction detection — on made-up sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.reporting.extraction import extract_text
from fazhi.reporting.extraction.numerals import parse_number


def _figs(text: str) -> list[tuple[Decimal, str, bool]]:
    return [(f.value, f.unit, f.approx) for f in extract_text(text).figures]


@pytest.mark.parametrize(
    ("_case", "text", "expected"),
    [
        ("arabic", "全年共受理投诉举报45件。", [(Decimal(45), "件", False)]),
        ("chinese numerals after a verb", "组织开展七十一项专项行动。", [(Decimal(71), "项", False)]),
        ("chinese single digit after 开展", "开展五期业务培训。", [(Decimal(5), "期", False)]),
        ("万 multiplies a count", "发放宣传资料1.2万份。", [(Decimal(12000), "份", False)]),
        ("万 before 人次", "受众达1.2万人次。", [(Decimal(12000), "人次", False)]),
        ("亿 multiplies a count", "覆盖群众3亿人。", [(Decimal(300000000), "人", False)]),
        ("money keeps 万元", "罚没款15.5万元。", [(Decimal("15.5"), "万元", False)]),
        ("money keeps 亿元", "挽回损失3亿元。", [(Decimal(3), "亿元", False)]),
        ("百余", "举办讲座百余场。", [(Decimal(100), "场", True)]),
        ("近百", "举办讲座近百场。", [(Decimal(100), "场", True)]),
        ("逾千", "受益群众逾千人。", [(Decimal(1000), "人", True)]),
        ("两千余", "两千余人参加培训。", [(Decimal(2000), "人", True)]),
        ("100多 with a space", "开展活动100 多场次。", [(Decimal(100), "场次", True)]),
        ("余 after 万", "发送短信8 万余条。", [(Decimal(80000), "条", True)]),
        ("余 before 万 (money)", "罚没款1000余万元。", [(Decimal(1000), "万元", True)]),
        ("多 before 万 (count)", "受益群众30多万人。", [(Decimal(300000), "人", True)]),
        ("近…余", "发放资料近2.5万余册。", [(Decimal(25000), "册", True)]),
        ("per ten thousand", "万人受援率达35.2‱。", [(Decimal("35.2"), "‱", False)]),
        ("近", "培训人员近300人。", [(Decimal(300), "人", True)]),
        ("约", "接待群众约500人次。", [(Decimal(500), "人次", True)]),
        ("超过", "办理案件超过60件。", [(Decimal(60), "件", True)]),
        ("range", "每村配备法律顾问，共聘请律师3至5名。", [(Decimal(3), "名", True)]),
        ("percentage", "行政复议纠错率12.5%。", [(Decimal("12.5"), "%", False)]),
        ("percentage with a space", "调解成功率98.2 %。", [(Decimal("98.2"), "%", False)]),
        ("人(次) normalised", "解答法律咨询320人(次)。", [(Decimal(320), "人次", False)]),
        ("户(次) normalised", "检查经营单位96户(次)。", [(Decimal(96), "户次", False)]),
    ],
)
def test_numeral_forms_and_units(_case, text, expected):
    # given a sentence with one figure
    # when
    figures = _figs(text)
    # then
    assert figures == expected


@pytest.mark.parametrize(
    ("_case", "text"),
    [
        ("date", "2023年5月12日召开会议。"),
        ("year alone", "2023年,全县法治建设稳步推进。"),
        ("document number", "印发《关于加强执法监督的通知》(示司发〔2023〕5号)。"),
        ("plan period", "落实《法治政府建设实施纲要(2021—2025年)》。"),
        ("article number", "依照《行政处罚法》第三十条作出决定。"),
        ("article number in digits", "依照第8条规定办理。"),
        ("phone number", "联系电话:0431-87000693。"),
        ("ordinal 第一", "第一批试点单位名单公布。"),
        ("ordinal 一是", "一是加强组织领导。"),
        ("ranking", "综合排名居全市第2名。"),
        ("slogan in quotes", "构建“1+4”工作体系和“三个不发生”目标。"),
        ("named set", "落实五个必经程序和三项制度。"),
        ("threshold", "保障5000万元以上项目建设。"),
        ("norm restated", "公示期不少于7个工作日。"),
        ("someone else's list", "入选全国100个创新案例之一。"),
        ("hotline number", "依托12345热线受理群众诉求。"),
        ("layout of a regulation", "《条例》共6章58条。"),
        ("duration", "用3个月时间开展专项整治,整改期限为1个季度。"),
        ("campaign name with 千名", "开展千名律师进千企活动。"),
    ],
)
def test_non_figures_are_not_extracted(_case, text):
    # given a sentence whose numbers are not figures (INDICATORS.md §5)
    # when
    figures = _figs(text)
    # then
    assert figures == []


def test_quote_is_a_substring_containing_the_number():
    # given
    text = "全年共审查行政规范性文件12件,备案率100%。"
    # when
    figures = extract_text(text).figures
    # then
    assert [f.quote for f in figures] == ["全年共审查行政规范性文件12件", "备案率100%"]
    assert all(text[f.start : f.end] == f.quote for f in figures)


def test_shared_rate_gives_one_figure_per_rate():
    # given
    text = "办理人大代表建议40件、政协提案30件,答复率、满意率均达到100%。"
    # when
    figures = extract_text(text).figures
    # then
    assert [(f.indicator, f.value) for f in figures] == [
        ("supervision.npc_suggestions", Decimal(40)),
        ("supervision.cppcc_proposals", Decimal(30)),
        ("supervision.reply_rate", Decimal(100)),
        ("supervision.satisfaction_rate", Decimal(100)),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("全年共收到行政复议申请88件。", "reconsideration.received"),
        ("受理行政复议案件50件,审结45件。", "reconsideration.accepted"),
        ("办理行政应诉案件9件,行政机关负责人出庭应诉率达100%。", "litigation.cases"),
        ("办理法律援助案件612件。", "legal_aid.cases"),
        ("共调处矛盾纠纷1500件。", "mediation.cases"),
        ("开展常务会议会前学法8次。", "education.exec_meeting_study"),
        ("罚没款45万元。", "enforcement.fines"),
        ("编制首违不罚事项清单120项。", "enforcement.no_penalty_items"),
        ("新建村级规上企业产值增长8%。", "other"),
    ],
)
def test_codes_follow_the_catalogue_wording(text, code):
    # given a sentence in usual report phrasing
    # when
    first = extract_text(text).figures[0]
    # then
    assert first.indicator == code


def test_closing_after_reconsideration_keeps_its_area():
    # given
    text = "受理行政复议案件50件,审结45件。"
    # when
    figures = extract_text(text).figures
    # then
    assert [f.indicator for f in figures] == ["reconsideration.accepted", "reconsideration.closed"]


@pytest.mark.parametrize(
    ("text", "jurisdiction", "level", "year"),
    [
        ("示范县2023年法治政府建设年度报告\n2023年,示范县坚持依法行政。", "示范县", "county", 2023),
        (
            "青山市人民政府关于2022年度法治政府建设情况的报告\n2022年,青山市推进法治建设。",
            "青山市",
            "city",
            2022,
        ),
        ("2024年,东湖区深入推进依法行政,东湖区人民政府全面落实。", "东湖区", "district", 2024),
        ("白云州2021年法治政府建设情况报告\n全州各县(市、区)稳步推进。", "白云州", "prefecture", 2021),
        ("河山省2023年法治政府建设情况报告\n2023年,河山省推进法治政府建设。", "河山省", "province", 2023),
        (
            "金川市2023年法治政府建设情况报告\n2023年,金川市指导全市6个县(区)推进法治政府建设。",
            "金川市",
            "prefecture",
            2023,
        ),
        (
            "东海市西湖区人民政府2022年度法治政府建设情况报告\n2022年,西湖区坚持依法行政。",
            "西湖区",
            "district",
            2022,
        ),
        (
            "今天是:2021年10月31日 星期三\n您所在的位置:政务公开 > 工作报告\n"
            "2020年北岸区法治政府建设情况报告\n更新时间:2021/03/29 11:30:01\n2020年,北岸区坚持依法行政。",
            "北岸区",
            "district",
            2020,
        ),
    ],
)
def test_jurisdiction_level_and_year(text, jurisdiction, level, year):
    # given the opening of a report
    # when
    meta = extract_text(text).meta
    # then
    assert (meta.jurisdiction, meta.level, meta.year) == (jurisdiction, level, year)


def test_structure_check_and_publication_deadline():
    # given a report with every statutory part and a publication date after 1 April
    text = (
        "示范县2023年法治政府建设年度报告\n成文日期: 2024-04-15\n"
        "一、主要举措和成效\n办理行政复议案件10件。\n二、存在的问题及原因\n原因在于基层力量不足。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n四、2024年工作安排\n"
    )
    # when
    structure = extract_text(text).structure
    # then
    assert structure["missing"] == []
    assert structure["contents"]["problems_causes"]["causes_stated"] is True
    assert structure["publication"] == {
        "published_on": "2024-04-15",
        "deadline": "2024-04-01",
        "on_time": False,
        "basis": structure["publication"]["basis"],
    }


def test_structure_check_lists_missing_parts():
    # given a report that only lists measures
    text = "示范县2023年法治政府建设年度报告\n一、主要举措和成效\n办理行政复议案件10件。"
    # when
    structure = extract_text(text).structure
    # then
    assert structure["missing"] == [
        "存在的不足和原因",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "下一年度推进法治政府建设的主要安排",
    ]


@pytest.mark.parametrize(
    ("text", "value"), [("七十一", 71), ("百", 100), ("两", 2), ("１２", 12), ("3.5", Decimal("3.5"))]
)
def test_parse_number(text, value):
    assert parse_number(text) == value


FIXTURE_DIR = __import__("pathlib").Path(__file__).resolve().parent / "fixtures"


def test_made_up_district_report_reads_every_figure():
    # given a report written for this test in another province's phrasing (not one of the shared fixtures)
    import json

    text = (FIXTURE_DIR / "heldout_report.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURE_DIR / "heldout_expected.json").read_text(encoding="utf-8"))
    # when
    result = extract_text(text)
    # then
    assert (result.meta.jurisdiction, result.meta.level, result.meta.year) == ("南湖区", "district", 2024)
    assert [(f.indicator, f.value, f.unit) for f in result.figures] == [
        (code, Decimal(str(value)), unit) for code, value, unit in expected["figures"]
    ]
    assert result.structure["missing"] == []
    assert result.structure["publication"]["on_time"] is True


def test_web_page_furniture_yields_no_figures():
    # given the header and footer of a government web page and restated norms
    text = (
        "索引号：11330402MB1234567X/2025-00012 浏览次数：1523次\n二〇二五年三月十日\n"
        "(南政办发〔2024〕12号)2024年1—11月,在全市第4批试点中名列前茅。每季度至少召开1次联席会议,"
        "20个工作日内作出答复。保障1.5亿元以上的重点项目建设。实现“4个100%”目标。"
        "拨打12345热线或0573-82345678咨询。依照第三十条、第8条办理。邮编314000,地址:南湖大道1号。浙ICP备05012345号-1"
    )
    # when
    figures = extract_text(text).figures
    # then
    assert figures == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("群众满意度达到百分之九十五点五。", [(Decimal("95.5"), "%")]),
        ("共办理政务服务事项107,810件。", [(Decimal(107810), "件")]),
        ("解答群众咨询500人/次。", [(Decimal(500), "人次")]),
        ("全年办理法律援助案件１２０件,满意率９８．５％。", [(Decimal(120), "件"), (Decimal("98.5"), "%")]),
        ("新增律师每万人拥有2.5名。", [(Decimal("2.5"), "名")]),
    ],
)
def test_less_common_forms(text, expected):
    # given / when
    figures = [(f.value, f.unit) for f in extract_text(text).figures]
    # then
    assert figures == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("全县共有持证行政执法人员856人。", "officers.certified"),
        ("组织320名执法人员参加行政执法资格考试。", "officers.exam_takers"),
        ("新申领行政执法证件45本。", "officers.new_certificates"),
        ("全年行政处罚案件1320件。", "enforcement.penalty_cases"),
        ("作出行政处罚决定980件,罚款金额320万元。", "enforcement.penalty_cases"),
        ("向公安机关移送涉嫌犯罪案件12件。", "enforcement.criminal_referrals"),
        ("重大执法决定法制审核率达100%。", "enforcement.legal_review_rate"),
        ("开展“双随机、一公开”抽查检查158次,抽查市场主体2300户。", "inspection.tasks"),
        ("全年制发行政规范性文件18件。", "normative_docs.issued"),
        ("报送备案行政规范性文件15件,备案率100%。", "normative_docs.filed"),
        ("开展规范性文件清理,清理文件230件,废止12件,修改5件,继续有效213件。", "normative_docs.cleaned"),
        ("年度重大行政决策目录事项8项。", "major_decisions.catalogued"),
        ("聘请法律顾问12名。", "legal_advisor.engaged"),
        ("行政复议纠错率为8.3%。", "reconsideration.correction_rate"),
        ("驳回复议申请15件。", "reconsideration.dismissed"),
        ("行政诉讼败诉案件4件,败诉率3.2%。", "litigation.losses"),
        ("收到司法建议3份。", "litigation.judicial_recommendations"),
        ("受理信访事项560件,按期办结率98%。", "petitions.received"),
        ("法律援助受援人数1800人次。", "legal_aid.recipients"),
        ("办理公证事项3200件。", "legal_services.notarizations"),
        ("主动公开政府信息4500条。", "disclosure.published"),
        ("收到政府信息公开申请86件。", "disclosure.requests_received"),
        ("开展审计项目25个,提出审计建议120条。", "supervision.audit_projects"),
        ("给予党纪政务处分36人。", "supervision.sanctioned"),
        ("全程网办率达到90%。", "services.full_online_rate"),
        ("企业开办时间压缩至1个工作日。", "services.business_startup_days"),
        ("12345热线受理群众诉求5.6万件。", "other"),
        ("归集信用信息120万条。", "credit.records_collected"),
        ("开展信用修复企业320家。", "credit.repaired"),
        ("组织旁听庭审3次。", "education.court_hearing_attendance"),
        ("开展法治进校园活动45场。", "education.school_events"),
        ("普法受众达12万人次。", "education.audience"),
        ("建成法治文化公园3处。", "education.bases"),
        ("开展警示教育12场次。", "supervision.warning_education_sessions"),
        ("区政府召开常务会议专题研究法治工作5次。", "leadership.meetings_on_rule_of_law"),
        ("制定完善制度12项。", "org.rules_adopted"),
        ("荣获省级荣誉5项。", "org.honours"),
        ("检查发现安全隐患120处,已整改115处,整改率95.8%。", "enforcement.issues_found"),
        ("人民调解员调解成功2300件。", "mediation.successful"),
        ("诉调对接化解纠纷120件。", "mediation.court_linkage"),
        ("排查化解矛盾纠纷1200件。", "mediation.cases"),
    ],
)
def test_first_figure_code_in_usual_phrasing(text, code):
    # given a made-up sentence in the usual wording of annual reports
    # when
    first = extract_text(text).figures[0]
    # then
    assert first.indicator == code


def test_made_up_county_report_in_another_style():
    # given a second made-up report (a government's report to its people's congress, dates in brackets,
    # breakdowns after 其中); the expected codes were judged from INDICATORS.md, figure by figure
    import json

    text = (FIXTURE_DIR / "heldout_county_report.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURE_DIR / "heldout_county_expected.json").read_text(encoding="utf-8"))
    # when
    result = extract_text(text)
    # then
    assert (result.meta.jurisdiction, result.meta.level, result.meta.year) == ("柳河县", "county", 2023)
    assert result.structure["publication"]["published_on"] == "2024-03-05"
    assert [(f.indicator, f.value, f.unit) for f in result.figures] == [
        (code, Decimal(str(value)), unit) for code, value, unit in expected["figures"]
    ]


def test_every_rule_code_is_in_the_catalogue():
    # given the indicator catalogue built from INDICATORS.md
    from fazhi.core.indicators import registry
    from fazhi.reporting.extraction.rules import RULES

    known = {entry.code for entry in registry.catalogue()}
    # when
    unknown = sorted({code for code, *_ in RULES} - known)
    # then
    assert unknown == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "全年行政复议收案、结案分别为120件、115件。",
            ["reconsideration.received", "reconsideration.closed"],
        ),
        ("立案和结案分别为60起和56起。", ["enforcement.cases_opened", "enforcement.cases_closed"]),
        ("收到行政复议申请120件,同比增加12件,增长11.1%。", ["reconsideration.received", "other", "other"]),
    ],
)
def test_respectively_and_changes_against_last_year(text, codes):
    # given figures listed with 分别 or stated as a change
    # when
    figures = extract_text(text).figures
    # then
    assert [f.indicator for f in figures] == codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("政务服务中心共进驻部门42个。", "services.hall_departments"),
        ("“一趟不用跑”事项达1200项。", "services.zero_visit_items"),
        ("“最多跑一次”事项920个。", "services.max_one_visit_items"),
        ("“一窗”分类受理事项占比达90%。", "services.one_window_share"),
        ("精简审批材料比例达35%。", "services.materials_reduction_rate"),
        ("信用体系成员单位56家。", "credit.member_units"),
        ("查处形式主义、官僚主义问题23起,处理41人。", "supervision.discipline_cases"),
        ("依申请公开按期答复率100%。", "disclosure.on_time_rate"),
        ("行政复议按期办结率100%。", "reconsideration.closed_on_time_rate"),
        ("行政诉讼败诉率为4.5%。", "litigation.loss_rate"),
        ("行政复议变更2件,确认无效1件,责令履行3件。", "reconsideration.altered"),
        ("委派诉前调解行政争议30件。", "litigation.pretrial_referred"),
        ("法律援助工作站覆盖率100%,设立法律援助联络点186个。", "other"),
        ("代写法律文书156件。", "legal_aid.documents_drafted"),
        ("全县15个司法所全部规范化建设。", "legal_services.judicial_offices"),
        ("实现村(社区)法律顾问全覆盖,共配备村居法律顾问210个。", "legal_services.village_advisor_points"),
        ("组织国家工作人员学法考法,参考率100%,参考人数8600人。", "other"),
        ("举办法治文艺演出32场次。", "education.performances"),
        ("编印普法读本1.5万册。", "education.materials_distributed"),
        ("新媒体平台发布法治信息2300余条。", "education.online_posts"),
        ("征集以案释法典型案例40件。", "education.cases_collected"),
        ("重大行政决策法定程序履行率100%。", "major_decisions.procedures_complete_rate"),
        ("审核行政规范性文件32件,合法性审核率100%。", "normative_docs.reviewed"),
        ("行政规范性文件报备规范率100%。", "normative_docs.filing_compliance_rate"),
        ("移送涉嫌犯罪案件8件。", "enforcement.criminal_referrals"),
        ("“双公示”信息按期公示率100%。", "enforcement.publicity_on_time_rate"),
        ("跨部门联合抽查占比达到30%。", "inspection.joint_share"),
        ("培训执法人员1200人次,学时达标率100%。", "officers.training_participants"),
        ("年审合格执法证件1560本。", "officers.annual_review_passed"),
    ],
)
def test_first_figure_code_across_the_catalogue(text, code):
    # given a made-up sentence for an area the shared fixtures do not cover
    # when
    first = extract_text(text).figures[0]
    # then
    assert first.indicator == code
