"""The pure draw (ADR 0010): quotas per credit grade, determinism, recusal, verification."""

from __future__ import annotations

import json

import pytest

from fazhi.inspection import draw as algorithm

SEED = "0f" * 32


def _list(entities, inspectors=("C1", "C2", "C3", "C4"), exclusions=(), ratios=None, count=None):
    return algorithm.EligibleList(
        draw="测试抽取〔2026〕1号",
        seed_sha256=algorithm.seed_hash(SEED),
        entities=tuple(sorted(entities)),
        inspectors=tuple(sorted(inspectors)),
        exclusions=frozenset(exclusions),
        ratios=ratios or {"A": "5", "B": "10", "C": "20", "D": "40"},
        count=count,
        weights={"A": "0.5", "B": "1", "C": "2", "D": "4"} if count else {},
    )


def _entities(a=40, b=40, c=10, d=10):
    out, n = [], 0
    for grade, k in (("A", a), ("B", b), ("C", c), ("D", d)):
        for _ in range(k):
            n += 1
            out.append((f"K{n:04d}", grade))
    return out


def test_worse_grades_are_drawn_at_higher_ratios_rounded_up():
    # given 40 A, 40 B, 10 C, 10 D at 5 / 10 / 20 / 40 %
    lst = _list(_entities())
    # then ceil(2.0)=2 A, 4 B, 2 C, 4 D
    assert algorithm.quotas(lst) == {"A": 2, "B": 4, "C": 2, "D": 4}
    chosen = algorithm.select(lst, SEED)
    assert [s.grade for s in chosen].count("D") == 4
    assert len(chosen) == 12


def test_count_mode_weights_worse_grades():
    lst = _list(_entities(), count=10)
    # weighted 20 / 40 / 20 / 40 of 120 → 1.67 / 3.33 / 1.67 / 3.33 → largest remainder
    assert algorithm.quotas(lst) == {"A": 2, "B": 3, "C": 2, "D": 3}


def test_same_list_and_seed_give_the_same_draw_and_another_seed_another():
    lst = _list(_entities())
    assert algorithm.select(lst, SEED) == algorithm.select(lst, SEED)
    other_seed = "1a" * 32
    other = algorithm.EligibleList(**{**lst.__dict__, "seed_sha256": algorithm.seed_hash(other_seed)})
    assert [s.key for s in algorithm.select(other, other_seed)] != [
        s.key for s in algorithm.select(lst, SEED)
    ]


def test_a_seed_not_matching_the_published_hash_is_refused():
    with pytest.raises(algorithm.DrawError, match="种子哈希值不符"):
        algorithm.select(_list(_entities()), "ff" * 32)


def test_two_inspectors_per_object_with_recusal_and_rotation():
    # given C1 declared a conflict with every object
    entities = _entities(a=0, b=10, c=0, d=0)
    lst = _list(
        entities,
        ratios={"A": "0", "B": "100", "C": "0", "D": "0"},
        exclusions={(k, "C1") for k, _ in entities},
    )
    chosen = algorithm.select(lst, SEED)
    # then C1 is never drawn and the others share the 20 assignments evenly (rotation)
    assert all(len(s.inspectors) == 2 and "C1" not in s.inspectors for s in chosen)
    loads = {c: sum(c in s.inspectors for s in chosen) for c in ("C2", "C3", "C4")}
    assert sorted(loads.values()) == [6, 7, 7]


def test_pool_too_small_after_recusal_is_a_clear_chinese_error():
    entities = [("K0001", "B")]
    lst = _list(entities, inspectors=("C1", "C2"), ratios={"B": "100"}, exclusions={("K0001", "C2")})
    with pytest.raises(algorithm.DrawError, match="检查人员不足：对象“K0001”回避后可选的检查人员只有1名"):
        algorithm.select(lst, SEED)


def test_verification_reproduces_a_draw_from_the_files():
    lst = _list(_entities())
    eligible = algorithm.eligible_file(lst)
    result = algorithm.result_file(lst, SEED, algorithm.select(lst, SEED))
    v = algorithm.verify(eligible, SEED, result)
    assert (v.ok, v.problems, v.selected) == (True, (), 12)


def test_verification_fails_on_a_tampered_eligible_list():
    # given a published draw
    lst = _list(_entities())
    eligible = algorithm.eligible_file(lst)
    result = algorithm.result_file(lst, SEED, algorithm.select(lst, SEED))
    # when someone removes an unwanted object from the list and regrades another
    data = json.loads(eligible)
    data["entities"] = [e for e in data["entities"] if e[0] != "K0001"]
    data["entities"][0][1] = "A"
    tampered = (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()
    v = algorithm.verify(tampered, SEED, result)
    # then
    assert v.ok is False
    assert "待抽取名单文件与抽取结果中记录的名单哈希值不符：名单已被改动。" in v.problems


def test_verification_fails_on_a_tampered_result():
    lst = _list(_entities())
    eligible = algorithm.eligible_file(lst)
    data = json.loads(algorithm.result_file(lst, SEED, algorithm.select(lst, SEED)))
    data["selected"][0]["key"] = "K0099"
    v = algorithm.verify(eligible, SEED, json.dumps(data).encode())
    assert v.ok is False
    assert v.problems[0].startswith("按公布的名单和种子重新计算的结果与公布的抽取结果不一致")


def test_verification_fails_on_a_wrong_seed():
    lst = _list(_entities())
    eligible = algorithm.eligible_file(lst)
    result = algorithm.result_file(lst, SEED, algorithm.select(lst, SEED))
    v = algorithm.verify(eligible, "ab" * 32, result)
    assert v.ok is False
    assert "随机种子与事先公布的种子哈希值不符，抽取结果不能成立。" in v.problems
