"""Catalog entries a user who may not publish imports wait for the catalog's review."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import WorkflowState

from directory.choices import EntryReview
from directory.models import CatalogEntry, CatalogPage, ProductPage
from directory.spreadsheets import write_csv
from tests.directory.test_downloads import download, text_of
from tests.directory.test_import import good_rows
from tests.directory.test_import_lifecycle import TITLE, run
from tests.search.helpers import search, titles

pytestmark = pytest.mark.django_db
PROPOSED = "数字乳腺X射线机"


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def catalog():
    """A public catalog without the mammography machine, which is public in another."""
    run(good_rows()[1:])
    run(good_rows()[:1], catalog_title="其他目录")
    return CatalogPage.objects.get(title=TITLE)


def _public_texts(client, catalog):
    """What the public reads of the catalog, its entries and the machine's catalogs."""
    product = ProductPage.objects.get(title=PROPOSED)
    texts = {
        "catalog page": client.get(catalog.url).content.decode(),
        "api catalog": client.get(f"/api/v1/catalogs/{catalog.pk}").content.decode(),
        "api products": client.get(f"/api/v1/products?catalog={catalog.pk}").content.decode(),
        "search": " ".join(titles(search(catalog=str(catalog.pk)))),
    }
    for file_format in ("csv", "xlsx"):
        texts[file_format] = text_of(download(client, catalog, file_format), file_format)
    texts["product page"] = client.get(product.url).content.decode()
    texts["api product"] = client.get(f"/api/v1/products/{product.pk}").content.decode()
    (document,) = search(q=PROPOSED, kind="product")["results"]
    texts["search document"] = str(document["catalogs"])
    return texts


def assert_listed(client, catalog, listed):
    for name, text in _public_texts(client, catalog).items():
        where = TITLE if name in ("product page", "api product", "search document") else PROPOSED
        assert (where in text) is listed, f"{name}: {where}"
    counts = client.get("/api/v1/catalogs").json()["results"]
    assert {c["id"]: c["entry_count"] for c in counts}[catalog.pk] == (4 if listed else 3)


def _machine_entry(catalog):
    return CatalogEntry.objects.filter(catalog=catalog, product__title=PROPOSED)


def _review(admin_client, catalog, action):
    state = catalog.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[catalog.pk, action, state.pk])
    assert admin_client.post(url, {"comment": "不在原文件中"}).status_code in (200, 302)
    catalog.refresh_from_db()


def test_an_editors_import_proposes_the_entry_and_approval_brings_it_in(
    client, admin_client, editor, catalog, search_engine
):
    report = run(good_rows(), user=editor)
    assert report.ok and report.moderated, report.summary_lines()
    assert report.proposed == [f"产品：{PROPOSED}"]
    assert "待审核加入目录 1 条（目录页面审核通过后生效）" in report.summary_lines()
    assert (
        _machine_entry(catalog).get().review == EntryReview.ADDITION
        and catalog.workflow_in_progress
    )
    search_engine.sync()
    assert_listed(client, catalog, listed=False)

    again = run(good_rows(), user=editor)  # the same file: the same single proposal
    assert again.proposed == [f"产品：{PROPOSED}"] and again.entries["created"] == 0
    assert CatalogEntry.objects.filter(catalog=catalog).count() == 4
    assert WorkflowState.objects.filter(object_id=str(catalog.pk)).count() == 1
    # The reviewer sees it marked, on the catalog's form and in the entries list.
    form = admin_client.get(f"/admin/pages/{catalog.pk}/edit/").content.decode()
    assert 'id="proposed-entries"' in form and PROPOSED in form
    listing = admin_client.get(f"/admin/catalog_entries/?catalog={catalog.pk}&review=addition")
    assert PROPOSED in listing.content.decode() and "待审核" in listing.content.decode()

    _review(admin_client, catalog, "approve")
    assert (
        not catalog.workflow_in_progress
        and _machine_entry(catalog).get().review == EntryReview.IN_FORCE
    )
    search_engine.sync()
    assert_listed(client, catalog, listed=True)
    form = admin_client.get(f"/admin/pages/{catalog.pk}/edit/").content.decode()
    assert 'id="proposed-entries"' not in form


def test_a_rejected_entry_never_appears_even_after_a_later_publish(
    client, admin_client, admin_user, editor, catalog, search_engine
):
    run(good_rows(), user=editor)
    _review(admin_client, catalog, "reject")
    assert not _machine_entry(catalog).exists()
    catalog.save_revision(user=admin_user).publish(user=admin_user)  # a staff edit, later
    assert not _machine_entry(catalog).exists()
    search_engine.sync()
    assert_listed(client, catalog, listed=False)
    # Imported again, it is a new proposal and the review resumes.
    assert run(good_rows(), user=editor).proposed == [f"产品：{PROPOSED}"]
    catalog.refresh_from_db()
    assert catalog.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_publish_by_staff_during_review_brings_the_entry_in(admin_user, editor, catalog):
    run(good_rows(), user=editor)
    catalog.refresh_from_db()
    catalog.save_revision(user=admin_user).publish(user=admin_user)  # cancels the workflow
    assert not catalog.workflow_in_progress
    assert _machine_entry(catalog).get().review == EntryReview.IN_FORCE


