"""Demo content for `manage.py load_demo`.

Two kinds of record live here and must never be confused:

- SEED_*: facts stated by the two reply letters in ../shared/seeds/ (中工信函〔2023〕47号 and
  慈卫建〔2021〕15号): catalog titles, 文号, dates, counts, enterprise names and events (the
  首试首用 hospitals are loaded by hospitals/demo_loading.py, policies by policies/). Each
  names its letter (`source`: a key of SEED_SOURCES). Where a model needs a value the letters
  do not give (a credit code, an exact day, a device class), the field is named in
  `placeholders` with a note; the record itself is not an example.
- SYNTHETIC_*: invented records for a realistic-looking directory, every title prefixed "示例：",
  all marked `is_example`.

Each record carries a `slug`, which is how the loader recognises it on a second run.
"""

import datetime

SEED_SOURCE_ZS = (
    "中山市工业和信息化局《关于市十六届人大三次会议第2023028号代表建议答复的函》"
    "（中工信函〔2023〕47号）"
)
SEED_SOURCE_CX = "慈溪市卫生健康局《对市十七届人大五次会议第276号建议的答复》（慈卫建〔2021〕15号）"

PLACEHOLDER_IDS = "统一社会信用代码等标识符为系统生成的占位数据，并非该企业的真实登记信息。"

# The letters as SourceDocument rows; records name them by key.
SEED_SOURCES = {
    "zs": {
        "title": "关于市十六届人大三次会议第2023028号代表建议答复的函",
        "issuing_body": "中山市工业和信息化局",
        "document_number": "中工信函〔2023〕47号",
        "issued_on": datetime.date(2023, 6, 20),
        "access_note": "原文标注“公开方式：不公开”，本平台未收录原文。",
    },
    "cx": {
        "title": "对市十七届人大五次会议第276号建议的答复",
        "issuing_body": "慈溪市卫生健康局",
        "document_number": "慈卫建〔2021〕15号",
        "issued_on": datetime.date(2021, 6, 30),
        "access_note": "本平台未收录原文链接。",
    },
}
# When the seed records were last checked against the letters' text.
VERIFIED_ON = datetime.date(2026, 11, 25)

PLACEHOLDER_CREDIT_CODE = "原文未载明，系统生成的占位代码，并非该企业的登记信息"
PLACEHOLDER_CLASS = "原文未载明管理类别，为占位数据"
PLACEHOLDER_USE = "原文未载明，按产品名称概括"

# --- catalogs ------------------------------------------------------------------------------

