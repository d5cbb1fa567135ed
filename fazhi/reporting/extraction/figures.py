"""Find the quantitative figures of a report: a number with a counter word (件, 次, 人, 万元, % …).

INDICATORS.md §1 (values, approximations, units) and §5 (numbers that are not figures) are the rules;
the code of each figure comes from `rules.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .numerals import CN_NUMERAL_CHARS, MULTIPLIERS, parse_number

# Counter words, longest first so that 场次 wins over 场 and 万元 over 万.
UNITS = sorted(
    [
        "个百分点",
        "个工作日",
        "场次",
        "人次",
        "户次",
        "家次",
        "批次",
        "件次",
        "元",
        "个",
        "件",
        "起",
        "次",
        "场",
        "期",
        "项",
        "名",
        "人",
        "户",
        "家",
        "条",
        "份",
        "篇",
        "册",
        "本",
        "处",
        "栋",
        "辆",
        "吨",
        "宗",
        "卷",
        "批",
        "类",
        "轮",
        "所",
        "支",
        "位",
        "座",
        "套",
        "台",
        "张",
        "部",
        "种",
        "例",
        "块",
        "幅",
        "亩",
        "公里",
        "平方米",
        "副",
        "笔",
        "通",
    ],
    key=len,
    reverse=True,
)
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_AR = r"\d{1,3}(?:,\d{3})+(?![\d])(?:[.．]\d+)?|\d+(?:[.．]\d+)?"
_CN = f"[{CN_NUMERAL_CHARS}]+"
FIGURE_RE = re.compile(
    rf"(?<![\d.．{CN_NUMERAL_CHARS}])"
    rf"(?P<num>{_AR}|{_CN})"
    rf"(?:(?P<sep>[至到~～\-—－])(?P<num2>{_AR}|{_CN}))?"
    r"(?P<sp1>[ \u3000]?)"
    r"(?P<q0>余|多)?"
    r"(?P<mult>[万亿])?"
    r"(?P<q1>余|多)?"
    r"(?P<sp2>[ \u3000]?)"
    rf"(?P<unit>{_UNIT_RE}|%|％|‰|‱)"
    r"(?P<paren>[(（]次[)）]|/次)?"
    r"(?P<q2>以上|以下|以内|内)?"
)

PERCENT_WORDS_RE = re.compile(rf"百分之(?P<num>{_AR}|[{CN_NUMERAL_CHARS}点]+)")
RATE_UNITS = ("%", "％", "‰", "‱")
CLAUSE_END = set(",，;；。:：!！?？\n")
SENTENCE_END = set("。;；!！?？\n")
# A counter word followed by these characters starts another word: “3部门” is not 3 部.
_UNIT_WORD_BLOCK = (
    "部门",
    "期间",
    "期限",
    "期末",
    "类型",
    "类别",
    "名单",
    "名称",
    "次日",
    "次年",
    "家庭",
    "家长",
    "台账",
    "处罚",
    "处理",
    "处置",
    "批准",
    "批复",
    "轮训",
    "座谈",
    "卷宗",
    "支持",
    "支部",
    "支队",
    "所有",
    "所在",
    "种类",
    "例如",
    "张贴",
    "条例",
    "条款",
    "条件",
    "件事",
    "项目",
    "人民",
    "人口",
    "人才",
    "户籍",
    "元素",
    "本级",
    "本地",
    "本部",
    "本年",
    "本次",
    "位于",
    "部署",
    "部分",
    "台阶",
    "通知",
    "通过",
    "通办",
    "笔录",
    "起诉",
    "类案",
    "项制度",
    "个一",
    "人员",
)
_CN_SET_NOUNS = (
    "制度",
    "必经程序",
    "体系",
    "原则",
    "机制",
    "模式",
    "意识",
    "维护",
    "自信",
    "坚持",
    "不发生",
    "全面",
)
# Verbs and words after which a Chinese-numeral count is a figure (开展五期专题培训, 等七十一项…).
_CN_TRIGGERS = re.compile(
    r"(开展|举办|组织|召开|举行|进行|完成|出台|制定|印发|建成|培训|发放|办理|受理|审查|共|累计|达到|近|约|逾|超过)了?$"
)
_QUOTE_SPAN = re.compile(
    r"“[^“”\n]{1,24}”|\"[^\"\n]{1,24}\"|《[^《》\n]{1,80}》|〔[^〔〕\n]{1,12}〕|\[[^\[\]\n]{1,12}\]"
)
_NORM_BEFORE = re.compile(
    r"(不少于|不低于|至少|不超过|最多|最少|每(?!万人|千人|百人))[^,，;；。、“”\"]{0,6}$"
)
_TIME_CUT = re.compile(r"(压缩|缩短|压减|减少|缩减|降|减)(至|到|为)$")
_TIME_LIMIT_NOUNS = ("工作日", "小时", "日", "天", "学时", "月", "季度", "年度", "周", "星期")
_PAGE_CHROME = re.compile(r"(浏览|阅读|点击|访问|下载)(次数|量)?\s*[:：]?\s*$")
_CUMULATIVE = re.compile(r"累计|至今|截至目前|截至|以来|历年")


@dataclass
class Figure:
    value: Decimal
    unit: str
    approx: bool
    qualifier: str
    quote: str
    start: int  # quote span in the text
    end: int
    num_start: int  # the number itself
    num_end: int
    text_value: str
    money: bool = False
    value_max: Decimal | None = None
    cumulative: bool = False
    indicator: str = "other"
    label: str = ""  # what a reader sees: the indicator's Chinese name, or the phrase for `other`
    phrase: str = ""  # the words of the report that say what the figure counts
    sentence: str = ""  # the sentence the figure stands in (the source one click away)
    unit_end: int = -1  # end of the number and its counter word, whatever the quote grows to
    rate_word: str = ""  # for “答复率、满意率均达到100%”: the rate this copy stands for
    extras: dict = field(default_factory=dict)

    @property
    def value_yuan(self) -> Decimal | None:
        if not self.money:
            return None
        return self.value * MULTIPLIERS.get(self.unit[:1], Decimal(1))


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    # spans are sorted; linear scan is fine for report-sized texts, but bisect keeps it cheap
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] < pos < spans[lo][1]


def clause_start(text: str, pos: int, stops: set[str] = CLAUSE_END) -> int:
    i = pos
    while i > 0 and text[i - 1] not in stops:
        i -= 1
    return i


def clause_end(text: str, pos: int, stops: set[str] = CLAUSE_END) -> int:
    i, n = pos, len(text)
    while i < n and text[i] not in stops:
        i += 1
    return i


def _is_chinese_figure(text: str, m: re.Match[str], cn: str) -> bool:
    """Chinese numerals are names and slogans more often than counts (三项制度, 五个一, 十一个坚持)."""
    before = text[max(0, m.start() - 4) : m.start()]
    after = text[m.end() : m.end() + 4]
    if before.endswith(("“", '"', "「", "第", "前", "后", "这", "那", "每", "头")):
        return False
    if after.startswith(_CN_SET_NOUNS):
        return False
    if m.group("q1") or m.group("q0"):
        return True
    if re.match(r"[^,，。;；]{0,4}进[百千万]", text[m.end() : m.end() + 8]):
        return False  # campaign names: 千名律师进千企, 百名法官进万家
    if cn in ("十", "百", "千"):  # 千名律师进千企, 百名法官: slogans unless counted (开展百次…)
        return bool(_CN_TRIGGERS.search(before))
    if any(c in cn for c in "十百千"):
        return True
    if cn in ("一", "两", "二"):
        return False
    return bool(_CN_TRIGGERS.search(before))


def _reject(text: str, m: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """True when the match is not a figure (INDICATORS.md §5)."""
    start, end = m.start(), m.end()
    num = m.group("num")
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    if _inside(spans, start):
        return True  # names, titles, slogans, document numbers: “1+4”, 《…4个建设工程实施方案》
    if prev == "第" or text[max(0, start - 2) : start] == "第 ":
        return True  # ordinals and article numbers
    if prev and (prev.isascii() and (prev.isalnum() or prev in "+-/#_.:")):
        return True  # identifiers, phone and index numbers, “3+1”
    if (nxt and nxt in "+＋") or (m.group("num2") and m.group("sep") in "-—－" and len(num) == 4):
        return True
    unit = m.group("unit")
    after = text[end : end + 6]
    if unit not in RATE_UNITS and (unit + after).startswith(_UNIT_WORD_BLOCK):
        return True
    if unit == "个工作日" and not _TIME_CUT.search(text[max(0, start - 8) : start]):
        return True  # 20个工作日内: a time limit restated from the law, not a result
    if unit == "个" and after.startswith(_TIME_LIMIT_NOUNS):
        return True  # 20个工作日, 3个月: time limits restated from the law
    if m.group("q2") in ("以上", "以下") and nxt and "\u4e00" <= nxt <= "\u9fff" and nxt not in "的":
        return True  # a threshold that names a category: 5000万元以上项目
    if m.group("q2") in ("以上", "以下") and nxt == "的":
        return True
    if unit not in RATE_UNITS and _NORM_BEFORE.search(text[max(0, start - 10) : start]):
        return True  # norms: 不少于2名, 每年至少1次
    tail_end = clause_end(text, end)
    if text[end:tail_end].endswith("之一") or text[end:tail_end].startswith(("之一",)):
        return True  # “100个创新案例之一”: the size of someone else's list
    if unit == "条" and re.search(r"[章节款]$|[章节]\s*$", text[max(0, start - 3) : start]):
        return True  # the layout of a regulation: 共6章58条
    if _PAGE_CHROME.search(text[max(0, start - 8) : start]):
        return True  # page furniture of a web page: 浏览次数: 356次
    if not num[0].isdigit() and not _is_chinese_figure(text, m, num):
        return True
    return bool(len(num) == 4 and num.startswith(("19", "20")) and unit in ("届", "级"))


def find_figures(text: str) -> list[Figure]:
    spans = _protected_spans(text)
    figures: list[Figure] = []
    for m in FIGURE_RE.finditer(text):
        if _reject(text, m, spans):
            continue
        fig = _make_figure(text, m)
        if fig is not None:
            figures.append(fig)
    if "百分之" in text:
        figures.extend(_percent_words(text, spans))
        figures.sort(key=lambda f: f.num_start)
    return figures


def _percent_words(text: str, spans: list[tuple[int, int]]) -> list[Figure]:
    """百分之九十五 / 百分之95 → 95 %."""
    out = []
    for m in PERCENT_WORDS_RE.finditer(text):
        if _inside(spans, m.start()):
            continue
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        start = clause_start(text, m.start())
        out.append(
            Figure(
                value=value,
                unit="%",
                approx=False,
                qualifier="",
                quote=text[start : m.end()],
                start=start,
                end=m.end(),
                num_start=m.start(),
                num_end=m.end(),
                text_value=m.group(0),
                unit_end=m.end(),
            )
        )
    return out


def _make_figure(text: str, m: re.Match[str]) -> Figure | None:
    try:
        value = parse_number(m.group("num"))
        value_max = parse_number(m.group("num2")) if m.group("num2") else None
    except ValueError:
        return None
    unit = m.group("unit")
    mult = m.group("mult") or ""
    money = unit == "元"
    if unit == "％":
        unit = "%"
    if money:
        unit = mult + "元"
    elif mult:
        value *= MULTIPLIERS[mult]
        if value_max is not None:
            value_max *= MULTIPLIERS[mult]
    if m.group("paren"):
        unit += "次"
    num_start, num_end = m.start("num"), m.end("num")
    # 受援人次达340余人: the counter was named before the number
    if unit == "人" and re.search(r"人次(达到|达|为|共|约)?$", text[max(0, num_start - 6) : num_start]):
        unit = "人次"
    qualifiers = []
    before = text[max(0, num_start - 3) : num_start]
    near = ""
    for word in ("不低于", "超过", "近", "约", "逾", "超"):
        if before.endswith(word):
            near = word
            break
    if near:
        qualifiers.append(near)
    for q in ("q0", "q1"):
        if m.group(q):
            qualifiers.append(m.group(q))
    if m.group("q2"):
        qualifiers.append(m.group("q2"))
    c_start = clause_start(text, num_start)
    if not qualifiers and "预计" in text[c_start:num_start]:
        qualifiers.append("预计")
    if value_max is not None:
        qualifiers.append(m.group("sep"))
    qualifier = "…".join(qualifiers)
    q_start = c_start
    while q_start < num_start and text[q_start] in " \u3000\t":
        q_start += 1
    end = m.end()
    quote = text[q_start:end]
    return Figure(
        value=value,
        unit=unit,
        approx=bool(qualifiers),
        qualifier=qualifier,
        quote=quote,
        start=q_start,
        end=end,
        num_start=num_start,
        num_end=m.end("num2") if m.group("num2") else num_end,
        text_value=text[
            num_start : m.end("unit")
            if unit in RATE_UNITS
            else max(m.end(g) for g in ("num", "q0", "mult", "q1") if m.group(g))
        ],
        money=money,
        value_max=value_max,
        cumulative=bool(_CUMULATIVE.search(text[c_start:num_start])),
        unit_end=end,
    )
