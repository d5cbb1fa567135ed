"""Done-when: an online application across the 2026 Spring Festival goes to a published, redacted
decision through the portal and the API, with every deadline right on real dates."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.utils import timezone

from fazhi.core import procedures

from ..models import Reconsideration


def test_online_application_to_published_decision_across_spring_festival_2026(
    client: Client, api_client, agency, clerk, clerk2, officer, monkeypatch
):
    # given: the portal's "today" is Thursday 2026-02-12, the last working days before the break
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 2, 12))
    form = {
        "respondent": agency.pk,
        "applicant_kind": "person",
        "applicant_name": "欧阳娜娜",
        "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13812345678",
        "applicant_address": "北京市朝阳区建国路88号",
        "act_kind": "act",
        "challenged_act": "京朝市监罚〔2026〕7号行政处罚决定（罚款5000元）",
        "known_on": "2026-02-05",
        "rights_notified": "on",
        "claim": "撤销该行政处罚决定",
        "facts": "欧阳娜娜经营的餐馆被认定超范围经营",
        "reasons": "餐馆已取得许可，认定事实错误",
    }
    # when: anonymous online application
    response = client.post("/gongkai/fuyi/shenqing/", form, follow=True)
    assert "2026-02-26 前完成审查" in response.content.decode()
    case = Reconsideration.objects.get()
    assert (case.application_due, case.channel) == (date(2026, 4, 7), "online")  # 2/5 + 60 = 4/6 (清明) → 4/7

    # and the reconsideration office works the case through the API, entering each step after it happened
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 3, 31))
    api_client.force_authenticate(clerk)
    base = f"/api/v1/disputes/reconsiderations/{case.pk}"

    def post(verb, user=clerk, **data):
        api_client.force_authenticate(user)
        r = api_client.post(f"{base}/{verb}/", data, format="json")
        assert r.status_code == 200, r.json()
        return r.json()

    post("accept", on="2026-02-13")  # Friday before the break
    post("assign-handlers", handlers=[clerk.pk, clerk2.pk])
    post("send-copy", on="2026-02-24")  # first working day after the break
    post("receive-copy", on="2026-02-24")  # delivered electronically the same day (第四十八条)
    post("receive-reply", user=officer, on="2026-03-05", text="处罚事实清楚")  # the respondent agency replies
    post("hearing", kind="views", mode="phone", held_on="2026-03-10", record="听取双方意见")
    post(
        "decide",
        on="2026-03-20",
        outcome="revoke",
        reasons="欧阳娜娜已取得许可，被申请人认定事实错误",
        approved_by="复议机关负责人同意",
    )
    body = post("publish", on="2026-03-25")

    # then: every deadline, with its state
    deadlines = {d["clock"]: (d["due_date"], d["state"], d["closed_on"]) for d in body["deadlines"]}
    assert deadlines == {
        # 2/13 (Fri) + 5 WD: 2/14 make-up Saturday … → 2/26; met on 2/13
        "acceptance_review": ("2026-02-26", "met", "2026-02-13"),
        # 7 WD: 2/14, 2/24–2/27, 2/28 (make-up), 3/2
        "copy_to_respondent": ("2026-03-02", "met", "2026-02-24"),
        # 10 WD from 2/24: 2/25–2/27, 2/28, 3/2–3/6, 3/9
        "reply": ("2026-03-09", "met", "2026-03-05"),
        # 60 CD from 2/13
        "decision": ("2026-04-14", "met", "2026-03-20"),
    }
    explanations = {d["clock"]: d["explanation"] for d in body["deadlines"]}
    assert explanations["copy_to_respondent"] == (
        "2026-02-13 + 7个工作日（行政复议法第四十八条）；2/15–2/23、3/1 休息；2/14、2/28 调休上班 → 2026-03-02"
    )
    case.refresh_from_db()
    assert (case.state, case.closed_on_time, case.published_on) == ("decided", True, date(2026, 3, 25))
    assert [s.transition for s in procedures.steps(case)] == [
        "start",
        "accept",
        "send_copy",
        "receive_copy",
        "receive_reply",
        "decide",
    ]

    # and the public sees the redacted decision only
    html = client.get(f"/gongkai/fuyi/jueding/{case.pk}/").content.decode()
    assert "申请人：欧阳**" in html
    assert "欧阳**已取得许可" in html
    for secret in ("欧阳娜娜", "11010519491231002X", "13812345678", "建国路88号"):
        assert secret not in html
