"""Where a place lies: province and the cities above it.

Enterprises and hospitals record their city as text ("中山市", "慈溪市");
policies apply to a province or a city. This table places the cities the
portal holds records for, and every prefecture-level city of the two
provinces the source letters come from; a county-level city also names the
prefecture it belongs to (慈溪市 lies in 宁波市), so a 宁波 policy reaches
a 慈溪 maker.
"""

PROVINCES = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
    "台湾省",
]
PROVINCE_CHOICES = [(name, name) for name in PROVINCES]

_GUANGDONG = (
    "广州市 深圳市 珠海市 汕头市 佛山市 韶关市 湛江市 肇庆市 江门市 茂名市 惠州市 梅州市 "
    "汕尾市 河源市 阳江市 清远市 东莞市 中山市 潮州市 揭阳市 云浮市"
).split()
_ZHEJIANG = "杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 丽水市".split()
# County-level cities, with the prefecture-level city above them.
_COUNTY_CITIES = {
    "慈溪市": "宁波市",
    "余姚市": "宁波市",
    "义乌市": "金华市",
    "东阳市": "金华市",
    "永康市": "金华市",
    "兰溪市": "金华市",
    "诸暨市": "绍兴市",
    "嵊州市": "绍兴市",
    "海宁市": "嘉兴市",
    "平湖市": "嘉兴市",
    "桐乡市": "嘉兴市",
    "瑞安市": "温州市",
    "乐清市": "温州市",
    "临海市": "台州市",
    "温岭市": "台州市",
    "玉环市": "台州市",
    "建德市": "杭州市",
    "江山市": "衢州市",
    "龙泉市": "丽水市",
    "台山市": "江门市",
    "开平市": "江门市",
    "鹤山市": "江门市",
    "恩平市": "江门市",
    "四会市": "肇庆市",
    "英德市": "清远市",
    "连州市": "清远市",
    "普宁市": "揭阳市",
    "陆丰市": "汕尾市",
    "兴宁市": "梅州市",
    "乐昌市": "韶关市",
    "南雄市": "韶关市",
    "廉江市": "湛江市",
    "雷州市": "湛江市",
    "吴川市": "湛江市",
    "高州市": "茂名市",
    "化州市": "茂名市",
    "信宜市": "茂名市",
    "阳春市": "阳江市",
    "罗定市": "云浮市",
}
CITY_PROVINCE = {city: "广东省" for city in _GUANGDONG} | {city: "浙江省" for city in _ZHEJIANG}
CITY_PROVINCE |= {city: CITY_PROVINCE[above] for city, above in _COUNTY_CITIES.items()}


def locate(region):
    """(province, cities) for a region such as "慈溪市": the province and the
    city with every city above it; (None, ()) when the place is unknown."""
    region = (region or "").strip()
    for province in PROVINCES:
        if region.startswith(province) and region != province:
            region = region.removeprefix(province)
            break
    if region in PROVINCES:
        return region, ()
    province = CITY_PROVINCE.get(region)
    if province is None:
        return None, ()
    above = _COUNTY_CITIES.get(region)
    return province, (region, above) if above else (region,)


def locate_in_text(text):
    """The place a text names first (an issuing body such as
    "中山市工业和信息化局"), as `locate` gives it."""
    text = text or ""
    names = [*CITY_PROVINCE, *PROVINCES]
    found = [(text.find(name), name) for name in names if name in text]
    if not found:
        # Bodies are often named without "市": "宁波市科技局" but also "宁波科技局".
        found = [(text.find(name[:-1]), name) for name in CITY_PROVINCE if name[:-1] in text]
    if not found:
        return None, ()
    return locate(min(found)[1])
