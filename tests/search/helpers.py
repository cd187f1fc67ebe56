"""Shorthands for the search tests."""

from search import service
from search.query import parse


def search(**params):
    return service.run(parse(params))


def titles(response):
    return [item["title"] for item in response["results"]]


def facet(response, name):
    return {item["value"]: item["count"] for item in response["facets"][name]}
