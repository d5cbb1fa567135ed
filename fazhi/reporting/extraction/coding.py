"""Give each figure its indicator code and a short label from the words around it (rules.py)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .figures import CLAUSE_END, SENTENCE_END, Figure, clause_end, clause_start
from .rules import COMBINED, OTHER_PERIOD, RULES, STAY_OTHER

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "core" / "data" / "indicator_catalogue.json"

# weight of a `near` match by where it sits (see _contexts)
W_LN, W_RN, W_LC, W_RC, W_LS = 4.0, 3.0, 2.0, 2.0, 1.0


@lru_cache(maxsize=1)
def catalogue_codes() -> frozenset[str] | None:
    """Codes of fazhi/core/data/indicator_catalogue.json when another module has written it."""
    try:
        data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    items = data.get("indicators", data) if isinstance(data, dict) else data
    codes: set[str] = set()
    if isinstance(items, dict):
        codes.update(items.keys())
    elif isinstance(items, list):
        codes.update(str(item.get("code")) for item in items if isinstance(item, dict) and item.get("code"))
    return frozenset(codes) or None


@lru_cache(maxsize=1)
def _catalogue_names() -> dict[str, str]:
    try:
        data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {e["code"]: e["name"] for e in data.get("indicators", []) if isinstance(e, dict) and "code" in e}


OTHER_NAME = "其他数据（未列入指标目录）"


def indicator_name(code: str) -> str:
    """The catalogue's Chinese name of a code; never the code itself."""
    if code == "other":
        return OTHER_NAME
    return _catalogue_names().get(code, OTHER_NAME)


@lru_cache(maxsize=1)
def _combined() -> list[tuple[re.Pattern[str], str, frozenset[str] | None]]:
    return [(re.compile(f"(?:{p})$"), code, units) for p, code, units in COMBINED]


@lru_cache(maxsize=1)
def _stay_other() -> list[tuple[re.Pattern[str], frozenset[str] | None]]:
    return [(re.compile(p), units) for p, units, _kind in STAY_OTHER]


@lru_cache(maxsize=1)
def _other_period() -> list[re.Pattern[str]]:
    return [re.compile(p) for p, _kind in OTHER_PERIOD]


def _units_fit(units: frozenset[str] | None, ucls: str) -> bool:
    if units is None:
        return ucls not in ("%", "$")
    return ucls in units


def _sentence(text: str, fig: Figure) -> str:
    s0 = clause_start(text, fig.num_start, SENTENCE_END)
    s1 = fig.unit_end
    while s1 < len(text) and text[s1] not in SENTENCE_END:
        s1 += 1
    if s1 < len(text) and text[s1] not in "\n":
        s1 += 1  # keep the full stop
    return text[s0:s1].strip()


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None, frozenset[str] | None, dict]]:
    known = catalogue_codes()
    out = []
    for code, near, domain, units, extra in RULES:
        if known is not None and code not in known:
            continue
        neg = extra.get("neg")
        extra = {**extra, "neg": re.compile(neg) if neg else None, "near_m": re.compile(near, re.M)}
        out.append((code, re.compile(near), re.compile(domain) if domain else None, units, extra))
    return out


def _inherited_code(text: str, figs: list[Figure], i: int) -> str:
    """Parts listed after 其中 count the same thing as the total before them (INDICATORS.md §1:
    “breakdown”): 办理行政处罚案件2317件,其中简易程序1120件,普通程序1197件."""
    child = cursor = figs[i]
    for parent in reversed(figs[:i]):
        between = text[parent.unit_end : cursor.num_start]
        if any(c in between for c in "。;；\n") or parent.unit != child.unit:
            return "other"
        if parent.extras.get("inherited"):
            cursor = parent  # a sibling part: look further back for the total
            continue
        if "其中" in between and parent.indicator != "other":
            child.extras["inherited"] = True
            return parent.indicator
        return "other"
    return "other"


