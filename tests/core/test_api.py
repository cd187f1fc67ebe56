"""The API plumbing every endpoint shares: the schema matches the URL conf,
unknown paths are 404s, one page rule for /api/v1/ and /api/search/."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.api import MAX_PAGE, MAX_PAGE_SIZE, ParameterError, page_params

pytestmark = pytest.mark.django_db

NOT_DOCUMENTED = {"openapi", "unknown"}  # the schema itself, the 404 fallback


def api_routes():
    """OpenAPI paths of every named view under /api/v1/ in the URL conf."""
    (api,) = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    ]
    for pattern in api.url_patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name in NOT_DOCUMENTED:
            continue
        yield "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))


def test_every_url_in_the_url_conf_is_in_the_schema_and_back(client):
    schema = client.get("/api/v1/openapi.json").json()
    routes = set(api_routes())
    assert len(routes) >= 9
    assert routes == set(schema["paths"])
    assert schema["servers"] == [{"url": "/api/v1"}]


def test_the_root_lists_every_endpoint_and_each_answers(client):
    body = client.get("/api/v1/").json()
    assert body["openapi"] == "/api/v1/openapi.json"
    assert set(body["endpoints"]) == {"enterprises", "products", "catalogs", "events"}
    for url in body["endpoints"].values():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "path", ["/api/v1/nope", "/api/v1/nope/", "/api/v1/products/1/x", "/api/v1/products/-1"]
)
def test_an_unknown_path_is_a_json_404_never_a_redirect(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "接口不存在" in response.json()["error"]


def test_a_slashed_endpoint_redirects_once_to_its_canonical_path(client):
    response = client.get("/api/v1/products/", {"page": "2"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/products?page=2"
    assert client.get("/api/v1/events/7/")["Location"] == "/api/v1/events/7"
    assert client.get("/api/v1/products", {"page": "2"}).status_code == 200


def test_writes_are_refused_in_chinese(client):
    response = client.post("/api/v1/products", {})
    assert response.status_code == 405
    assert "POST" in response.json()["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "abc"},
        {"page": " 1"},
        {"page": "١"},  # an Arabic-Indic digit is not a page number
        {"page": str(MAX_PAGE + 1)},
        {"page_size": str(MAX_PAGE_SIZE + 1)},
        {"page_size": "-1"},
        {"page": "99999999999999999999"},
    ],
)
def test_one_page_rule_for_both_apis(client, params):
    with pytest.raises(ParameterError) as rule:
        page_params(params)
    for url in ("/api/v1/products", "/api/v1/catalogs", "/api/search/"):
        response = client.get(url, params)
        assert response.status_code == 400, url
        assert response.json()["error"] == str(rule.value), url


def test_page_rule_defaults():
    assert page_params({}) == (1, 20)
    assert page_params({"page": "3", "page_size": "100"}) == (3, 100)