SEED_CATALOGS = [
    {
        "slug": "zs-drug-device-catalog-1",
        "title": "中山市药械生产企业及产品目录（第一期）",
        "kind": "enterprise_product",
        "issuing_body": "中山市市场监督管理局",
        "document_number": "中市监函〔2022〕1号",
        "published_on": datetime.date(2021, 12, 31),
        "declared_count": None,
        "declared_count_note": "原文未分列各期数量",
        "combined_with": "zs-drug-device-catalog-2",
        "source": "zs",
        "introduction": (
            "<p>《关于我市药械生产企业及产品目录的函》，2021年12月31日印发。"
            f"信息摘自{SEED_SOURCE_ZS}。目录条目尚未录入本平台。</p>"
        ),
    },
    {
        "slug": "zs-drug-device-catalog-2",
        "title": "中山市药械生产企业及产品目录（第二期）",
        "kind": "enterprise_product",
        "issuing_body": "中山市市场监督管理局",
        "document_number": "中市监函〔2022〕77号",
        "published_on": datetime.date(2022, 4, 7),
        "declared_count": 1196,
        "declared_count_note": "原文：目录中包括我市药品、医疗器械企业生产的1196个药械品种信息",
        "combined_with": "zs-drug-device-catalog-1",
        "source": "zs",
        "introduction": (
            "<p>《关于我市药械生产企业及产品目录（第二期）的函》，2022年4月7日印发。"
            f"信息摘自{SEED_SOURCE_ZS}。目录条目尚未录入本平台。</p>"
        ),
    },
    {
        "slug": "zs-recommended-2022",
        "title": "2022年度中山优质产品推荐目录",
        "kind": "recommended",
        "issuing_body": "中山市工业和信息化局",
        "document_number": "",
        # The letter gives the month only (2022-11) and a validity of three years.
        "published_on": datetime.date(2022, 11, 1),
        "valid_until": datetime.date(2025, 10, 31),
        "source": "zs",
        "placeholders": {
            "published_on": "原文只载明“2022年11月”",
            "valid_until": "原文载明有效期三年，未载明截止日期（本平台自2022年11月1日起算）",
        },
        "declared_count": 127,
        "declared_count_note": "127 家企业产品纳入目录，其中医药类企业 7 家、产品 13 种",
        "introduction": (
            "<p>2022年11月公布，有效期三年。原文仅载明公布月份，本平台按当月1日起算有效期。"
            "按该目录，鼓励和引导公立医疗机构对本土医药产品在同等条件下予以优先考量；"
            "但部分药品未纳入省采购平台集采项目，医疗机构只能线下采购和备案采购"
            "（药品线下采购占比不超过 5%，医用耗材备案采购金额不超过 20%）。"
            f"信息摘自{SEED_SOURCE_ZS}。</p>"
        ),
    },
    {
        "slug": "zs-first-set-medical-equipment",
        "title": "中山市首台（套）高端医疗装备产品目录",
        "kind": "first_set",
        "issuing_body": "中山市工业和信息化局等五部门",
        "document_number": "",
        # Not dated in the letter: recorded from the guidance it follows (June 2020).
        "published_on": datetime.date(2020, 6, 1),
        "source": "zs",
        "placeholders": {"published_on": "原文未载明目录发布日期（所依据的指导意见2020年6月出台）"},
        "declared_count": 7,
        "declared_count_note": "原文列举其中 3 个品种，其余 4 个未载明名称",
        "introduction": (
            "<p>依据《中山市促进首台（套）医疗器械和创新药物产品推广应用指导意见》"
            "（中工信〔2020〕214号，2020年6月出台）。原文未载明目录发布日期，本平台以指导意见"
            "出台时间记录。各级医疗卫生单位采取竞争性谈判、竞争性磋商、单一来源采购等方式采购时，"
            f"应优先采购首台（套）医疗器械产品。信息摘自{SEED_SOURCE_ZS}。</p>"
        ),
    },
    {
        "slug": "nb-three-firsts",
        "title": "宁波市“三首”产品推广应用指导目录",
        "kind": "first_set",
        "issuing_body": "宁波市有关部门（原文未载明）",
        "document_number": "",
        # Not dated in the letter: recorded on the date of the letter that mentions it.
        "published_on": datetime.date(2021, 6, 30),
        "source": "cx",
        "placeholders": {"published_on": "原文未载明（本平台以答复函日期记录）"},
        "declared_count": None,
        "declared_count_note": "",
        "introduction": (
            "<p>原文未载明发布单位和日期，本平台以答复函日期记录。据经信部门了解，"
            f"慈溪市医疗器械生产企业的产品尚未入选该目录。信息摘自{SEED_SOURCE_CX}。</p>"
        ),
    },
]

# --- seed enterprises and products ---------------------------------------------------------

# The three items the letter names in the 首台（套） catalog; it does not name their makers.
FIRST_SET_MAKER = {
    "slug": "zs-first-set-maker-placeholder",
    "title": "示例：首台（套）目录产品生产企业（原文未载明）",
    "region": "中山市",
    "description": (
        "<p>占位企业：中工信函〔2023〕47号列出了首台（套）高端医疗装备产品目录中的三个品种，"
        f"但未载明其生产企业，故暂归于此。{PLACEHOLDER_IDS}</p>"
    ),
    "products": [
        {
            "slug": "digital-mammography-x-ray",
            "title": "数字乳腺X射线机",
            "product_type": "device",
            "device_class": "3",
            "intended_use": "乳腺X射线摄影检查。",
            "first_set": True,
            "source": "zs",
        },
        {
            "slug": "epidemic-disinfection-robot",
            "title": "智能防疫消毒机器人",
            "product_type": "device",
            "device_class": "2",
            "intended_use": "医疗场所环境消毒。",
            "first_set": True,
            "source": "zs",
        },
        {
            "slug": "pet-ct-system",
            "title": "正电子发射断层扫描（PET-CT）系统",
            "product_type": "device",
            "device_class": "3",
            "model_spec": "PET-CT",
            "intended_use": "正电子发射断层扫描与X射线计算机断层扫描成像。",
            "first_set": True,
            "source": "zs",
        },
    ],
}