def _mark_part(text: str, figs: list[Figure], i: int) -> None:
    """A part after 其中 that has the total's own code (“办理信访事项159件,其中网上信访80件”) is a
    breakdown of it (INDICATORS.md §1): flagged so that a consumer does not add it to the total."""
    child = figs[i]
    for parent in reversed(figs[:i]):
        between = text[parent.unit_end : child.num_start]
        if any(c in between for c in "。;；\n"):
            return
        if parent.extras.get("inherited"):
            continue
        if "其中" in between and parent.indicator == child.indicator and parent.unit == child.unit:
            child.extras["inherited"] = True
        return


_RESPECTIVELY = re.compile(r"^(?P<items>.+?)分别(?:为|是|达到|达|有|占|完成)?$")


def _respectively(text: str, figs: list[Figure], i: int) -> tuple[str, str] | None:
    """“收案、结案分别为120件、115件”: the k-th figure counts the k-th item named before 分别."""
    fig = figs[i]
    c0 = clause_start(text, fig.num_start)
    if "分别" not in text[c0 : fig.num_start]:
        return None
    c1 = clause_end(text, fig.num_start)
    group = [f for f in figs if c0 <= f.num_start < c1 and not f.rate_word]
    if len(group) < 2 or fig not in group:
        return None
    head = text[c0 : group[0].num_start].strip()
    m = _RESPECTIVELY.match(head)
    if not m:
        return None
    items = [x for x in re.split(r"[、和及与]", m.group("items")) if x]
    if len(items) != len(group):
        return None
    return items[group.index(fig)], head


