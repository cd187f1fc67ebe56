from django.db import migrations

from search.vocabulary import read_default_vocabulary


def load(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("term", flat=True))
    Synonym.objects.bulk_create(
        Synonym(term=term, equivalents=equivalents, two_way=two_way, source=source)
        for term, equivalents, two_way, source in read_default_vocabulary()
        if term not in existing
    )


def unload(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.exclude(source="staff").delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms")]
    operations = [migrations.RunPython(load, unload)]