def test_a_cancelled_review_discards_the_proposal(editor, catalog):
    run(good_rows(), user=editor)
    catalog.current_workflow_state.cancel(user=editor)
    assert not _machine_entry(catalog).exists()
    assert CatalogEntry.objects.filter(catalog=catalog).count() == 3


def test_a_publishing_users_import_lists_entries_at_once(client, admin_user, catalog):
    report = run(good_rows(), user=admin_user)
    assert report.ok and not report.moderated and report.proposed == []
    assert not any(line.startswith("待审核") for line in report.summary_lines())
    assert _machine_entry(catalog).get().review == EntryReview.IN_FORCE
    assert PROPOSED in client.get(catalog.url).content.decode()


def test_a_publishing_import_of_a_proposed_entry_brings_it_in(client, admin_user, editor, catalog):
    run(good_rows(), user=editor)
    report = run(good_rows(), user=admin_user)
    assert (
        report.entries["created"] == 1
        and _machine_entry(catalog).get().review == EntryReview.IN_FORCE
    )
    assert PROPOSED in client.get(catalog.url).content.decode()


def test_a_moderated_import_leaves_the_order_in_force_alone(editor, catalog):
    before = list(catalog.get_entries().values_list("pk", "sort_order"))
    rows = good_rows()
    run([rows[0], rows[2], rows[1], rows[3]], user=editor)
    assert list(catalog.get_entries().values_list("pk", "sort_order")) == before


def test_the_admin_preview_lists_proposed_entries(client, editor, catalog):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="add_catalogentry"))
    client.force_login(editor)
    data = {"catalog_title": TITLE, "catalog_kind": "enterprise_product"}
    data["file"] = SimpleUploadedFile("a.csv", write_csv(good_rows()), content_type="text/csv")
    text = client.post("/admin/directory/import/", data).content.decode()
    assert 'id="import-proposed"' in text and "待审核加入目录 1 条" in text
    assert f"产品：{PROPOSED}（待审核）" in text
    assert not _machine_entry(catalog).exists()  # the preview was rolled back


def test_the_entries_list_takes_a_bad_review_filter_without_error(admin_client, catalog):
    for value in ("乱码", "2", "<script>", ""):
        response = admin_client.get(f"/admin/catalog_entries/?review={value}")
        assert response.status_code == 200, value


REMOVED = "慈溪示例医疗科技有限公司"


def _removal(catalog):
    return CatalogEntry.objects.filter(catalog=catalog, enterprise__title=REMOVED)


def test_an_editors_replace_proposes_removals_that_approval_carries_out(
    client, admin_client, editor, catalog
):
    report = run(good_rows()[1:3], user=editor, replace=True)
    assert report.ok and report.removed == [f"企业：{REMOVED}"], report.summary_lines()
    assert "待审核移除 1" in report.summary_lines()[3]
    assert _removal(catalog).get().review == EntryReview.REMOVAL
    assert REMOVED in client.get(catalog.url).content.decode()  # in force until approved
    form = admin_client.get(f"/admin/pages/{catalog.pk}/edit/").content.decode()
    assert "待审核移除" in form and REMOVED in form
    _review(admin_client, catalog, "approve")
    assert not _removal(catalog).exists()
    assert REMOVED not in client.get(catalog.url).content.decode()


def test_a_rejected_removal_keeps_the_entry_through_a_later_publish(
    client, admin_client, admin_user, editor, catalog
):
    run(good_rows()[1:3], user=editor, replace=True)
    _review(admin_client, catalog, "reject")
    assert _removal(catalog).get().review == EntryReview.IN_FORCE
    catalog.save_revision(user=admin_user).publish(user=admin_user)
    assert _removal(catalog).get().review == EntryReview.IN_FORCE
    assert REMOVED in client.get(catalog.url).content.decode()


def test_listing_an_entry_again_withdraws_its_proposed_removal(editor, catalog):
    run(good_rows()[1:3], user=editor, replace=True)
    report = run(good_rows()[1:], user=editor, replace=True)
    assert report.removed == [] and _removal(catalog).get().review == EntryReview.IN_FORCE


def test_the_admin_preview_lists_proposed_removals_as_pending(client, editor, catalog):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="add_catalogentry"))
    client.force_login(editor)
    data = {"catalog_title": TITLE, "catalog_kind": "enterprise_product", "replace": "on"}
    data["file"] = SimpleUploadedFile("a.csv", write_csv(good_rows()[1:3]), content_type="text/csv")
    text = client.post("/admin/directory/import/", data).content.decode()
    assert "待审核移除 1 条" in text and f"企业：{REMOVED}（待审核移除）" in text
    assert text.index("import-removals") < text.index("import-summary")
    assert _removal(catalog).get().review == EntryReview.IN_FORCE  # rolled back
