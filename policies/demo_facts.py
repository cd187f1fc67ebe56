"""Facts the letters state that the directory's seed content leaves out.

- 宁波市重点自主创新产品, a programme of 宁波市科技局: a catalog whose entries
  the letter does not list;
- the yearly adverse-event work meeting in 慈溪: an event notice;
- the seven makers 慈卫建〔2021〕15号 names by short name at the 2020 对接会:
  matched to enterprise records, or recorded as placeholders when none exists;
- that meeting's 24 public and 5 private hospitals and the +21.27 % purchase
  figure, written onto the meeting's own page with links to the makers.

Each names the letter it comes from; whatever the letter leaves out is a
placeholder field with a note.
"""

import datetime

from django.db.models import Q

from demo.data import PLACEHOLDER_CREDIT_CODE, SEED_SOURCE_CX
from demo.loading import SHANGHAI, demo_credit_code, provenance, publish_once
from directory.models import CatalogIndexPage, CatalogPage, DirectoryIndexPage, EnterprisePage
from events.models import EventIndexPage, EventPage

NINGBO_INNOVATION_CATALOG = {
    "slug": "nb-key-independent-innovation-products",
    "title": "宁波市重点自主创新产品",
    "kind": "other",
    "issuing_body": "宁波市科学技术局",
    # Not dated in the letter: recorded on the date of the letter that mentions it.
    "published_on": datetime.date(2021, 6, 30),
    "declared_count": None,
    "declared_count_note": "入选产品名单原文未载明，本平台未录入条目",
    "introduction": (
        "<p>慈溪市科技部门以宁波市重点自主创新产品为抓手，重点面向科技型中小企业、高新技术企业等"
        "自主研发创新实力较强的企业，挖掘在技术上具有重大突破、在性能上具有重大改进，有效解决产业"
        "发展中的“卡脖子”技术且已完成中试、即将进入产业化或者小规模试制的产品。入选的产品，宁波市"
        "科技局将推荐至有关单位，在国有投资工程、政府采购项目的招投标时给予支持。</p>"
        "<p>原文未载明发布日期、文号和入选产品名单：本平台以答复函日期（2021年6月30日）记录，"
        f"目录条目未录入。信息摘自{SEED_SOURCE_CX}。</p>"
    ),
}

ADVERSE_EVENT_MEETING = {
    "slug": "cx-adverse-event-annual-meeting",
    "title": "药品医疗器械不良反应（事件）年度工作会议（每年召开）",
    "event_type": "meeting",
    "organisers": "慈溪市市场监督管理局、慈溪市卫生健康局",
    "audience": "慈溪市镇级及以上医疗机构、民营医院",
    "summary": (
        "每年由市场监管部门与慈溪市卫生健康局联合召开，定期通报慈溪市医疗器械不良事件收集上报"
        "情况。慈溪市医疗器械生产企业均已加入国家医疗器械不良事件监测信息系统。"
    ),
    "body": f"<p>每年召开的例行工作会议，原文未载明举办日期和会场。信息摘自{SEED_SOURCE_CX}。</p>",
}

# In the order the letter lists them.
CIXI_MAKERS = ["广慈", "慈北", "新跃", "汉科", "蓝禾", "赛诺微", "乐康"]
MATCHMAKING_2020 = "cx-hospital-enterprise-matchmaking-2020"
ATTENDANCE_HEADING = "参会情况（摘自答复函）"


def load():
    created = {"fact_catalogs": 0, "fact_events": 0, "fact_enterprises": 0}
    catalog = CatalogPage(
        **NINGBO_INNOVATION_CATALOG,
        **provenance("cx", published_on="原文未载明（本平台以答复函日期记录）"),
    )
    _, is_new = publish_once(CatalogIndexPage.objects.get(), catalog)
    created["fact_catalogs"] += is_new
    created["fact_events"] += add_adverse_event_meeting()
    meeting = EventPage.objects.filter(slug=MATCHMAKING_2020).first()
    makers = [match_maker(created, short_name, meeting) for short_name in CIXI_MAKERS]
    if meeting is not None:
        record_attendance(meeting, makers)
    return created


def add_adverse_event_meeting():
    starts_at = datetime.datetime(2021, 1, 15, 9, tzinfo=SHANGHAI)  # placeholder day
    page = EventPage(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        **ADVERSE_EVENT_MEETING,
        **provenance("cx", starts_at="原文只载明“每年”召开，未载明具体日期", ends_at="原文未载明"),
    )
    _, is_new = publish_once(EventIndexPage.objects.get(), page)
    return is_new


def makers_named(short_name):
    """慈溪 enterprises the short name can mean: by short name, or in the full name."""
    return (
        EnterprisePage.objects.filter(region="慈溪市")
        .filter(Q(short_name=short_name) | Q(title__contains=short_name))
        .exclude(title__startswith="示例：")
    )


def match_maker(created, short_name, meeting):
    existing = makers_named(short_name).order_by("pk").first()
    if existing is not None:
        return existing
    link = f'<a linktype="page" id="{meeting.pk}">{meeting.title}</a>' if meeting else "该对接会"
    number = CIXI_MAKERS.index(short_name) + 1
    page = EnterprisePage(
        slug=f"cixi-maker-{number}",
        title=f"{short_name}（简称，全称原文未载明）",
        short_name=short_name,
        region="慈溪市",
        credit_code=demo_credit_code("330282", 200 + number),
        description=(
            f"<p>慈溪市本地医疗器械生产企业，答复函以简称“{short_name}”列举为参加{link}的"
            f"21家本地医疗器械生产企业的代表之一。企业全称原文未载明。信息摘自{SEED_SOURCE_CX}。</p>"
        ),
        **provenance("cx", credit_code=PLACEHOLDER_CREDIT_CODE),
    )
    enterprise, is_new = publish_once(DirectoryIndexPage.objects.get(), page)
    created["fact_enterprises"] += is_new
    return enterprise


def record_attendance(meeting, makers):
    """Write who came and what followed onto the meeting's page, once."""
    if ATTENDANCE_HEADING in meeting.body:
        return
    links = "、".join(
        f'<a linktype="page" id="{maker.pk}">{short}</a>'
        for short, maker in zip(CIXI_MAKERS, makers, strict=True)
    )
    draft = meeting.get_latest_revision_as_object()
    draft.body += (
        f"<h3>{ATTENDANCE_HEADING}</h3><ul>"
        f"<li>本地医疗器械生产企业21家，答复函列举其中7家（简称）：{links}。</li>"
        "<li>慈溪市公立医院24家、较大规模民营医院5家；医院名单原文未载明。</li>"
        "<li>已连续举办4年。</li>"
        "<li>受疫情影响各大医院业务量均大幅下滑，但2020年慈溪市各公立医院采购本地产医疗器械产品"
        "仍较2019年增长21.27%，超额完成年度任务目标。</li></ul>"
        f"<p>信息摘自{SEED_SOURCE_CX}。</p>"
    )
    draft.save_revision().publish()