SEED_ENTERPRISES = [
    {
        "slug": "ningbo-dubi-medical",
        "title": "宁波杜比医疗科技有限公司",
        "short_name": "杜比医疗",
        "region": "慈溪市",
        "description": (
            "<p>2017年，其生产研发的乳腺癌筛查设备率先在宗汉卫生院和白沙路卫生院的女性"
            "“两癌”筛查工作中试点使用；2020年，慈溪市卫生健康局会同市委人才办、市妇联推动其"
            "最新研发升级的乳腺癌筛查设备在全市妇女两癌筛查、农民健康体检等检查中广泛试用。"
            f"事实摘自{SEED_SOURCE_CX}。</p>"
        ),
        "source": "cx",
        "products": [
            {
                "slug": "breast-cancer-screening-device",
                "title": "乳腺癌筛查设备",
                "product_type": "device",
                "device_class": "2",
                "intended_use": "女性乳腺癌筛查。",
                "source": "cx",
            }
        ],
    },
    {
        "slug": "ningbo-heping-dental",
        "title": "宁波市和平鸽口腔医疗器械有限公司",
        "short_name": "和平鸽口腔",
        "region": "慈溪市",
        "description": (
            "<p>自主研发和生产一次性牙科手机，2018年以来在慈溪市人民医院“首试首用”的基础上，"
            f"已在部分公立医院推广使用。事实摘自{SEED_SOURCE_CX}。</p>"
        ),
        "source": "cx",
        "products": [
            {
                "slug": "disposable-dental-handpiece",
                "title": "一次性牙科手机",
                "product_type": "device",
                "device_class": "2",
                "intended_use": "口腔科牙体治疗。",
                "source": "cx",
            }
        ],
    },
    {
        "slug": "xinhai-technology-group",
        "title": "新海科技集团有限公司",
        "short_name": "新海集团",
        "region": "慈溪市",
        "description": (
            "<p>慈溪市卫生健康局为其提供科研场地，组织临床医务人员和技术开发人员交流以促进产品"
            "改进和研发，并为其搭建与上海、杭州知名医疗专家的沟通交流平台，寻求更高层次医院与"
            f"专家层面的“首试首用”。事实摘自{SEED_SOURCE_CX}。</p>"
        ),
        "source": "cx",
        "products": [],
    },
]

# --- events --------------------------------------------------------------------------------


