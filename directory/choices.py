"""Controlled vocabularies shared by pages, import, export and search.

The labels are data as well as words on a page: imports read them, downloads,
the API and search documents carry them, so they stay Chinese whatever the
visitor's language. gettext_noop marks them for the English catalog; a page
translates them where it shows them (`{% translate page.get_kind_display %}`).
"""

from django.db import models
from django.utils.translation import gettext_noop


class ProductType(models.TextChoices):
    DRUG = "drug", gettext_noop("药品")
    DEVICE = "device", gettext_noop("医疗器械")
    CONSUMABLE = "consumable", gettext_noop("医用耗材")
    IVD = "ivd", gettext_noop("体外诊断试剂")
    SERVICE = "service", gettext_noop("服务")


# Product types that carry a device management class and a 械 number.
DEVICE_TYPES = {ProductType.DEVICE, ProductType.CONSUMABLE, ProductType.IVD}


class DeviceClass(models.TextChoices):
    CLASS_1 = "1", gettext_noop("第一类")
    CLASS_2 = "2", gettext_noop("第二类")
    CLASS_3 = "3", gettext_noop("第三类")


class ProcurementStatus(models.TextChoices):
    CENTRALIZED = "centralized", gettext_noop("省平台集中采购")
    SUNSHINE = "sunshine", gettext_noop("省平台阳光挂网")
    VBP_WINNER = "vbp_winner", gettext_noop("带量采购中选")
    VBP_CANDIDATE = "vbp_candidate", gettext_noop("带量采购备选")
    OFFLINE = "offline", gettext_noop("仅线下/备案采购")
    SELF_PROCURED = "self_procured", gettext_noop("医疗机构自行采购")
    UNKNOWN = "unknown", gettext_noop("未填报")


PROCUREMENT_PLAIN_WORDS = {
    ProcurementStatus.CENTRALIZED: gettext_noop(
        "已列入省药械采购平台集中采购，公立医疗机构须在平台上采购。"
    ),
    ProcurementStatus.SUNSHINE: gettext_noop(
        "已在省药械采购平台阳光挂网，公立医疗机构可在平台上直接采购。"
    ),
    ProcurementStatus.VBP_WINNER: gettext_noop(
        "在集中带量采购中中选，医疗机构按约定采购量优先采购。"
    ),
    ProcurementStatus.VBP_CANDIDATE: gettext_noop("已列入带量采购备选名单，尚未中选。"),
    # Caps on offline buying differ by place (中山: 5 % / 20 %): the policies
    # app shows the rules of the product's own province or city beside this.
    ProcurementStatus.OFFLINE: gettext_noop(
        "未进入省采购平台，医疗机构只能线下或备案采购，比例受所在地规定限制。"
    ),
    ProcurementStatus.SELF_PROCURED: gettext_noop("不经省采购平台，由医疗机构按规定自行采购。"),
    ProcurementStatus.UNKNOWN: gettext_noop("企业尚未填报采购状态。"),
}


class MedicalInsurance(models.TextChoices):
    COVERED = "covered", gettext_noop("已纳入医保目录")
    CLASS_A = "class_a", gettext_noop("医保甲类")
    CLASS_B = "class_b", gettext_noop("医保乙类")
    NOT_COVERED = "not_covered", gettext_noop("未纳入医保目录")
    UNKNOWN = "unknown", gettext_noop("未填报")


class RecognitionKind(models.TextChoices):
    FIRST_SET = "first_set", gettext_noop("首台（套）医疗装备")
    INNOVATIVE_DRUG = "innovative_drug", gettext_noop("创新药物")
    THREE_FIRSTS = "three_firsts", gettext_noop("“三首”产品")


class RecognitionLevel(models.TextChoices):
    CITY = "city", gettext_noop("市级")
    PROVINCE = "province", gettext_noop("省级")
    NATIONAL = "national", gettext_noop("国家级")


class CatalogKind(models.TextChoices):
    ENTERPRISE_PRODUCT = "enterprise_product", gettext_noop("药械生产企业及产品目录")
    RECOMMENDED = "recommended", gettext_noop("优质产品推荐目录")
    FIRST_SET = "first_set", gettext_noop("首台（套）产品目录")
    OTHER = "other", gettext_noop("其他目录")


class Validity(models.TextChoices):
    CURRENT = "current", gettext_noop("有效期内")
    EXPIRED = "expired", gettext_noop("已过期")
    PENDING = "pending", gettext_noop("尚未生效")


class EntryReview(models.TextChoices):
    """A catalog entry's standing: a moderated import's changes wait for the
    catalog page's review (see directory/signals.py)."""

    IN_FORCE = "in_force", "生效"
    ADDITION = "addition", "待审核加入"
    REMOVAL = "removal", "待审核移除"  # still in force until the review approves
