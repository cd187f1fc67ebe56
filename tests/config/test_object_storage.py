"""Media on S3-compatible object storage, against moto's S3 server on loopback:
what one app server writes, every other one reads, and privacy still holds."""

import io

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from config.settings.base import object_storage

pytestmark = pytest.mark.django_db
BUCKET = "portal-media"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_media(s3_server, settings, monkeypatch):
    """The settings the environment gives, pointed at the loopback server."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    environ = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": "us-east-1",
    }
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": object_storage(environ)}
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def stored_keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def png(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name="logo.png")


def test_no_bucket_means_local_files():
    assert object_storage({}) is None
    config = object_storage({"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ENDPOINT_URL": "http://x"})
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        config["OPTIONS"]["endpoint_url"] == "http://x" and config["OPTIONS"]["location"] == "media"
    )


def test_documents_and_images_land_in_the_bucket(s3_media, client):
    document = get_document_model().objects.create(
        title="目录原文件", file=ContentFile(b"%PDF-1.4 catalog", name="catalog.pdf")
    )
    image = get_image_model().objects.create(title="标志", file=png())
    rendition = image.get_rendition("max-20x20")
    keys = stored_keys(s3_media)
    assert f"media/{document.file.name}" in keys and f"media/{image.file.name}" in keys
    assert f"media/{rendition.file.name}" in keys
    assert default_storage.open(document.file.name).read() == b"%PDF-1.4 catalog"
    # Served through Django: any app server answers from the shared bucket.
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 catalog"
    assert rendition.url.startswith("http://127.0.0.1:")  # a signed bucket URL


def test_a_private_collections_document_stays_private(s3_media, client):
    private = Collection.get_first_root_node().add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="内部文件", collection=private, file=ContentFile(b"secret", name="secret.pdf")
    )
    assert f"media/{document.file.name}" in stored_keys(s3_media)
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_file_gone_from_the_bucket_is_a_404_not_a_500(s3_media, client):
    document = get_document_model().objects.create(
        title="已删除", file=ContentFile(b"gone", name="gone.pdf")
    )
    s3_media.delete_object(Bucket=BUCKET, Key=f"media/{document.file.name}")
    response = client.get(document.url)
    assert response.status_code == 404


def test_the_bucket_origin_is_allowed_for_images():
    from config.settings.base import object_storage_origins

    assert object_storage_origins({}) == []
    endpoint = {
        "AWS_STORAGE_BUCKET_NAME": "media",
        "AWS_S3_ENDPOINT_URL": "https://oss.example.cn/",
    }
    assert object_storage_origins(endpoint) == [
        "https://oss.example.cn",
        "https://media.oss.example.cn",
    ]
    domain = {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_CUSTOM_DOMAIN": "img.example.cn"}
    assert object_storage_origins(domain) == ["https://img.example.cn"]