_DELTA = re.compile(
    r"(同比|较上年|比上年|较去年|比去年|环比)[^,，;；。]{0,8}$|(增加|减少|增长|下降|上升|提高|降低|提升)了?(约|近)?$"
)
_OWN_LABEL_TRIM = re.compile(
    r"[^\u4e00-\u9fff]|其中|共计|共|累计|全年|全县|全市|全区|分别|达到|达|为|有|依法|均|已"
)


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The match nearest the end of `text` (the number follows the left context)."""
    last = None
    for last in pattern.finditer(text):  # noqa: B007
        pass
    return last


def _unit_class(fig: Figure) -> str:
    if fig.unit in ("%", "‰", "‱"):
        return "%"
    if fig.money:
        return "$"
    return fig.unit


def _contexts(text: str, figs: list[Figure], i: int) -> dict[str, str]:
    fig = figs[i]
    c0 = clause_start(text, fig.num_start)
    c1 = clause_end(text, fig.unit_end)
    s0 = clause_start(text, fig.num_start, SENTENCE_END)
    prev_end = figs[i - 1].unit_end if i > 0 and figs[i - 1].unit_end > c0 else c0
    next_start = figs[i + 1].num_start if i + 1 < len(figs) and figs[i + 1].num_start < c1 else c1
    return {
        "LN": text[prev_end : fig.num_start],
        "RN": text[fig.unit_end : next_start],
        "LC": text[c0:prev_end],
        "RC": text[next_start:c1],
        "LS": text[s0:c0],
    }


def assign(text: str, figs: list[Figure]) -> None:
    rules = _compiled()
    for i, fig in enumerate(figs):
        ctx = _contexts(text, figs, i)
        ucls = _unit_class(fig)
        left_sentence = ctx["LS"] + ctx["LC"] + ctx["LN"]
        near_text = {k: ctx[k] for k in ("LN", "RN", "LC", "RC", "LS")}
        if fig.rate_word:
            near_text = {"LN": fig.rate_word, "RN": "", "LC": "", "RC": "", "LS": ""}
        respectively = _respectively(text, figs, i)
        if respectively is not None:
            item, head = respectively
            near_text = {"LN": item, "RN": "", "LC": head, "RC": "", "LS": ctx["LS"]}
        # a figure whose own words name what it counts (“行政处罚事项3418项” after “许可事项326项、”)
        # does not borrow the words of the figure before it
        own_label = len(_OWN_LABEL_TRIM.sub("", ctx["LN"])) >= 4
        window = "\n".join(near_text.values())  # one quick test per rule before the per-context ones
        best: tuple[float, str] = (0.0, "other")
        for code, near, domain, units, extra in rules:
            if units is not None and ucls not in units:
                continue
            if units is None and ucls in ("%", "$"):
                continue
            if not extra["near_m"].search(window):
                continue
            if extra["neg"] is not None and extra["neg"].search(ctx["LS"] + ctx["LC"] + ctx["LN"]):
                continue
            score = 0.0
            span = 0
            for key, weight in (("LN", W_LN), ("RN", W_RN), ("LC", W_LC), ("RC", W_RC), ("LS", W_LS)):
                if (extra.get("near_only") or own_label) and key in ("LC", "LS"):
                    continue
                text_k = near_text[key]
                found = near.search(text_k) if key.startswith("R") else _last_match(near, text_k)
                if found:
                    closeness = 0.0
                    if key.startswith("L"):
                        closeness = 0.5 / (1 + len(near_text[key]) - found.end())
                    score = weight + closeness
                    span = found.end() - found.start()
                    break
            if not score:
                continue
            if domain is not None:
                d = _last_match(domain, left_sentence)
                if d is not None:
                    dist = len(left_sentence) - d.end()
                    score += 0.5 if dist <= 15 else 0.3 if dist <= 40 else 0.15
                elif domain.search(ctx["RN"] + ctx["RC"]):
                    score += 0.25
                else:
                    continue
            score += extra.get("prio", 0) * 0.4 + min(span, 8) * 0.05
            if score > best[0]:
                best = (score, code)
        fig.indicator = best[1]
        own_clause = ctx["LN"] + ctx["RN"]
        if not fig.rate_word:
            # a count of two steps named together (“审查和备案54件”): the data says which code
            for pattern, code, units in _combined():
                if _units_fit(units, ucls) and pattern.search(ctx["LN"].rstrip("共计达为有了")):
                    fig.indicator = code
                    break
        stays_other = any(
            _units_fit(units, ucls) and pattern.search(own_clause) for pattern, units in _stay_other()
        )
        left_words = ctx["LN"].rstrip(" 、,，")
        other_period = any(p.search(left_words) for p in _other_period())
        if stays_other or other_period or _DELTA.search(ctx["LN"]):
            fig.indicator = "other"  # §4, or a change against last year rather than the year's figure
        elif fig.indicator == "other" and i > 0:
            fig.indicator = _inherited_code(text, figs, i)
        elif i > 0:
            _mark_part(text, figs, i)
        fig.label = make_label(ctx, fig)
        right = ctx["RN"].rstrip(" 、,，")
        if right and not fig.rate_word and fig.label.endswith(right) and len(right) <= 24:
            # the label reads on after the number (“组织5300名国家工作人员在线学法”): so does the quote
            fig.end += len(right)
            fig.quote = text[fig.start : fig.end]
        fig.phrase = fig.label
        fig.sentence = _sentence(text, fig)
        fig.label = indicator_name(fig.indicator) if fig.indicator != "other" else fig.phrase


_LABEL_TRIM = re.compile(
    r"^(其中|同时|全年|共计|共|累计|全县|全市|全区|全旗|我县|我市|我区|并|及时|先后|已|还|另有|另|此外|通过|在|对|为|与|向|和|及|达到|达|为|了|又|再)+"
)
_LABEL_TAIL = re.compile(r"(共计|共|累计|达到|达|为|约|近|超过|逾|均|分别|合计|总计|的)+$")


def make_label(ctx: dict[str, str], fig: Figure) -> str:
    left = ctx["LN"].strip(" 、,，()（）")
    left = re.sub(r"^\d{4}年(度)?[,，]?", "", left)
    left = _LABEL_TRIM.sub("", left)
    left = _LABEL_TAIL.sub("", left)
    if fig.rate_word:
        return fig.rate_word
    right = ctx["RN"].strip(" 、,，")
    if len(left) < 2 or (right and len(right) <= 16 and fig.unit in ("个", "名", "人", "家", "户")):
        head = left if len(left) >= 2 else ""
        label = (head + right) if head else right
    else:
        label = left
    label = label[-30:]
    return label or fig.quote[-30:]


__all__ = ["CLAUSE_END", "OTHER_NAME", "assign", "catalogue_codes", "indicator_name", "make_label"]
