"""首试首用 records point at a hospital page instead of naming it in text.

Every distinct name becomes one hospital page under 医疗机构 (found again by
title, so running it twice creates nothing), and every record, including
those inside saved revisions, is linked to it: restoring an old revision
keeps working. A hospital page is published when a live product was trialled
there, otherwise it waits as a draft for staff, so no draft product leaks a
name. Reversing writes the names back.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

from core.migration_pages import add_child_page, add_section_index


def _records_in_revisions(apps):
    """(revision, its first-use record dicts) for every product revision holding records."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Revision = apps.get_model("wagtailcore.Revision")
    product_type = ContentType.objects.filter(app_label="directory", model="productpage").first()
    if product_type is None:
        return
    for revision in Revision.objects.filter(content_type=product_type).iterator():
        records = (revision.content or {}).get("first_use_records") or []
        if records:
            yield revision, records


class _Hospitals:
    """Hospital pages by name, created on first use."""

    def __init__(self, apps):
        self.apps = apps
        self.model = apps.get_model("hospitals.HospitalPage")
        self.index = None
        self.by_name = {}

    def get(self, name, live):
        name = name.strip()
        if name in self.by_name:
            return self.by_name[name]
        if self.index is None:
            self.index = add_section_index(
                self.apps, "hospitals.HospitalIndexPage", "医疗机构", "hospitals"
            )
            if self.index is None:
                raise RuntimeError("首试首用记录须有首页才能建立医疗机构页面，请先建立站点首页。")
        page = self.model.objects.filter(
            path__startswith=self.index.path, depth=self.index.depth + 1, title=name
        ).first()
        if page is None:
            base = slugify(name, allow_unicode=True) or "hospital"
            slug, number = base, 1
            siblings = self.model.objects.filter(path__startswith=self.index.path)
            while siblings.filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            page = add_child_page(
                self.apps,
                self.index,
                self.model,
                title=name,
                slug=slug,
                live=live,
                source="由原首试首用记录中的医疗机构名称生成",
            )
        self.by_name[name] = page
        return page


def link_hospitals(apps, schema_editor):
    FirstUseRecord = apps.get_model("directory.FirstUseRecord")
    hospitals = _Hospitals(apps)
    names = {}
    for name, product_live in FirstUseRecord.objects.values_list("hospital", "page__live"):
        names[name] = names.get(name, False) or product_live
    for name, live in sorted(names.items()):
        page = hospitals.get(name, live)
        FirstUseRecord.objects.filter(hospital=name).update(hospital_page_id=page.pk)
    for revision, records in _records_in_revisions(apps):
        for record in records:
            if isinstance(record.get("hospital"), str):
                record["hospital"] = hospitals.get(record["hospital"], live=False).pk
        revision.save(update_fields=["content"])


def unlink_hospitals(apps, schema_editor):
    FirstUseRecord = apps.get_model("directory.FirstUseRecord")
    HospitalPage = apps.get_model("hospitals.HospitalPage")
    titles = dict(HospitalPage.objects.values_list("pk", "title"))
    for record in FirstUseRecord.objects.all():
        record.hospital = titles[record.hospital_page_id]
        record.save(update_fields=["hospital"])
    for revision, records in _records_in_revisions(apps):
        for record in records:
            if isinstance(record.get("hospital"), int):
                record["hospital"] = titles.get(record["hospital"], "")
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_firstuserecord_event"),
        ("hospitals", "0002_create_hospital_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="firstuserecord",
            name="hospital_page",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="first_use_records",
                to="hospitals.hospitalpage",
                verbose_name="医疗机构",
            ),
        ),
        # Reversing re-adds the text column: a default lets it fill existing rows.
        migrations.AlterField(
            model_name="firstuserecord",
            name="hospital",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="医疗机构"),
        ),
        migrations.RunPython(link_hospitals, unlink_hospitals),
    ]
