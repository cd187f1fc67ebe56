import datetime

import pytest
from django.core.exceptions import ValidationError

from directory.choices import DeviceClass, ProductType, Validity
from tests import factories

pytestmark = pytest.mark.django_db


def refused_fields(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_bad_credit_code_is_refused_on_its_field():
    enterprise = factories.enterprise()
    enterprise.credit_code = enterprise.credit_code[:17] + (
        "0" if enterprise.credit_code[17] != "0" else "1"
    )
    assert "credit_code" in refused_fields(enterprise)


def test_good_credit_code_is_accepted_and_normalised():
    enterprise = factories.enterprise()
    canonical = enterprise.credit_code
    enterprise.credit_code = "".join(chr(ord(c) + 0xFEE0) for c in canonical.lower())
    enterprise.full_clean()
    assert enterprise.credit_code == canonical


def test_bad_registration_shape_is_refused():
    product = factories.product()
    product.registration_no = "械注准2020"
    assert "registration_no" in refused_fields(product)


def test_device_without_class_is_refused():
    product = factories.product()
    product.device_class = ""
    assert "device_class" in refused_fields(product)


def test_drug_with_device_class_is_refused():
    product = factories.product(product_type=ProductType.DRUG)
    product.device_class = DeviceClass.CLASS_2
    assert "device_class" in refused_fields(product)


def test_drug_number_on_a_device_is_refused():
    product = factories.product()
    product.registration_no = "国药准字H20000001"
    assert "registration_no" in refused_fields(product)


def test_filing_number_on_class_three_is_refused():
    product = factories.product(device_class=DeviceClass.CLASS_3)
    product.registration_no = "粤中械备20150012号"
    assert "registration_no" in refused_fields(product)


def test_registration_class_must_match_device_class():
    product = factories.product(device_class=DeviceClass.CLASS_2)
    product.registration_no = "国械注准20173221234"  # encodes class III
    assert "registration_no" in refused_fields(product)


@pytest.mark.parametrize(
    ("product_type", "device_class", "number"),
    [
        (ProductType.DEVICE, DeviceClass.CLASS_2, "粤械注准20182010123"),
        (ProductType.DEVICE, DeviceClass.CLASS_3, "国械注准20173221234"),
        (ProductType.CONSUMABLE, DeviceClass.CLASS_1, "粤中械备20150012号"),
        (ProductType.DRUG, "", "国药准字H20000001"),
        (ProductType.SERVICE, "", ""),
    ],
)
def test_good_product_values_are_accepted(product_type, device_class, number):
    product = factories.product(product_type=product_type, device_class=device_class)
    product.registration_no = number
    product.full_clean()


def test_catalog_valid_until_before_published_on_is_refused():
    catalog = factories.catalog()
    catalog.valid_until = catalog.published_on - datetime.timedelta(days=1)
    assert "valid_until" in refused_fields(catalog)


def test_catalog_validity_is_computed_from_the_given_day():
    catalog = factories.catalog(
        published_on=datetime.date(2022, 11, 1), valid_until=datetime.date(2025, 10, 31)
    )
    assert catalog.validity_on(datetime.date(2022, 10, 31)) == Validity.PENDING
    assert catalog.validity_on(datetime.date(2022, 11, 1)) == Validity.CURRENT
    assert catalog.validity_on(datetime.date(2025, 10, 31)) == Validity.CURRENT
    assert catalog.validity_on(datetime.date(2025, 11, 1)) == Validity.EXPIRED


def test_catalog_without_end_stays_current():
    catalog = factories.catalog(published_on=datetime.date(2021, 12, 31))
    assert catalog.validity_on(datetime.date(2040, 1, 1)) == Validity.CURRENT


def test_event_ending_before_it_starts_is_refused():
    event = factories.event()
    event.ends_at = event.starts_at - datetime.timedelta(hours=1)
    assert "ends_at" in refused_fields(event)


def test_event_with_sane_times_is_accepted():
    factories.event().full_clean()
