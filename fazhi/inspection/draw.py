"""The draw itself: a pure, deterministic function of the published files (ADR 0010).

No Django, no database: `fazhi inspection verify-draw` and the service run this same code, so
anyone holding the eligible-list file, the revealed seed and the result file can reproduce a draw.

* Objects: every eligible object has a public key (its USCC, or the product/project code) and a
  credit-risk grade A–D. Per grade g, k_g = ceil(n_g × ratio_g / 100) (ratio mode) or a share of
  the plan's count proportional to n_g × weight_g (count mode, largest remainder); the k_g objects
  with the lowest HMAC-SHA256(seed, "entity:" + key) are drawn (ties broken by key).
* Inspectors: for each drawn object, in rank order, the `per_entity` inspectors not excluded for it
  (declared conflicts, an earlier inspection of that object — recusal) with the fewest assignments
  so far in this draw (rotation), ties broken by HMAC-SHA256(seed, "inspector:" + key + ":" + cert).
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

FORMAT = "fazhi.inspection.draw/1"
GRADES = ("A", "B", "C", "D")


class DrawError(ValueError):
    """A draw that cannot be made or verified; the message is Chinese."""


@dataclass(frozen=True)
class EligibleList:
    """What is published before the seed is revealed (the eligible-list file)."""

    draw: str
    seed_sha256: str
    entities: tuple[tuple[str, str], ...]  # (key, grade), sorted by key
    inspectors: tuple[str, ...]  # certificate numbers, sorted
    exclusions: frozenset[tuple[str, str]] = frozenset()  # (entity key, certificate number)
    ratios: Mapping[str, str] = field(default_factory=dict)  # grade -> percent (ratio mode)
    count: int | None = None  # count mode
    weights: Mapping[str, str] = field(default_factory=dict)  # grade -> weight (count mode)
    per_entity: int = 2
    meta: Mapping[str, str] = field(default_factory=dict)  # plan, matter, agency: shown, not computed


@dataclass(frozen=True)
class Selected:
    key: str
    grade: str
    rank: str  # hex HMAC
    inspectors: tuple[str, ...]


def seed_hash(seed: str) -> str:
    return hashlib.sha256(seed.encode("ascii")).hexdigest()


def _mac(seed: str, message: str) -> str:
    return hmac.new(seed.encode("ascii"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def quotas(lst: EligibleList) -> dict[str, int]:
    """Objects to draw per grade."""
    n = {g: sum(1 for _, grade in lst.entities if grade == g) for g in GRADES}
    if lst.count is None:
        out = {}
        for g in GRADES:
            ratio = Decimal(lst.ratios.get(g, "0"))
            if ratio < 0 or ratio > 100:
                raise DrawError(f"信用风险等级{g}类的抽查比例应在0%至100%之间。")
            out[g] = min(n[g], math.ceil(Decimal(n[g]) * ratio / 100))
        return out
    total = min(lst.count, sum(n.values()))
    weighted = {g: Decimal(n[g]) * Decimal(lst.weights.get(g, "1")) for g in GRADES}
    denominator = sum(weighted.values())
    if denominator == 0:
        return dict.fromkeys(GRADES, 0)
    exact = {g: weighted[g] * total / denominator for g in GRADES}
    out = {g: min(n[g], int(exact[g])) for g in GRADES}
    # Largest remainder, worse grades first on ties; never more than a grade holds.
    while sum(out.values()) < total:
        open_grades = [g for g in GRADES if out[g] < n[g]]
        g = max(open_grades, key=lambda g: (exact[g] - out[g], GRADES.index(g)))
        out[g] += 1
    return out


def select(lst: EligibleList, seed: str) -> list[Selected]:
    """The draw: drawn objects (rank order within grade A…D) with their inspectors."""
    if seed_hash(seed) != lst.seed_sha256:
        raise DrawError("随机种子与事先公布的种子哈希值不符，抽取结果不能成立。")
    keys = [k for k, _ in lst.entities]
    if keys != sorted(set(keys)):
        raise DrawError("待抽取名单应按对象编码排序且不得重复。")
    if any(g not in GRADES for _, g in lst.entities):
        raise DrawError("待抽取名单中的信用风险等级只能是A、B、C、D。")
    k = quotas(lst)
    chosen: list[tuple[str, str, str]] = []
    for g in GRADES:
        # the k lowest (rank, key) pairs, i.e. sorted(...)[:k] without sorting the whole grade
        ranked = heapq.nsmallest(
            k[g], ((_mac(seed, "entity:" + key), key) for key, grade in lst.entities if grade == g)
        )
        chosen.extend((key, g, rank) for rank, key in ranked)
    load = dict.fromkeys(lst.inspectors, 0)
    result = []
    for key, grade, rank in chosen:
        candidates = [c for c in lst.inspectors if (key, c) not in lst.exclusions]
        if len(candidates) < lst.per_entity:
            raise DrawError(
                f"检查人员不足：对象“{key}”回避后可选的检查人员只有{len(candidates)}名，"
                f"每个对象至少需要{lst.per_entity}名。请扩充检查人员名录库或调整抽查计划。"
            )
        candidates.sort(key=lambda c: (load[c], _mac(seed, f"inspector:{key}:{c}")))
        picked = tuple(sorted(candidates[: lst.per_entity]))
        for c in picked:
            load[c] += 1
        result.append(Selected(key, grade, rank, picked))
    return result


# --- the published files -------------------------------------------------------------------------
def _canonical(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def eligible_file(lst: EligibleList) -> bytes:
    return _canonical(
        {
            "format": FORMAT,
            "draw": lst.draw,
            "seed_sha256": lst.seed_sha256,
            "ratios": dict(lst.ratios),
            "count": lst.count,
            "weights": dict(lst.weights),
            "inspectors_per_entity": lst.per_entity,
            "meta": dict(lst.meta),
            "entities": [[k, g] for k, g in lst.entities],
            "inspectors": list(lst.inspectors),
            "exclusions": sorted([e, c] for e, c in lst.exclusions),
        }
    )


def result_file(lst: EligibleList, seed: str, selected: Sequence[Selected]) -> bytes:
    return _canonical(
        {
            "format": FORMAT,
            "draw": lst.draw,
            "eligible_sha256": hashlib.sha256(eligible_file(lst)).hexdigest(),
            "seed": seed,
            "selected": [
                {"key": s.key, "grade": s.grade, "rank": s.rank, "inspectors": list(s.inspectors)}
                for s in selected
            ],
        }
    )


def parse_eligible(content: bytes) -> EligibleList:
    try:
        data = json.loads(content.decode("utf-8"))
        if data.get("format") != FORMAT:
            raise DrawError("待抽取名单文件格式不符（应为本平台导出的 JSON 文件）。")
        return EligibleList(
            draw=str(data["draw"]),
            seed_sha256=str(data["seed_sha256"]),
            entities=tuple((str(k), str(g)) for k, g in data["entities"]),
            inspectors=tuple(str(c) for c in data["inspectors"]),
            exclusions=frozenset((str(e), str(c)) for e, c in data["exclusions"]),
            ratios={str(g): str(r) for g, r in data["ratios"].items()},
            count=None if data["count"] is None else int(data["count"]),
            weights={str(g): str(w) for g, w in data["weights"].items()},
            per_entity=int(data["inspectors_per_entity"]),
            meta={str(k): str(v) for k, v in data.get("meta", {}).items()},
        )
    except DrawError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise DrawError("无法读取待抽取名单文件：不是完整的 JSON 文件，或缺少必要字段。") from None


@dataclass(frozen=True)
class Verification:
    ok: bool
    problems: tuple[str, ...]
    selected: int


def verify(eligible: bytes, seed: str, result: bytes) -> Verification:
    """Reproduce the draw from the three published files; every mismatch is listed in Chinese."""
    problems: list[str] = []
    seed = seed.strip()
    try:
        lst = parse_eligible(eligible)
    except DrawError as exc:
        return Verification(False, (str(exc),), 0)
    try:
        published = json.loads(result.decode("utf-8"))
        published_selected = [
            (str(s["key"]), str(s["grade"]), tuple(str(c) for c in s["inspectors"]))
            for s in published["selected"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return Verification(False, ("无法读取抽取结果文件：不是完整的 JSON 文件，或缺少必要字段。",), 0)
    if eligible != eligible_file(lst):
        problems.append("待抽取名单文件不是规范格式（可能被编辑过）。")
    if published.get("eligible_sha256") != hashlib.sha256(eligible).hexdigest():
        problems.append("待抽取名单文件与抽取结果中记录的名单哈希值不符：名单已被改动。")
    if str(published.get("seed", seed)) != seed:
        problems.append("抽取结果文件中的种子与提供的种子不一致。")
    if str(published.get("draw")) != lst.draw:
        problems.append("抽取结果与待抽取名单不属于同一次抽取。")
    try:
        recomputed = select(lst, seed)
    except DrawError as exc:
        problems.append(str(exc))
        return Verification(False, tuple(problems), 0)
    expected = [(s.key, s.grade, s.inspectors) for s in recomputed]
    if expected != published_selected:
        missing = {e[0] for e in expected} - {p[0] for p in published_selected}
        extra = {p[0] for p in published_selected} - {e[0] for e in expected}
        detail = []
        if missing:
            detail.append(f"应抽中而结果中没有的对象{len(missing)}个")
        if extra:
            detail.append(f"结果中多出的对象{len(extra)}个")
        if not detail:
            detail.append("检查人员分配或顺序不同")
        problems.append("按公布的名单和种子重新计算的结果与公布的抽取结果不一致：" + "，".join(detail) + "。")
    return Verification(not problems, tuple(problems), len(recomputed))


def exclusions_from(pairs: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    return frozenset(pairs)
