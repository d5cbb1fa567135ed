"""Which jurisdiction wrote the report, at which level, about which year, and when it was published."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from fazhi.org.choices import Level

SUFFIX_LEVEL = [
    ("自治区", Level.PROVINCE),
    ("自治州", Level.PREFECTURE),
    ("自治县", Level.COUNTY),
    ("自治旗", Level.COUNTY),
    ("特区", Level.DISTRICT),
    ("林区", Level.COUNTY),
    ("地区", Level.PREFECTURE),
    ("省", Level.PROVINCE),
    ("州", Level.PREFECTURE),
    ("盟", Level.PREFECTURE),
    ("县", Level.COUNTY),
    ("旗", Level.COUNTY),
    ("区", Level.DISTRICT),
    ("市", Level.CITY),
]
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_NAME = r"[\u4e00-\u9fff]{1,6}?(?:自治县|自治州|自治区|自治旗|县|市|区|旗|州|盟|省)"
_BOUNDARY = r"(?:(?<=^)|(?<=[《“\n,，。、:：;；\s年\d(（省市州盟]))"
NAME_RE = re.compile(_BOUNDARY + f"({_NAME})", re.M)
_GENERIC_FIRST = set("全本我各该此两每省市县区上下其所辖城乡镇街村属直年")
_GENERIC_WORDS = {
    "社区",
    "城区",
    "园区",
    "景区",
    "辖区",
    "地区",
    "山区",
    "街区",
    "片区",
    "新区",
    "城市",
    "超市",
    "都市",
    "城乡",
    "市县",
    "县区",
    "市区",
    "全省",
    "各省",
}
_PREFECTURE_HINTS = re.compile(
    r"各县[(（]?[市区]|县[(（]市、?区[)）]|[\d一二三四五六七八九十]+个县[(（市区、]|所辖各?县|各县市区|县区"
)
TITLE_RE = re.compile(r"^.{0,40}(报告|情况)\s*$")
YEAR_RE = re.compile(r"(?<![\d\-—－~～至])(20\d\d)年(?!\d)(?:度)?(?!\s*[-—－~～至]\s*20\d\d)")
DATE_PATTERNS = [
    re.compile(
        r"(?:成文日期|发布日期|发文日期|发布时间|印发日期|公开日期|更新时间|日期)\s*[:：]?\s*(20\d\d)[-./年](\d{1,2})[-./月](\d{1,2})"
    ),
    re.compile(r"^\s*[(（]?\s*(20\d\d)年(\d{1,2})月(\d{1,2})日\s*[)）]?\s*$", re.M),
]


@dataclass
class ReportMeta:
    jurisdiction: str | None
    level: str | None
    year: int | None
    title: str | None = None
    published_on: date | None = None


def level_of(name: str, text: str = "") -> str | None:
    if name in MUNICIPALITIES:
        return Level.PROVINCE.value
    for suffix, level in SUFFIX_LEVEL:
        if name.endswith(suffix):
            if level == Level.CITY and _PREFECTURE_HINTS.search(text):
                return Level.PREFECTURE.value
            return level.value
    return None


def _title(text: str) -> str | None:
    for line in text.splitlines()[:12]:
        line = line.strip()
        if (
            line
            and len(line) <= 60
            and ("报告" in line or "情况" in line)
            and "法治" in line
            and "," not in line
        ):
            return line
    return None


def _title_name(title: str | None) -> str | None:
    """The innermost division named in the title before the year: 上海市嘉定区人民政府2022年度… → 嘉定区."""
    if not title:
        return None
    head = re.sub(r"20\d\d年?度?", "", title)
    head = re.split(r"人民政府|政府|关于|法治", head)[0]
    names = [m.group(1) for m in NAME_RE.finditer(head)]
    names = [n for n in names if n[0] not in _GENERIC_FIRST]
    return names[-1] if names else None


def detect_jurisdiction(text: str, title: str | None) -> str | None:
    counts: Counter[str] = Counter()
    for m in NAME_RE.finditer(text):
        name = m.group(1)
        if name[0] in _GENERIC_FIRST or name in _GENERIC_WORDS or len(name) < 2:
            continue
        if "委" in name or "政府" in name:
            continue
        counts[name] += 1
    if not counts:
        return None
    head = text[:300]
    title_name = _title_name(title)
    scores: dict[str, float] = {}
    for name, n in counts.items():
        score = float(n)
        stem = name[:-1] if len(name) > 2 else name
        if name == title_name:
            score += 10
        elif title and name in title:
            score += 4
        if f"{name}人民政府" in text:
            score += 3
        if name in head:
            score += 2
        if f"法治{stem}" in text or f"建设{stem}" in text:
            score += 2
        if any(probe in text for probe in (f"省、{name}", f"中央、{name}", f"{name}级", f"{name}委")):
            score -= 3
        scores[name] = score
    return max(scores, key=lambda k: (scores[k], len(k)))


def detect_year(text: str, title: str | None) -> int | None:
    if title:
        m = YEAR_RE.search(title)
        if m:
            return int(m.group(1))
    for m in YEAR_RE.finditer(text[:600]):
        tail = text[m.end() : m.end() + 4]
        if re.match(r"\s*\d{1,2}月", tail):
            continue
        return int(m.group(1))
    years = Counter(int(m.group(1)) for m in YEAR_RE.finditer(text))
    return years.most_common(1)[0][0] if years else None


def detect_published_on(text: str) -> date | None:
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def detect_meta(text: str) -> ReportMeta:
    title = _title(text)
    name = detect_jurisdiction(text, title)
    return ReportMeta(
        jurisdiction=name,
        level=level_of(name, text) if name else None,
        year=detect_year(text, title),
        title=title,
        published_on=detect_published_on(text),
    )
