"""Staff meet the admin in Chinese, from its first page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_admin_login_page_has_no_english_words(client):
    response = client.get("/admin/login/")
    html = response.content.decode()
    text = visible_text(html)
    english = set(re.findall(r"[A-Za-z]{3,}", text)) - {"JavaScript"}
    assert english == set(), text
    assert "<title>登录 - 本地药械信息公开平台</title>" in html
    assert "密码" in text and "登录管理后台" in text


def test_a_wrong_password_is_refused_in_chinese(client):
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert (
        re.search(
            r"[A-Za-z]{4,}", visible_text(response.content.decode()).replace("JavaScript", "")
        )
        is None
    )
