"""Policy documents the two source letters name, as the letters state them.

Every record is real (not `is_example`): its title, 文号, issuing bodies and
dates are the letter's own words, its summary restates only what the letter
says, and `source` names the letter (a key of demo.data.SEED_SOURCES). What
a letter leaves out (a 文号, an exact day, an end date) stays empty and shows
as 未载明; a date the letter gives by month only is stored as the 1st with
`issued_precision="month"`.
"""

import datetime

EXCERPT = "以下摘自答复函，非文件原文："

SEED_POLICIES = [
    {
        "slug": "zs-first-set-guidance-2020",
        "title": "关于印发中山市促进首台（套）医疗器械和创新药物产品推广应用指导意见的通知",
        "document_number": "中工信〔2020〕214号",
        "issuing_bodies": [
            "中山市工业和信息化局",
            "中山市卫生健康局",
            "中山市市场监督管理局",
            "中山市财政局",
            "中山市发展和改革局",
        ],
        "issued_on": datetime.date(2020, 6, 1),
        "issued_precision": "month",
        "summary": (
            "中山市五部门2020年6月出台的指导意见，支持首台（套）医疗器械和创新药物产品在本地推广应用。"
            "各级医疗卫生单位以竞争性谈判、竞争性磋商、单一来源采购等方式采购时，应优先采购首台（套）"
            "医疗器械产品；三甲、三乙综合性医院新增第三台及以后与首台（套）相同品目或品类的医疗设备，"
            "以及基层和其他医疗机构配置相同品目或品类的医疗设备时，鼓励采购首台（套）医疗器械产品。"
        ),
        "body": (
            f"<p>{EXCERPT}</p>"
            "<p>“为支持我市首台（套）医疗器械和创新药物产品推广应用，市工业和信息化局、"
            "市卫生健康局、市市场监督管理局、市财政局、市发展和改革局五部门于 2020 年 6 月出台了"
            "《关于印发中山市促进首台（套）医疗器械和创新药物产品推广应用指导意见的通知》"
            "（中工信〔2020〕214 号）。目前数字乳腺 X 射线机、智能防疫消毒机器人、"
            "正电子发射断层扫描（PET-CT）系统等 7 个品种列入首台（套）高端医疗装备产品目录。"
            "同时，该指导意见要求各级医疗卫生单位在采取竞争性谈判、竞争性磋商、单一来源采购等方式"
            "实施采购时，应优先采购首台（套）医疗器械产品。同时明确三甲、三乙综合性医院新增第三台及"
            "以后新增的与首台（套）相同品目或品类的医疗设备，基层及其他医疗机构配置与首台（套）"
            "相同品目或品类的医疗设备情况鼓励采购首台（套）医疗器械产品。”</p>"
        ),
        "areas": [("广东省", "中山市")],
        "product_types": ["device", "drug"],
        "first_set_only": True,
        "catalog_kinds": ["first_set"],
        "related_catalogs": ["zs-first-set-medical-equipment"],
        "source": "zs",
    },
    {
        "slug": "zs-offline-drug-purchase-cap",
        "title": "中山市医疗机构药品线下采购占比不超过5%",
        "document_number": "",
        "issuing_bodies": ["中山市医疗保障局"],
        "summary": (
            "未进入省采购平台集采项目的药品，医疗机构只能线下采购或备案采购。按中山市医保局要求，"
            "医疗机构每年药品线下采购占比不能超过政策规定的5%，超过比例将受到处罚。"
            "因此，即使产品列入《2022年度中山优质产品推荐目录》，医疗机构落实优先采购仍有一定难度。"
            "所依据的政策文件名称、文号和日期原文未载明。"
        ),
        "body": (
            f"<p>{EXCERPT}</p>"
            "<p>“但因目录中有部分药品未纳入省采购平台的集采项目，医疗机构只能进行线下采购和备案采购。"
            "而根据市医保局要求，医疗机构每年药品线下采购占比不能超过政策规定的 5%，……超过比例，"
            "医疗机构将会受到处罚，落实优先采购存在一定难度。”</p>"
        ),
        "areas": [("广东省", "中山市")],
        "product_types": ["drug"],
        "procurement_statuses": ["offline"],
        "related_catalogs": ["zs-recommended-2022"],
        "source": "zs",
    },
    {
        "slug": "zs-filed-consumable-purchase-cap",
        "title": "中山市医疗机构医用耗材备案采购金额不超过20%",
        "document_number": "",
        "issuing_bodies": ["中山市医疗保障局"],
        "summary": (
            "不在省采购平台集采项目内的医用耗材，医疗机构只能线下或备案采购。按中山市医保局要求，"
            "医用耗材备案采购金额不能超过本年度医用耗材总采购金额的20%，超过比例将受到处罚。"
            "原文作“备用采购”。所依据的政策文件名称、文号和日期原文未载明。"
        ),
        "body": (
            f"<p>{EXCERPT}</p>"
            "<p>“而根据市医保局要求，……医用耗材备用采购金额不能超过本年度医用耗材总采购金额的 20%，"
            "超过比例，医疗机构将会受到处罚，落实优先采购存在一定难度。”</p>"
        ),
        "areas": [("广东省", "中山市")],
        "product_types": ["consumable"],
        "procurement_statuses": ["offline"],
        "related_catalogs": ["zs-recommended-2022"],
        "source": "zs",
    },
    {
        "slug": "zj-consumables-dynamic-adjustment-2021",
        "title": "关于印发浙江省医用耗材集中采购产品动态调整改革方案的通知",
        "document_number": "浙医保发〔2021〕10号",
        "issuing_bodies": ["浙江省医疗保障局"],
        "issued_on": datetime.date(2021, 2, 9),
        "summary": (
            "浙江省医保局2021年2月9日发布的改革方案：建立集中采购产品的准入、换代、增补、退出等机制；"
            "探索公立医疗机构自行采购制度，允许公立医疗机构采购一定金额比例的、临床需要而平台内无集中"
            "采购的产品。对生产企业而言，属于集中采购范围的医用耗材，符合条件的可申请产品挂网；"
            "平台内无集中采购的产品，可与公立医院达成自行采购协议。"
        ),
        "body": (
            f"<p>{EXCERPT}</p>"
            "<p>“2021年2月9日，省医保局发布《关于印发浙江省医用耗材集中采购产品动态调整改革方案的通知》"
            "（浙医保发〔2021〕10号），方案提出建立集中采购产品的准入、换代、增补、退出等机制，探索公立"
            "医疗机构自行采购制度，允许公立医疗机构采购一定金额比例的临床需要而平台内无集中采购的产品。"
            "根据现行政策，属于集中采购范围的医用耗材，符合条件的生产企业可申请产品挂网，对平台内无集中"
            "采购的产品可与公立医院达成自行采购协议。”</p>"
        ),
        "areas": [("浙江省", "")],
        "product_types": ["consumable"],
        "procurement_statuses": ["self_procured", "centralized"],
        "source": "cx",
    },
    {
        "slug": "zj-consumables-procurement-model",
        "title": "浙江省医用耗材集中采购与阳光采购相结合的采购政策",
        "document_number": "",
        "issuing_bodies": ["浙江省医疗保障局"],
        "summary": (
            "浙江省医用耗材采用集中采购和阳光采购相结合的模式：答复函发出时（2021年6月）有集中采购产品"
            "14大类、阳光挂网产品7大类。属于集中采购的产品，各公立医疗机构必须在省药械采购平台交易，"
            "严禁网下采购；属于阳光挂网采购的产品，在省药械采购平台的网上采购率力争达到90%以上。"
            "答复函称此为“省医保部门要求”，未载明文件名称、文号和日期。"
        ),
        "body": (
            f"<p>{EXCERPT}</p>"
            "<p>“按省医保部门要求，我省的医用耗材采购政策是：采用集中采购和阳光采购相结合的模式，现有"
            "集中采购产品14大类、阳光挂网产品7大类。其中属于集中采购的产品，各公立医疗机必须在省药械"
            "采购平台进行交易，严禁网下采购，属于阳光挂网采购的产品在省药械采购平台网上采购率力争达到"
            "90%以上。”</p>"
        ),
        "areas": [("浙江省", "")],
        "product_types": ["consumable"],
        "procurement_statuses": ["centralized", "sunshine"],
        "source": "cx",
    },
    {
        "slug": "nb-joint-volume-based-procurement-2021",
        "title": "宁波市医用耗材市级联合带量采购（全省首次）",
        "document_number": "",
        "issuing_bodies": ["宁波市医疗保障局"],
        "issued_on": datetime.date(2021, 4, 1),
        "issued_precision": "month",
        "summary": (
            "2021年4月初，宁波市医保部门探索开展全省首次医用耗材市级联合带量采购，开启“省级统筹、"
            "省市联动、市级联合”带量采购的新模式：通过“招采合一、量价挂钩”的方式，宁波以全省用量"
            "开展采购，采购结果全省共享。慈溪市卫生健康局表示将配合医保部门，依托这一模式向上级主管"
            "部门推荐本地企业优质产品列入带量采购备选名单。原文未载明文件名称和文号，"
            "“宁波市医疗保障局”系原文“宁波市医保部门”的通称。"
        ),
        "body": (
            f"<p>{EXCERPT}</p>"
            "<p>“今年4月初，宁波市医保部门探索尝试全省首次医用耗材市级联合带量采购，开启了“省级统筹、"
            "省市联动、市级联合”带量采购的新模式，通过“招采合一、量价挂钩”的方式，宁波以全省用量开展"
            "采购，采购结果是全省共享。”（答复函日期为2021年6月30日。）</p>"
        ),
        "areas": [("浙江省", "")],  # results shared across the province
        "product_types": ["consumable"],
        "source": "cx",
    },
    {
        "slug": "cx-market-regulation-priorities-2020",
        "title": "关于印发2020年度市场监管领域高质量发展服务和风险隐患专项整治工作要点的通知",
        "document_number": "慈市监管〔2020〕3号",
        "issuing_bodies": ["慈溪市市场监督管理局"],
        "issued_on": datetime.date(2020, 1, 1),
        "issued_precision": "month",
        "summary": (
            "慈溪市市场监管部门2020年1月出台，要求职能科室结合日常工作对全市医疗器械生产企业开展一次"
            "行政指导，促进医疗器械生产企业落地健康产业园，做好与上级部门的对接沟通，为企业产品注册"
            "核查、许可变更和高质量发展提供便捷服务。2020年疫情防控期间，服务10家企业取得15张医疗器械"
            "应急注册证（企业名单原文未载明）。"
        ),
        "body": (
            f"<p>{EXCERPT}</p>"
            "<p>“2020年1月出台了《关于印发2020年度市场监管领域高质量发展服务和风险隐患专项整治工作要点的"
            "通知》（慈市监管〔2020〕3号），明确要求职能科室结合日常工作对全市医疗器械生产企业开展一次"
            "行政指导工作，促进医疗器械生产企业落地健康产业园，做好与上级部门的对接沟通，为企业产品注册"
            "核查、许可变更和高质量发展提供便捷服务。2020年疫情防控期间，服务10家企业取得15张医疗器械"
            "应急注册证。”</p>"
            "<h3>实施情况</h3><ul><li>2020年疫情防控期间：10家企业取得15张医疗器械应急注册证。"
            "企业名单与证号原文未载明，本平台未录入。</li></ul>"
        ),
        "areas": [("浙江省", "慈溪市")],
        "product_types": ["device", "consumable", "ivd"],
        "source": "cx",
    },
]
