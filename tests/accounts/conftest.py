"""Two enterprises, each with an editor, a product, an image and a document;
and a staff reviewer."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from accounts import invitations
from accounts.provisioning import ensure_access
from tests import factories


@dataclass
class Side:
    enterprise: object
    product: object
    editor: object
    image: object
    document: object
    draft: object


def make_side(name, key):
    enterprise = factories.enterprise(title=f"{name}企业有限公司")
    product = factories.product(enterprise, title=f"{name}产品")
    draft = factories.product(enterprise, title=f"{name}草稿产品", live=False)
    invitation = invitations.invite(f"editor-{key}@example.com", enterprise)
    invitations.accept(invitation, "a-long-Passw0rd!")
    collection = ensure_access(enterprise).collection
    image = get_image_model().objects.create(
        title=f"{name}图片", file=get_test_image_file(), collection=collection
    )
    document = get_document_model().objects.create(
        title=f"{name}文件", file=ContentFile(b"pdf", name="a.pdf"), collection=collection
    )
    return Side(enterprise, product, invitation.user, image, document, draft)


@pytest.fixture
def side_a(db):
    return make_side("甲", "a")


@pytest.fixture
def side_b(db):
    return make_side("乙", "b")


@pytest.fixture
def reviewer(db):
    user = User.objects.create_user("reviewer", "reviewer@example.com", "pw")
    user.groups.add(Group.objects.get(name="审核员"))
    return user


@pytest.fixture
def editor_client(client, side_a):
    client.force_login(side_a.editor)
    return client
