# 第七十六条: the 60-day report runs from the recipient's receipt of the opinion. Opinions issued
# before this field existed had their clock started on the issue date (0004): they are taken as
# received that day, so the stored receipt and the running deadline agree.

from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    apps.get_model("disputes", "ReconsiderationOpinion").objects.update(received_on=F("issued_on"))


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0004_due_dates_on_engine_clocks"),
    ]

    operations = [
        migrations.AddField(
            model_name="reconsiderationopinion",
            name="received_on",
            field=models.DateField(blank=True, null=True, verbose_name="收件机关收到日期"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
