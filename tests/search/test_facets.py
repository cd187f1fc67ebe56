"""Facets mean one thing each: 首台（套） only, other recognitions and 医保 apart."""

import pytest

from directory.choices import MedicalInsurance, ProductType, RecognitionKind
from directory.models import FirstSetRecognition
from tests import factories
from tests.search.helpers import facet, search, titles

pytestmark = pytest.mark.django_db


def test_first_set_counts_only_first_set_recognitions(catalogue):
    drug = catalogue["drug"]
    FirstSetRecognition.objects.create(
        page=drug, kind=RecognitionKind.INNOVATIVE_DRUG, level="province"
    )
    drug.save_revision().publish()
    catalogue["engine"].sync()
    assert titles(search(first_set="true", kind="product")) == ["数字乳腺X射线机"]
    products = search(kind="product")
    assert facet(products, "first_set") == {"true": 1, "false": 4}
    assert facet(products, "recognition") == {"first_set": 1, "innovative_drug": 1}
    labels = {item["value"]: item["label"] for item in products["facets"]["recognition"]}
    assert labels == {"first_set": "首台（套）医疗装备", "innovative_drug": "创新药物"}
    assert titles(search(recognition="innovative_drug")) == ["示例复方丹参片"]
    item = search(q="丹参")["results"][0]
    assert item["first_set"] is False
    assert item["recognitions"] == [{"kind": "innovative_drug", "label": "创新药物"}]


def test_medical_insurance_is_a_facet(catalogue):
    factories.product(
        catalogue["dental"],
        title="示例医保胶囊",
        product_type=ProductType.DRUG,
        medical_insurance=MedicalInsurance.COVERED,
    )
    catalogue["engine"].sync()
    response = search(medical_insurance="covered")
    assert titles(response) == ["示例医保胶囊"]
    assert response["results"][0]["medical_insurance_label"] == "已纳入医保目录"
    values = {item["value"]: item for item in response["facets"]["medical_insurance"]}
    assert (values["covered"]["label"], values["covered"]["count"]) == ("已纳入医保目录", 1)


def test_a_catalog_label_is_never_a_bare_id(catalogue):
    catalog = catalogue["catalog"]
    catalog.unpublish()
    labels = [item["label"] for item in search()["facets"]["catalog"]]
    assert str(catalog.pk) not in labels


@pytest.mark.parametrize("params", [{"recognition": "nobel"}, {"medical_insurance": "maybe"}])
def test_unknown_facet_values_are_refused(catalogue, client, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert "无效" in response.json()["error"]
