"""Hospitals named by the source letters, and the 首试首用 records they hold.

Only what 慈卫建〔2021〕15号 states: names, that the trials were in public
hospitals in 慈溪, the products, years and scope. It gives no levels (卫生院
is what the two health centres are called) and no exact days: a record's
start date is 1 January of the year the letter names, and the page says so.
"""

from demo.data import SEED_SOURCE_CX

SEED_HOSPITALS = [
    {
        "slug": "zonghan-health-centre",
        "title": "宗汉卫生院",
        "level": "township",
        "ownership": "public",
        "region": "慈溪市",
        "source": "cx",
        "description": (
            "<p>2017年，宁波杜比医疗科技有限公司生产研发的乳腺癌筛查设备率先在宗汉卫生院和白沙路"
            "卫生院的女性“两癌”筛查工作中试点使用。答复函将其列为在公立医院“首试首用”的例子。</p>"
        ),
    },
    {
        "slug": "baishalu-health-centre",
        "title": "白沙路卫生院",
        "level": "township",
        "ownership": "public",
        "region": "慈溪市",
        "source": "cx",
        "description": (
            "<p>2017年，宁波杜比医疗科技有限公司生产研发的乳腺癌筛查设备率先在宗汉卫生院和白沙路"
            "卫生院的女性“两癌”筛查工作中试点使用。答复函将其列为在公立医院“首试首用”的例子。</p>"
        ),
    },
    {
        "slug": "cixi-peoples-hospital",
        "title": "慈溪市人民医院",
        "level": "unstated",
        "ownership": "public",
        "region": "慈溪市",
        "source": "cx",
        "description": (
            "<p>答复函原文作“市人民医院”（慈溪市卫生健康局行文）。2018年以来，宁波市和平鸽口腔医疗器械"
            "有限公司自主研发和生产的一次性牙科手机在此“首试首用”，其后已在部分公立医院推广使用。"
            "级别原文未载明。</p>"
        ),
    },
]

YEAR_ONLY = "（原文只载明年份）"

# (product slug, hospital slug, year, scope)
SCREENING = "女性“两癌”筛查工作中试点使用"
SEED_FIRST_USE = [
    ("breast-cancer-screening-device", "zonghan-health-centre", 2017, SCREENING),
    ("breast-cancer-screening-device", "baishalu-health-centre", 2017, SCREENING),
    (
        "disposable-dental-handpiece",
        "cixi-peoples-hospital",
        2018,
        "首试首用，其后在部分公立医院推广使用",
    ),
]

SYNTHETIC_HOSPITAL = {
    "slug": "demo-peoples-hospital",
    "title": "示例：示例市人民医院（演示）",
    "level": "3a",
    "ownership": "public",
    "region": "中山市",
    "description": "<p>演示用的示例医疗机构，所列首试首用记录均为示例数据，非官方信息。</p>",
}

INDEX_INTRODUCTION = (
    "本地药品、医疗器械在这些医疗机构“首试首用”或推广使用。"
    "2020年慈溪市24家公立医院和5家较大规模民营医院参加年度医企对接会；"
    "2020年慈溪市各公立医院采购本地产医疗器械产品较2019年增长21.27%"
    f"（{SEED_SOURCE_CX}）。"
)
