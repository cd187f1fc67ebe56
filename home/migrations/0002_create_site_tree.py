"""Create the home page and its three section indexes, replacing Wagtail's welcome page."""

from django.db import migrations

SECTIONS = [
    ("directory", "directoryindexpage", "企业与产品名录", "enterprises"),
    ("directory", "catalogindexpage", "目录", "catalogs"),
    ("events", "eventindexpage", "活动", "events"),
]


def create_site_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", slug="home").delete()
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="本地药械信息公开平台",
        draft_title="本地药械信息公开平台",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        locale=locale,
        path="00010001",
        depth=2,
        numchild=len(SECTIONS),
        url_path="/home/",
        introduction="汇集本地药品、医疗器械生产企业与产品，以及推荐目录、首台（套）产品和医企对接活动。",
    )
    for number, (app_label, model_name, title, slug) in enumerate(SECTIONS, start=1):
        model = apps.get_model(app_label, model_name)
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=ContentType.objects.get_for_model(model),
            locale=locale,
            path=f"00010001{number:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
        )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="本地药械信息公开平台",
    )


def remove_site_tree(apps, schema_editor):
    apps.get_model("wagtailcore.Page").objects.filter(path__startswith="00010001").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_home_page"),
        ("directory", "0001_enterprises_products_catalogs"),
        ("events", "0001_events"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_tree, remove_site_tree)]
