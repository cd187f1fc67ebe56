import json


def text_of(response):
    """The body as text, JSON decoded so that Chinese is not \\u-escaped."""
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body
