"""Run the search contract against both engines.

Elasticsearch: the server named by ELASTICSEARCH_URL, or else the
ES-compatible test server noida-db, started once per test session on a free
loopback port.
"""

import os
import uuid

import pytest

from directory.choices import DeviceClass, ProcurementStatus, ProductType, RecognitionKind
from directory.models import FirstSetRecognition
from search.engines import get_engine
from tests import factories
from tests.search import noida


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    url, stop = noida.start(tmp_path_factory.mktemp("noida"))
    yield url
    stop()


class EngineUnderTest:
    def __init__(self, name):
        self.name = name

    def sync(self):
        """Bring the engine up to date with what this test has written."""
        engine = get_engine()
        if self.name == "elasticsearch":
            engine.push_pending()
        return engine


@pytest.fixture(params=["embedded", "elasticsearch"])
def search_engine(request, settings):
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
        settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    else:
        settings.ELASTICSEARCH_URL = ""
    engine = get_engine()
    if request.param == "embedded":
        engine.reset()  # ids are reused after each test's rollback
    yield EngineUnderTest(request.param)
    if request.param == "elasticsearch":
        for index in engine.client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*"):
            engine.client.indices.delete(index=index)


@pytest.fixture
def catalogue(search_engine):
    """A small world: two enterprises, four products, one catalog."""
    dobi = factories.enterprise(title="宁波杜比医疗科技有限公司", region="慈溪市")
    dental = factories.enterprise(title="中山示例齿科器材有限公司", region="中山市")
    mammography = factories.product(
        dobi,
        title="数字乳腺X射线机",
        registration_no="浙械注准20202060456",
        device_class=DeviceClass.CLASS_2,
        procurement_status=ProcurementStatus.SUNSHINE,
    )
    screening = factories.product(
        dobi,
        title="乳腺癌筛查设备",
        device_class=DeviceClass.CLASS_2,
        intended_use="用于妇女两癌筛查",
        procurement_status=ProcurementStatus.OFFLINE,
    )
    petct = factories.product(
        dental,
        title="正电子发射断层扫描（PET-CT）系统",
        registration_no="国械注准20173061234",
        device_class=DeviceClass.CLASS_3,
        procurement_status=ProcurementStatus.CENTRALIZED,
    )
    handpiece = factories.product(
        dental,
        title="一次性牙科手机",
        registration_no="粤械注准20182170123",
        device_class=DeviceClass.CLASS_2,
        procurement_status=ProcurementStatus.SUNSHINE,
    )
    drug = factories.product(
        dental,
        title="示例复方丹参片",
        product_type=ProductType.DRUG,
        registration_no="国药准字Z44020211",
        procurement_status=ProcurementStatus.VBP_WINNER,
    )
    catalog = factories.catalog(
        title="首台（套）高端医疗装备产品目录", entries=[mammography, petct]
    )
    FirstSetRecognition.objects.create(
        page=mammography, kind=RecognitionKind.FIRST_SET, level="city"
    )
    mammography.save_revision().publish()
    search_engine.sync()
    return {
        "dobi": dobi,
        "dental": dental,
        "mammography": mammography,
        "screening": screening,
        "petct": petct,
        "handpiece": handpiece,
        "drug": drug,
        "catalog": catalog,
        "engine": search_engine,
    }
