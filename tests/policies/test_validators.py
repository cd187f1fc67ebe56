import pytest
from django.core.exceptions import ValidationError

from policies.validators import normalize_document_number, validate_document_number


@pytest.mark.parametrize(
    "number",
    ["中工信〔2020〕214号", "浙医保发〔2021〕10号", "慈卫建〔2021〕15号", "中市监函〔2022〕1号"],
)
def test_official_numbers_pass(number):
    validate_document_number(number)
    assert normalize_document_number(number) == number


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("中工信〔2020〕214 号", "中工信〔2020〕214号"),  # as the letter prints it
        ("中工信[2020]214号", "中工信〔2020〕214号"),
        ("浙医保发（2021）10号", "浙医保发〔2021〕10号"),
        ("浙医保发【2021】10号", "浙医保发〔2021〕10号"),
        (" 慈市监管 (2020) 3号 ", "慈市监管〔2020〕3号"),
    ],
)
def test_bracket_and_space_variants_are_written_officially(written, official):
    assert normalize_document_number(written) == official
    validate_document_number(written)


@pytest.mark.parametrize(
    "number",
    [
        "214号",  # no issuer or year
        "中工信2020214号",  # no brackets
        "中工信〔20〕214号",  # two-digit year
        "中工信〔2020〕号",  # no serial
        "中工信〔2020〕214",  # no 号
        "ZGX〔2020〕214号",  # issuer not in Chinese
        "中工信〔1900〕214号",  # before 1949
        "中工信〔2999〕214号",  # the future
        "中工信〔2020〕214号<script>",
    ],
)
def test_bad_numbers_are_refused_in_chinese(number):
    with pytest.raises(ValidationError) as error:
        validate_document_number(number)
    assert "文号" in str(error.value)
