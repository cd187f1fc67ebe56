"""Two enterprises with editors (from tests/accounts), a reviewer, and a
request of each enterprise with an attachment."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assistance import handling
from assistance.models import AssistanceRequest, RequestKind
from tests.accounts.conftest import editor_client, reviewer, side_a, side_b  # noqa: F401

PDF = b"%PDF-1.4\n%secret\n"


def make_request(side, message):
    assistance_request = AssistanceRequest(
        enterprise=side.enterprise, kind=RequestKind.PLATFORM_LISTING, message=message
    )
    upload = SimpleUploadedFile(f"{side.enterprise.title}-材料.pdf", PDF)
    handling.submit(assistance_request, [upload], side.editor)
    assistance_request.products.set([side.product])
    return assistance_request


@pytest.fixture
def request_a(side_a):  # noqa: F811 (the fixture imported above)
    return make_request(side_a, "甲企业请求协助挂网")


@pytest.fixture
def request_b(side_b):  # noqa: F811
    return make_request(side_b, "乙企业的保密申报说明")