SEED_EVENTS = [
    {
        "slug": "zs-medical-industry-summit-2021",
        "title": "中山市首届医工合作高峰会",
        "event_type": "summit",
        "starts_at": (2021, 12, 15, 9),
        "hours": 8,
        "venue": "中山纪念图书馆",
        "organisers": "中山市卫生健康局、中山市工业和信息化局",
        "co_organisers": "中山市市场监督管理局、中山市医疗保障局、中山市科学技术局、开发区管委会",
        "hosts": "健康基地",
        "audience": "本市公立医疗机构与本地生物医药生产企业",
        "summary": (
            "2021年底经市政府同意召开，旨在加强公立医疗机构与本地优质生物医药生产企业对接交流，"
            "为科研课题研究、临床试验合作提供机会。"
        ),
        "source": "zs",
        "date_as_stated": "2021年底",
    },
    {
        "slug": "cx-hospital-enterprise-matchmaking-2020",
        "title": "服务本地医疗器械生产企业产业发展暨2020年度医企对接会",
        "event_type": "matchmaking",
        "starts_at": (2020, 9, 15, 9),
        "hours": 6,
        "venue": "中科院慈溪中心",
        "organisers": "慈溪市卫生健康局会同经信部门、慈溪医工所、慈溪市医疗器械行业协会",
        "co_organisers": "",
        "hosts": "",
        "audience": (
            "以广慈、慈北、新跃、汉科、蓝禾、赛诺微、乐康为代表的21家本地医疗器械生产企业，"
            "24家公立医院以及5家较大规模民营医院"
        ),
        "summary": (
            "已连续举办4年。企业家与院长专家面对面座谈交流，助推企业高质量复工复产；"
            "2020年慈溪市各公立医院采购本地产医疗器械产品较2019年增长21.27%。"
        ),
        "source": "cx",
        "date_as_stated": "2020年",
    },
    {
        "slug": "zs-udi-training-2023",
        "title": "医疗器械唯一标识（UDI）管理培训班",
        "event_type": "training",
        "starts_at": (2023, 3, 15, 9),
        "hours": 7,
        "venue": "",
        "organisers": "中山市医学会等社会团体",
        "co_organisers": "",
        "hosts": "",
        "audience": (
            "市内二级及以上公立医疗机构以及第三类医疗器械生产企业有关负责人，共计100多人参会"
        ),
        "summary": (
            "2023年3月，中山市市场监督管理局组织药械生产企业参加，依托培训搭建企业与医疗机构的"
            "沟通桥梁。"
        ),
        "source": "zs",
        "date_as_stated": "2023年3月",
    },
    {
        "slug": "zs-dental-devices-meeting-2023",
        "title": "口腔科器械生产企业高质量发展工作会议",
        "event_type": "meeting",
        "starts_at": (2023, 4, 14, 9),
        "hours": 4,
        "venue": "",
        "organisers": "中山市市场监督管理局、中山市医疗器械行业协会",
        "co_organisers": "",
        "hosts": "",
        "audience": "全市牙科膜片、烤瓷粉、印模材料、种植体等口腔科器械上下游企业",
        "summary": (
            "2023年4月召开，企业就自有产品、行业动态等方面深入交流合作，牵桥搭线帮助企业拓渠道、"
            "找市场、整资源、促合作。"
        ),
        "source": "zs",
        "date_as_stated": "2023年4月",
    },
]

# Upcoming events are synthetic: the letters only report past ones.
SYNTHETIC_EVENTS = [
    {
        "slug": "demo-matchmaking-upcoming",
        "title": "示例：年度医企对接会（演示）",
        "event_type": "matchmaking",
        "days_ahead": 30,
        "hours": 6,
        "venue": "示例会场",
        "organisers": "示例主办单位",
        "co_organisers": "示例协办单位",
        "hosts": "示例承办单位",
        "audience": "本地药械生产企业、公立医疗机构采购与临床人员",
        "summary": "演示用的活动通知，非官方信息。",
        "capacity": 200,
        "agenda": [
            ("09:00–09:30", "签到", ""),
            ("09:30–10:30", "本地药械产品推介", "示例企业代表"),
            ("10:30–12:00", "医企面对面座谈", "示例主持人"),
        ],
    },
    {
        "slug": "demo-training-postponed",
        "title": "示例：医疗器械注册与采购政策培训（演示）",
        "event_type": "training",
        "days_ahead": 60,
        "hours": 3,
        "status": "postponed",
        "venue": "示例培训中心",
        "organisers": "示例主办单位",
        "audience": "医疗器械生产企业有关负责人",
        "summary": "演示用的活动通知，非官方信息。",
    },
]

# --- synthetic directory -------------------------------------------------------------------

SYNTHETIC_CATALOGS = [
    {
        "slug": "demo-local-products",
        "title": "示例：本地药械产品目录（演示）",
        "kind": "enterprise_product",
        "published_on": datetime.date(2025, 1, 15),
    },
    {
        "slug": "demo-recommended",
        "title": "示例：优质产品推荐目录（演示）",
        "kind": "recommended",
        "published_on": datetime.date(2024, 7, 1),
        "valid_until": datetime.date(2027, 6, 30),
    },
    {
        "slug": "demo-first-set",
        "title": "示例：首台（套）与“三首”产品目录（演示）",
        "kind": "first_set",
        "published_on": datetime.date(2023, 5, 1),
    },
    {
        "slug": "demo-expired",
        "title": "示例：已过期的推荐目录（演示）",
        "kind": "recommended",
        "published_on": datetime.date(2019, 3, 1),
        "valid_until": datetime.date(2022, 2, 28),
    },
]

