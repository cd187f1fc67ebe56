"""Names in pinyin order, in the directory's index too."""

import pytest
from lxml import html as lxml_html

from core.ordering import sorted_by_pinyin
from tests import factories


def test_names_sort_by_pinyin_not_code_point():
    names = ["中山大翔", "宁波杜比", "安徽医疗", "北京康泰", "长春生物", "PET公司", "重庆药业"]
    assert sorted_by_pinyin(names) == [
        "安徽医疗",
        "北京康泰",
        "长春生物",
        "重庆药业",
        "宁波杜比",
        "PET公司",
        "中山大翔",
    ]


@pytest.mark.django_db
def test_directory_index_lists_enterprises_in_pinyin_order_and_only_public_ones(client):
    for title in ("中山大翔医疗", "宁波杜比医疗", "安徽示例医疗", "北京示例医疗"):
        factories.enterprise(title=title)
    factories.enterprise(title="阿草稿企业", live=False)
    tree = lxml_html.fromstring(client.get("/enterprises/").content.decode())
    names = [a.text_content() for a in tree.xpath("//ul[@class='plain-list']/li/a")]
    assert names == ["安徽示例医疗", "北京示例医疗", "宁波杜比医疗", "中山大翔医疗"]

    # A rename is sorted afresh at once.
    renamed = factories.enterprise(title="张家港示例")
    renamed.title = "白云示例"
    renamed.save_revision().publish()
    tree = lxml_html.fromstring(client.get("/enterprises/").content.decode())
    names = [a.text_content() for a in tree.xpath("//ul[@class='plain-list']/li/a")]
    assert names[:3] == ["安徽示例医疗", "白云示例", "北京示例医疗"]
