"""Drop the hospital names now that every 首试首用 record points at a hospital page.

A migration of its own: PostgreSQL will not alter a table in the transaction
that just wrote rows checked by a deferred foreign key.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_first_use_record_hospital_page")]

    operations = [
        migrations.RemoveField(model_name="firstuserecord", name="hospital"),
        migrations.RenameField(
            model_name="firstuserecord", old_name="hospital_page", new_name="hospital"
        ),
        migrations.AlterField(
            model_name="firstuserecord",
            name="hospital",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="first_use_records",
                to="hospitals.hospitalpage",
                verbose_name="医疗机构",
            ),
        ),
    ]