# (region, district, town, admin code for the synthetic credit code, province prefix)
REGIONS = [
    ("中山市", "", "火炬开发区", "442000", "粤"),
    ("中山市", "", "石岐街道", "442000", "粤"),
    ("中山市", "", "南朗街道", "442000", "粤"),
    ("中山市", "", "小榄镇", "442000", "粤"),
    ("慈溪市", "", "宗汉街道", "330282", "浙"),
    ("慈溪市", "", "浒山街道", "330282", "浙"),
    ("慈溪市", "", "周巷镇", "330282", "浙"),
    ("宁波市", "鄞州区", "", "330212", "浙"),
    ("宁波市", "北仑区", "", "330206", "浙"),
    ("宁波市", "海曙区", "", "330203", "浙"),
]

BRANDS = [
    "康岭",
    "瑞泽",
    "华仁",
    "悦济",
    "安澜",
    "博众",
    "明德",
    "恒睿",
    "普康",
    "德信",
    "舜宁",
    "禾安",
    "晟医",
    "慈远",
    "翠亨",
    "嘉业",
    "泓健",
    "卓瑞",
    "鸿润",
    "启元",
]
BUSINESSES = ["医疗器械有限公司", "生物科技有限公司", "制药有限公司", "医疗科技有限公司"]

# (name, product type, device class, category code, model/spec, intended use)
PRODUCT_TEMPLATES = [
    ("数字乳腺X射线摄影系统", "device", "3", "06", "DM-3000", "乳腺X射线摄影检查。"),
    ("乳腺超声诊断仪", "device", "2", "06", "BU-20", "乳腺超声检查。"),
    ("正电子发射断层扫描（PET-CT）系统", "device", "3", "06", "PET-CT 64", "全身断层成像。"),
    ("一次性使用牙科手机", "device", "2", "17", "高速气涡轮", "口腔科牙体治疗。"),
    ("口腔数字印模仪", "device", "2", "17", "IO-5", "口腔数字化取模。"),
    ("牙科种植体", "consumable", "3", "17", "Φ3.5–5.0 mm", "牙列缺损种植修复。"),
    ("牙科烤瓷粉", "consumable", "2", "17", "A1–D4 色系", "金属烤瓷修复体制作。"),
    ("一次性使用输液器", "consumable", "3", "14", "带针 0.7 mm", "静脉输液。"),
    ("医用外科口罩", "consumable", "2", "14", "17.5×9.5 cm", "临床医务人员基础防护。"),
    ("智能消毒机器人", "device", "2", "11", "DR-100", "医疗场所环境消毒。"),
    ("医用电子体温计", "device", "2", "07", "ET-2", "测量人体体温。"),
    ("电动病床", "device", "1", "15", "三功能", "病人卧床护理。"),
    ("医用棉签", "consumable", "1", "14", "10 cm", "皮肤消毒涂擦。"),
    ("血糖测试条", "ivd", "2", "22", "50 条/盒", "末梢血葡萄糖测定。"),
    ("新型冠状病毒抗原检测试剂盒", "ivd", "3", "22", "25 人份/盒", "病毒抗原定性检测。"),
    ("阿莫西林胶囊", "drug", "", "H", "0.25 g×24 粒", "敏感菌所致感染。"),
    ("板蓝根颗粒", "drug", "", "Z", "10 g×20 袋", "清热解毒。"),
    ("重组人干扰素注射液", "drug", "", "S", "1 ml:300 万 IU", "病毒性疾病辅助治疗。"),
    ("医疗器械检测与注册咨询服务", "service", "", "", "", "为生产企业提供检测与注册申报咨询。"),
    ("超声骨密度仪", "device", "2", "06", "BD-1", "骨密度测量。"),
]

PROCUREMENT_CYCLE = ["sunshine", "centralized", "vbp_winner", "vbp_candidate", "offline", "unknown"]
INSURANCE_CYCLE = ["covered", "not_covered", "unknown"]
