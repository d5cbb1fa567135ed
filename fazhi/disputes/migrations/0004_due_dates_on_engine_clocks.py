# Issue 13: the litigation defence (行政诉讼法第六十七条) and the opinion report (行政复议法第七十六条) due
# dates were computed by hand and stored on the records. They become the engine's standalone clocks
# ("disputes.litigation" / "defence", "disputes.opinion" / "report", fazhi/disputes/procedures.py):
# each stored due date and its explanation move to a Deadline row (met / missed from the filing or
# report date, open otherwise), then the stored fields are dropped. A later calendar change
# recomputes the open ones like every other deadline. The values are frozen here (migrations must
# not import the app's declarations).

from django.db import migrations

LITIGATION = ("disputes.litigation", "defence", "答辩举证", 15, "cd", "行政诉讼法第六十七条")
OPINION = ("disputes.opinion", "report", "整改情况反馈", 60, "cd", "行政复议法第七十六条")


def _deadline(Deadline, ct, obj_id, spec, start, due, explanation, closed_on):
    group, clock, label, n, unit, basis = spec
    state = "open" if closed_on is None else ("met" if closed_on <= due else "missed")
    return Deadline(
        content_type=ct,
        object_id=obj_id,
        procedure_code=group,
        clock=clock,
        label=label,
        period_n=n,
        period_unit=unit,
        basis=basis,
        start_date=start,
        due_date=due,
        calendar_pending=False,
        explanation=explanation,
        state=state,
        closed_on=closed_on,
    )


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Deadline = apps.get_model("procedures", "Deadline")
    LitigationCase = apps.get_model("disputes", "LitigationCase")
    Opinion = apps.get_model("disputes", "ReconsiderationOpinion")
    rows = []
    if LitigationCase.objects.exists():
        ct, _ = ContentType.objects.get_or_create(app_label="disputes", model="litigationcase")
        for c in LitigationCase.objects.iterator():
            closed = c.defence_filed_on or c.judgment_on
            rows.append(
                _deadline(
                    Deadline, ct, c.pk, LITIGATION, c.served_on, c.defence_due, c.defence_due_explanation, closed
                )
            )
    if Opinion.objects.exists():
        ct, _ = ContentType.objects.get_or_create(app_label="disputes", model="reconsiderationopinion")
        for o in Opinion.objects.iterator():
            rows.append(
                _deadline(Deadline, ct, o.pk, OPINION, o.issued_on, o.due_on, o.due_explanation, o.reported_on)
            )
    Deadline.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0003_posted_and_notice_dates"),
        ("procedures", "0004_standalone_clocks_and_provisional_dates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # irreversible in substance (the fields come back empty); the Deadline rows stay
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="litigationcase", name="defence_due"),
        migrations.RemoveField(model_name="litigationcase", name="defence_due_explanation"),
        migrations.RemoveField(model_name="reconsiderationopinion", name="due_explanation"),
        migrations.RemoveField(model_name="reconsiderationopinion", name="due_on"),
    ]
