"""The migration that turns 首试首用 hospital names into hospital pages, run
for real with Django's migration executor: back to the text field, records
and revisions written as they were, then forwards and back again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.migration_pages import add_child_page

BEFORE = [
    ("directory", "0004_firstuserecord_event"),
    ("hospitals", "0002_create_hospital_index"),
]
AFTER = [("directory", "0006_first_use_record_hospital_required")]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture(autouse=True)
def _leave_the_schema_complete():
    yield
    migrate(latest())  # later tests expect every migration applied


def old_content(apps):
    """Enterprises, products and records as the text field held them."""
    Page = apps.get_model("wagtailcore.Page")
    directory = Page.objects.get(pk=apps.get_model("directory.DirectoryIndexPage").objects.get().pk)
    EnterprisePage = apps.get_model("directory.EnterprisePage")
    ProductPage = apps.get_model("directory.ProductPage")
    maker = add_child_page(
        apps,
        directory,
        EnterprisePage,
        title="宁波杜比医疗科技有限公司",
        slug="dubi",
        credit_code="91330282MA2AAAAA0X",
        region="慈溪市",
    )
    maker_page = Page.objects.get(pk=maker.pk)
    screening = add_child_page(
        apps,
        maker_page,
        ProductPage,
        title="乳腺癌筛查设备",
        slug="screening",
        product_type="device",
    )
    maker_page.refresh_from_db()
    hidden = add_child_page(
        apps,
        maker_page,
        ProductPage,
        title="草稿产品",
        slug="draft",
        product_type="device",
        live=False,
    )
    FirstUseRecord = apps.get_model("directory.FirstUseRecord")
    for product, hospital in [
        (screening, "宗汉卫生院"),
        (screening, " 白沙路卫生院 "),
        (hidden, "只试用过草稿产品的医院"),
    ]:
        FirstUseRecord.objects.create(page=product, hospital=hospital, scope="试点使用")
    ContentType = apps.get_model("contenttypes.ContentType")
    product_type = ContentType.objects.get(app_label="directory", model="productpage")
    Revision = apps.get_model("wagtailcore.Revision")
    Revision.objects.create(
        content_type=product_type,
        base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(screening.pk),
        created_at=timezone.now(),
        content={
            "pk": screening.pk,
            "title": "乳腺癌筛查设备",
            "first_use_records": [{"pk": None, "hospital": "宗汉卫生院", "scope": "旧版本"}],
        },
    )
    Revision.objects.create(
        content_type=product_type,
        base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(screening.pk),
        created_at=timezone.now(),
        content={"first_use_records": [{"pk": None, "hospital": "只在旧版本里的医院"}]},
    )
    return screening


def test_every_record_keeps_its_hospital_and_the_way_back_restores_the_names():
    migrate(BEFORE)
    screening = old_content(migrate(BEFORE))

    apps = migrate(AFTER)
    FirstUseRecord = apps.get_model("directory.FirstUseRecord")
    HospitalPage = apps.get_model("hospitals.HospitalPage")
    linked = {
        (record.page_id, HospitalPage.objects.get(pk=record.hospital_id).title)
        for record in FirstUseRecord.objects.all()
    }
    assert (screening.pk, "宗汉卫生院") in linked
    assert (screening.pk, "白沙路卫生院") in linked  # names are trimmed
    assert len(linked) == 3
    hospitals = {page.title: page for page in HospitalPage.objects.all()}
    assert hospitals["宗汉卫生院"].live
    # Known only from a draft product or an old revision: kept, but as drafts.
    assert not hospitals["只试用过草稿产品的医院"].live
    assert not hospitals["只在旧版本里的医院"].live
    index = apps.get_model("hospitals.HospitalIndexPage").objects.get()
    assert all(page.path.startswith(index.path) for page in hospitals.values())
    assert index.numchild == len(hospitals)

    Revision = apps.get_model("wagtailcore.Revision")
    for revision in Revision.objects.filter(object_id=str(screening.pk)):
        for record in revision.content["first_use_records"]:
            assert isinstance(record["hospital"], int)

    apps = migrate(BEFORE)
    FirstUseRecord = apps.get_model("directory.FirstUseRecord")
    names = sorted(FirstUseRecord.objects.values_list("hospital", flat=True))
    assert names == ["只试用过草稿产品的医院", "宗汉卫生院", "白沙路卫生院"]
    Revision = apps.get_model("wagtailcore.Revision")
    old = {
        record["hospital"]
        for revision in Revision.objects.filter(object_id=str(screening.pk))
        for record in revision.content["first_use_records"]
    }
    assert old == {"宗汉卫生院", "只在旧版本里的医院"}

    # Forwards again finds the same hospital pages instead of making new ones.
    apps = migrate(AFTER)
    assert apps.get_model("hospitals.HospitalPage").objects.count() == len(hospitals)


def test_an_opened_revision_after_the_migration_has_its_hospital():
    """The editor opens a product from its latest revision: written before the
    migration, it must still load."""
    migrate(BEFORE)
    screening = old_content(migrate(BEFORE))
    migrate(latest())  # the models as they are now
    from directory.models import ProductPage

    product = ProductPage.objects.get(pk=screening.pk)
    restored = product.revisions.order_by("pk").first().as_object()
    assert [record.hospital.title for record in restored.first_use_records.all()] == ["宗汉卫生院"]
