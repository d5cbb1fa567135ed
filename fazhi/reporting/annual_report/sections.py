"""The statutory outline of the report and its default narrative.

Contents (LEGAL_RULES.md §11, 督察工作规定): (1) main measures and results — organised by the eight
systems of the 2021–2025 Outline (中发〔2021〕33号 二至九); (2) shortcomings and causes; (3) how the
principal leaders performed their duty as first responsible persons; (4) next year's plans;
(5) other matters. `{Y}` is the report year, `{N}` the next year, `{J}` the jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionSpec:
    key: str
    heading: str  # may contain {Y} {N} {J}
    level: int  # 0: preamble, 1: 一、, 2: （一）
    body: str


MEASURES_HEADING = "一、{Y}年法治政府建设的主要举措和成效"

SPECS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "intro",
        "",
        0,
        "{Y}年，{J}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        "全面落实《法治政府建设实施纲要（2021—2025年）》，依法行政水平进一步提升，法治政府建设取得新进展。"
        "现将有关情况报告如下：",
    ),
    SectionSpec(
        "system_1",
        "（一）健全政府机构职能体系，推动更好发挥政府作用",
        2,
        "深化“放管服”改革，全县政务服务事项{{ind:services.items}}，其中即办件{{ind:services.instant_items}}，"
        "可网办事项{{ind:services.online_items}}，网上可办率{{ind:services.online_rate}}，全程网办率{{ind:services.full_online_rate}}。"
        "承诺办结时限压缩比例达{{ind:services.time_compression_rate}}，“一件事一次办”事项{{ind:services.one_thing_items}}，"
        "实行告知承诺制的证明事项{{ind:services.certificate_commitment_items}}。企业开办时间压缩至{{ind:services.business_startup_days}}，"
        "全年新增市场主体{{ind:business_env.new_entities}}。全年办理政务服务事项{{ind:services.cases_handled}}，{{yoy:services.cases_handled}}，"
        "12345热线受理来电{{ind:services.hotline_calls}}。",
    ),
    SectionSpec(
        "system_2",
        "（二）健全依法行政制度体系，加快推进政府治理规范化程序化法治化",
        2,
        "严格行政规范性文件管理，全年制发行政规范性文件{{ind:normative_docs.issued}}，全部经过合法性审核，"
        "报送备案{{ind:normative_docs.filed}}，报备率{{ind:normative_docs.filing_rate}}。"
        "组织规范性文件清理，清理文件{{ind:normative_docs.cleaned}}，废止、宣布失效{{ind:normative_docs.repealed}}。"
        "发挥政府法律顾问作用，聘请法律顾问{{ind:legal_advisor.engaged}}，出具法律意见{{ind:legal_advisor.opinions}}，"
        "审查合同协议等涉法文件{{ind:legality.papers_reviewed}}。",
    ),
    SectionSpec(
        "system_3",
        "（三）健全行政决策制度体系，不断提升行政决策公信力和执行力",
        2,
        "严格落实《重大行政决策程序暂行条例》，公布年度重大行政决策目录事项{{ind:major_decisions.catalogued}}，"
        "作出重大行政决策{{ind:major_decisions.decided}}，法定程序履行率{{ind:major_decisions.procedures_complete_rate}}。"
        "政府常务会议会前学法{{ind:education.exec_meeting_study}}。",
    ),
    SectionSpec(
        "system_4",
        "（四）健全行政执法工作体系，全面推进严格规范公正文明执法",
        2,
        "全面落实行政执法“三项制度”。全年行政执法立案{{ind:enforcement.cases_opened}}，"
        "结案{{ind:enforcement.cases_closed}}，作出行政处罚决定{{ind:enforcement.penalty_cases}}，罚没款{{ind:enforcement.fines}}。"
        "推行包容审慎监管，办理不予处罚、减轻处罚等柔性执法案件{{ind:enforcement.lenient_cases}}，"
        "不予处罚、减轻处罚清单事项{{ind:enforcement.no_penalty_items}}。重大执法决定法制审核{{ind:enforcement.legal_reviews}}，"
        "法制审核率{{ind:enforcement.legal_review_rate}}；公示行政执法信息{{ind:enforcement.publicity_records}}，"
        "按期公示率{{ind:enforcement.publicity_on_time_rate}}。向公安机关移送涉嫌犯罪案件{{ind:enforcement.criminal_referrals}}。"
        "开展案卷评查，集中评查执法案卷{{ind:enforcement.case_files_reviewed}}，发现问题{{ind:enforcement.case_review_issues}}，"
        "制发行政执法监督意见书{{ind:enforcement.supervision_opinions}}。",
    ),
    SectionSpec(
        "system_5",
        "（五）健全突发事件应对体系，依法预防处置重大突发事件",
        2,
        "完善突发事件应急预案体系，开展企业“法治体检”{{ind:business_env.legal_checkups}}，排查涉企隐患{{ind:business_env.enterprise_risks_checked}}，"
        "为企业挽回经济损失{{ind:business_env.enterprise_losses_recovered}}。",
    ),
    SectionSpec(
        "system_6",
        "（六）健全社会矛盾纠纷行政预防调处化解体系，不断促进社会公平正义",
        2,
        "发挥行政复议化解行政争议主渠道作用，全年收到行政复议申请{{ind:reconsideration.received}}，"
        "受理{{ind:reconsideration.accepted}}，审结{{ind:reconsideration.closed}}，纠错率{{ind:reconsideration.correction_rate}}，"
        "按期办结率{{ind:reconsideration.closed_on_time_rate}}。全年行政应诉案件{{ind:litigation.cases}}，"
        "行政机关负责人出庭应诉率{{ind:litigation.head_appearance_rate}}，败诉{{ind:litigation.losses}}。"
        "坚持和发展新时代“枫桥经验”，调解矛盾纠纷{{ind:mediation.cases}}，调解成功率{{ind:mediation.success_rate}}；"
        "受理信访事项{{ind:petitions.received}}，按期办结率{{ind:petitions.on_time_rate}}。"
        "办理法律援助案件{{ind:legal_aid.cases}}，{{yoy:legal_aid.cases}}。",
    ),
    SectionSpec(
        "system_7",
        "（七）健全行政权力制约和监督体系，促进行政权力规范透明运行",
        2,
        "自觉接受人大监督和政协民主监督，办理人大代表建议{{ind:supervision.npc_suggestions}}、政协委员提案{{ind:supervision.cppcc_proposals}}，"
        "办复率{{ind:supervision.reply_rate}}。完成审计项目{{ind:supervision.audit_projects}}，提出审计建议{{ind:supervision.audit_recommendations}}。"
        "全面推进政务公开，主动公开政府信息{{ind:disclosure.published}}，{{yoy:disclosure.published}}，发布政策解读{{ind:disclosure.policy_interpretations}}，"
        "收到政府信息公开申请{{ind:disclosure.requests_received}}，按期答复率{{ind:disclosure.on_time_rate}}。",
    ),
    SectionSpec(
        "system_8",
        "（八）健全法治政府建设科技保障体系，全面建设数字法治政府",
        2,
        "推进“互联网+监管”和统一执法办案平台应用，{{ind:enforcement.platform_agencies}}使用统一执法办案平台，"
        "移动端办理行政执法案件{{ind:enforcement.cases_mobile}}。编制政务数据资源目录{{ind:services.data_catalogue_entries}}，"
        "归集信用数据{{ind:credit.records_collected}}。",
    ),
    SectionSpec(
        "problems",
        "二、存在的不足和原因",
        1,
        "一是行政执法规范化水平仍需提升，案卷评查中发现问题{{ind:enforcement.case_review_issues}}，个别执法人员程序意识不强；"
        "二是行政争议实质性化解力度有待加大，行政诉讼败诉{{ind:litigation.losses}}；"
        "三是基层法治力量相对薄弱，专职人民调解员{{ind:mediation.full_time_mediators}}，与工作任务不相适应。"
        "究其原因，主要是部分单位对法治政府建设重视程度不够，法治工作队伍专业化水平有待提高。",
    ),
    SectionSpec(
        "leaders",
        "三、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        1,
        "县委、县政府主要负责人认真履行推进法治建设第一责任人职责，党委常委会、政府常务会议专题研究法治建设{{ind:leadership.meetings_on_rule_of_law}}，"
        "主要领导对法治建设作出批示{{ind:leadership.instructions}}。党委理论学习中心组学法{{ind:education.central_group_study}}，"
        "开展述法的单位（人员）{{ind:leadership.law_duty_reports}}，法治建设在绩效考核中的分值比重为{{ind:leadership.assessment_weight}}。"
        "组织法治督察覆盖单位{{ind:leadership.inspection_units}}，印发督查通报{{ind:leadership.supervision_bulletins}}。",
    ),
    SectionSpec(
        "plans",
        "四、{N}年推进法治政府建设的主要安排",
        1,
        "{N}年，{J}将深入学习贯彻习近平法治思想，对照《法治政府建设实施纲要（2021—2025年）》做好总结评估："
        "一是持续深化“放管服”改革，优化法治化营商环境；二是严格落实重大行政决策程序和规范性文件合法性审核；"
        "三是深化行政执法“三项制度”，提升执法质效；四是发挥行政复议主渠道作用，推进行政争议实质性化解；"
        "五是加强法治工作队伍建设，推进数字法治政府建设。",
    ),
    SectionSpec("other", "五、其他需要报告的事项", 1, "无。"),
)


def heading_text(template: str, *, year: int, jurisdiction: str) -> str:
    return template.replace("{Y}", str(year)).replace("{N}", str(year + 1)).replace("{J}", jurisdiction)


def spec(key: str) -> SectionSpec:
    return next(s for s in SPECS if s.key == key)
