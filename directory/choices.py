"""Controlled vocabularies shared by pages, import, export and search."""

from django.db import models


class ProductType(models.TextChoices):
    DRUG = "drug", "药品"
    DEVICE = "device", "医疗器械"
    CONSUMABLE = "consumable", "医用耗材"
    IVD = "ivd", "体外诊断试剂"
    SERVICE = "service", "服务"


# Product types that carry a device management class and a 械 number.
DEVICE_TYPES = {ProductType.DEVICE, ProductType.CONSUMABLE, ProductType.IVD}


class DeviceClass(models.TextChoices):
    CLASS_1 = "1", "第一类"
    CLASS_2 = "2", "第二类"
    CLASS_3 = "3", "第三类"


class ProcurementStatus(models.TextChoices):
    CENTRALIZED = "centralized", "省平台集中采购"
    SUNSHINE = "sunshine", "省平台阳光挂网"
    VBP_WINNER = "vbp_winner", "带量采购中选"
    VBP_CANDIDATE = "vbp_candidate", "带量采购备选"
    OFFLINE = "offline", "仅线下/备案采购"
    SELF_PROCURED = "self_procured", "医疗机构自行采购"
    UNKNOWN = "unknown", "未填报"


PROCUREMENT_PLAIN_WORDS = {
    ProcurementStatus.CENTRALIZED: "已列入省药械采购平台集中采购，公立医疗机构须在平台上采购。",
    ProcurementStatus.SUNSHINE: "已在省药械采购平台阳光挂网，公立医疗机构可在平台上直接采购。",
    ProcurementStatus.VBP_WINNER: "在集中带量采购中中选，医疗机构按约定采购量优先采购。",
    ProcurementStatus.VBP_CANDIDATE: "已列入带量采购备选名单，尚未中选。",
    # Caps on offline buying differ by place (中山: 5 % / 20 %): the policies
    # app shows the rules of the product's own province or city beside this.
    ProcurementStatus.OFFLINE: (
        "未进入省采购平台，医疗机构只能线下或备案采购，比例受所在地规定限制。"
    ),
    ProcurementStatus.SELF_PROCURED: "不经省采购平台，由医疗机构按规定自行采购。",
    ProcurementStatus.UNKNOWN: "企业尚未填报采购状态。",
}


class MedicalInsurance(models.TextChoices):
    COVERED = "covered", "已纳入医保目录"
    CLASS_A = "class_a", "医保甲类"
    CLASS_B = "class_b", "医保乙类"
    NOT_COVERED = "not_covered", "未纳入医保目录"
    UNKNOWN = "unknown", "未填报"


class RecognitionKind(models.TextChoices):
    FIRST_SET = "first_set", "首台（套）医疗装备"
    INNOVATIVE_DRUG = "innovative_drug", "创新药物"
    THREE_FIRSTS = "three_firsts", "“三首”产品"


class RecognitionLevel(models.TextChoices):
    CITY = "city", "市级"
    PROVINCE = "province", "省级"
    NATIONAL = "national", "国家级"


class CatalogKind(models.TextChoices):
    ENTERPRISE_PRODUCT = "enterprise_product", "药械生产企业及产品目录"
    RECOMMENDED = "recommended", "优质产品推荐目录"
    FIRST_SET = "first_set", "首台（套）产品目录"
    OTHER = "other", "其他目录"


class Validity(models.TextChoices):
    CURRENT = "current", "有效期内"
    EXPIRED = "expired", "已过期"
    PENDING = "pending", "尚未生效"


class EntryReview(models.TextChoices):
    """A catalog entry's standing: a moderated import's changes wait for the
    catalog page's review (see directory/signals.py)."""

    IN_FORCE = "in_force", "生效"
    ADDITION = "addition", "待审核加入"
    REMOVAL = "removal", "待审核移除"  # still in force until the review approves
