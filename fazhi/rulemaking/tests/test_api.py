"""The rulemaking API: verbs per transition, one error shape, scoping, the public catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEntry
from fazhi.rulemaking.models import NormativeDocument

from .flow import to_published, to_review
from .texts import OUTDOOR_ADS

BASE = "/api/v1/rulemaking"


def _create(api_client, drafter, **over):
    api_client.force_authenticate(drafter)
    body = {
        "title": "示范县户外广告设施设置管理办法",
        "issuing_organ": "示范县人民政府",
        "registered_on": "2025-09-26",
        "text": OUTDOOR_ADS,
    }
    body.update(over)
    return api_client.post(f"{BASE}/documents/", body, format="json")


def test_a_draft_goes_through_comment_and_review_by_api(api_client, drafter, reviewer):
    # given
    r = _create(api_client, drafter)
    assert r.status_code == 201
    pk = r.json()["id"]
    # when
    assert (
        api_client.post(
            f"{BASE}/documents/{pk}/assess/", {"on": "2025-09-26", "assessment": "必要"}
        ).status_code
        == 200
    )
    assert (
        api_client.post(
            f"{BASE}/documents/{pk}/open-comment/", {"on": "2025-09-26", "ends_on": "2025-10-13"}
        ).status_code
        == 200
    )
    assert api_client.post(f"{BASE}/documents/{pk}/close-comment/", {"on": "2025-10-13"}).status_code == 200
    r = api_client.post(f"{BASE}/documents/{pk}/submit-review/", {"on": "2025-10-13"})
    # then: the reviewer sees the flags beside the clauses
    assert r.status_code == 200
    clauses = r.json()["versions"][0]["clauses"]
    flagged = {c["heading"]: [f["kind"] for f in c["flags"]] for c in clauses if c["flags"]}
    assert flagged == {"第三条": ["permit"], "第四条": ["fee"], "第六条": ["penalty"], "第七条": ["coercion"]}
    review = next(d for d in r.json()["deadlines"] if d["clock"] == "legality_review")
    assert review["due_date"] == "2025-11-03"  # 2025-10-13 + 15 WD
    api_client.force_authenticate(reviewer)
    flag_id = next(c["flags"][0]["id"] for c in clauses if c["flags"])
    r = api_client.post(f"{BASE}/flags/{flag_id}/decide/", {"on": "2025-10-14", "decision": "accepted"})
    assert (r.status_code, r.json()["decision"]) == (200, "accepted")


def test_a_short_comment_period_is_refused_with_the_error_shape_and_nothing_saved(api_client, drafter):
    pk = _create(api_client, drafter).json()["id"]
    api_client.post(f"{BASE}/documents/{pk}/assess/", {"on": "2025-09-26", "assessment": "必要"})
    before = AuditEntry.objects.count()
    r = api_client.post(f"{BASE}/documents/{pk}/open-comment/", {"on": "2025-09-26", "ends_on": "2025-10-10"})
    assert r.status_code == 400
    body = r.json()
    assert (body["code"], list(body["fields"])) == ("comment_period_too_short", ["ends_on"])
    assert body["message"].startswith("征求意见期限不足")
    assert NormativeDocument.objects.get(pk=pk).state == "assessed"
    assert AuditEntry.objects.count() == before


def test_the_drafter_cannot_give_the_legality_opinion(api_client, drafter):
    pk = _create(api_client, drafter, registered_on="2025-09-01").json()["id"]
    r = api_client.post(f"{BASE}/documents/{pk}/pass-review/", {"on": "2025-09-02", "opinion_text": "合法"})
    assert (r.status_code, r.json()["code"]) == (403, "permission_denied")


def test_another_agency_does_not_see_the_draft(api_client, drafter, other_officer):
    pk = _create(api_client, drafter).json()["id"]
    api_client.force_authenticate(other_officer)
    assert api_client.get(f"{BASE}/documents/").json()["count"] == 0
    assert (
        api_client.post(f"{BASE}/documents/{pk}/assess/", {"on": "2025-09-26", "assessment": "x"}).status_code
        == 404
    )


def test_the_public_catalogue_needs_no_account_and_searches_full_text(
    api_client, register, drafter, reviewer
):
    doc = to_review(register(requires_comment=False), drafter)
    to_published(doc, drafter, reviewer, on=date(2025, 9, 2))
    register(title="示范县未公布草案", requires_comment=False)
    api_client.force_authenticate(None)
    r = api_client.get(f"{BASE}/catalogue/", {"q": "一次性告知"})
    assert r.status_code == 200
    assert [d["number"] for d in r.json()["results"]] == ["示政规〔2025〕1号"]
    assert api_client.get(f"{BASE}/catalogue/", {"q": "户外"}).json()["count"] == 0


@pytest.mark.parametrize("n", [1, 6])
def test_the_document_list_runs_a_fixed_number_of_queries(
    n, api_client, register, reviewer, django_assert_num_queries
):
    for i in range(n):
        register(title=f"文件{i}")
    api_client.force_authenticate(reviewer)
    with django_assert_num_queries(2):
        r = api_client.get(f"{BASE}/documents/")
    assert r.json()["count"] == n


def test_a_decision_runs_its_five_procedures_by_api_and_minutes_are_required(api_client, drafter, reviewer):
    api_client.force_authenticate(drafter)
    r = api_client.post(
        f"{BASE}/decisions/",
        {
            "title": "城区停车收费调整",
            "summary": "调整收费",
            "registered_on": "2025-08-01",
            "text": "第一条 收费标准。",
        },
        format="json",
    )
    assert r.status_code == 201
    pk = r.json()["id"]
    short = api_client.post(
        f"{BASE}/decisions/{pk}/open-participation/", {"on": "2025-08-01", "ends_on": "2025-08-20"}
    )
    assert (short.status_code, short.json()["code"]) == (400, "comment_period_too_short")
    for verb, body in (
        ("open-participation", {"on": "2025-08-01", "ends_on": "2025-09-01"}),
        ("close-participation", {"on": "2025-09-01", "adoption": "采纳5条"}),
        ("record-expert-review", {"on": "2025-09-02", "experts": "专家3名", "opinion": "可行"}),
        ("record-risk-assessment", {"on": "2025-09-03", "risk_level": "low", "report": "风险可控"}),
        ("submit-review", {"on": "2025-09-25"}),
    ):
        assert api_client.post(f"{BASE}/decisions/{pk}/{verb}/", body).status_code == 200, verb
    api_client.force_authenticate(reviewer)
    assert (
        api_client.post(
            f"{BASE}/decisions/{pk}/pass-review/", {"on": "2025-10-11", "opinion_text": "合法"}
        ).status_code
        == 200
    )
    api_client.force_authenticate(drafter)
    body = {
        "on": "2025-10-13",
        "meeting_kind": "executive",
        "meeting_name": "常务会议",
        "minutes": "",
        "outcome": "通过",
    }
    r = api_client.post(f"{BASE}/decisions/{pk}/decide/", body)
    assert (r.status_code, r.json()["fields"]) == (
        400,
        {"minutes": ["办理“集体讨论决定”必须填写“会议纪要”。"]},
    )
    r = api_client.post(f"{BASE}/decisions/{pk}/decide/", body | {"minutes": "同意", "dissent": "一人反对"})
    assert (r.status_code, r.json()["state"], r.json()["dissent"]) == (200, "decided", "一人反对")


def test_a_contract_review_by_api(api_client, drafter, reviewer):
    api_client.force_authenticate(drafter)
    r = api_client.post(
        f"{BASE}/papers/",
        {"kind": "contract", "title": "采购合同", "received_on": "2025-09-26", "amount": "120000.00"},
        format="json",
    )
    assert (r.status_code, r.json()["review_due"]) == (201, "2025-10-13")
    pk = r.json()["id"]
    api_client.force_authenticate(reviewer)
    assert (
        api_client.post(
            f"{BASE}/papers/{pk}/assign/", {"on": "2025-09-28", "reviewer": reviewer.pk}
        ).status_code
        == 200
    )
    r = api_client.post(
        f"{BASE}/papers/{pk}/give-opinion/",
        {"on": "2025-10-09", "conclusion": "lawful", "opinion": "可以签署"},
    )
    assert (r.status_code, r.json()["state"], r.json()["opinion_on"]) == (200, "opined", "2025-10-09")


def test_the_public_feedback_api_filters_by_answer_and_masks_names(api_client, register, drafter):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from fazhi.rulemaking import services

    doc = register(on=date(2025, 9, 26), text=OUTDOOR_ADS)
    services.assess_document(actor=drafter, document=doc, on=date(2025, 9, 26), assessment="必要")
    services.open_comment(actor=drafter, document=doc, on=date(2025, 9, 26), ends_on=date(2025, 10, 13))
    now = datetime(2025, 9, 29, 10, 0, tzinfo=timezone.get_current_timezone())
    version = doc.versions.get()
    for name, text in (("王小明", "建议一"), ("某某广告有限公司", "建议二")):
        c = services.submit_comment(
            version=version,
            clause=None,
            text=text,
            name=name,
            is_organisation=name.endswith("公司"),
            contact="13812345678",
            form_started_at=now - timedelta(minutes=2),
            now=now,
        )
    services.answer_comment(actor=drafter, comment=c, answer="adopted", reason="", on=date(2025, 10, 13))
    api_client.force_authenticate(None)
    r = api_client.get(f"{BASE}/feedback/", {"document": doc.pk})
    assert r.status_code == 200
    rows = [(x["name"], x["answer"]) for x in r.json()["results"]]
    assert rows == [("王**", "pending"), ("某某广告有限公司", "adopted")]
    assert "13812345678" not in r.content.decode()
    assert api_client.get(f"{BASE}/feedback/", {"document": doc.pk, "answer": "adopted"}).json()["count"] == 1
