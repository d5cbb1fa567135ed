# 第四十八条、第五十四条: the respondent's reply period runs from its receipt of the copy. Cases whose
# copy was sent before this field existed had their reply clock started on the sending date: they
# are taken as received that day, so the stored receipt and the running deadline agree.

from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    apps.get_model("disputes", "Reconsideration").objects.filter(copy_sent_on__isnull=False).update(
        copy_received_on=F("copy_sent_on")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0005_opinion_received_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="reconsideration",
            name="copy_received_on",
            field=models.DateField(blank=True, null=True, verbose_name="被申请人收到申请书副本日期"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
