"""Load the machine pre-review rules (rulemaking/data/prereview_rules.json) into PreReviewRule."""

import json
from pathlib import Path

from django.db import migrations

RULES = Path(__file__).resolve().parents[1] / "data" / "prereview_rules.json"


def load(apps, schema_editor):
    Rule = apps.get_model("rulemaking", "PreReviewRule")
    for row in json.loads(RULES.read_text(encoding="utf-8")):
        Rule.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})


class Migration(migrations.Migration):
    dependencies = [("rulemaking", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
