from django.db import models


class Level(models.TextChoices):
    PROVINCE = "province", "省级"
    PREFECTURE = "prefecture", "市级"
    COUNTY = "county", "县级"
    CITY = "city", "县级市"
    DISTRICT = "district", "市辖区"


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府工作部门"
    JUSTICE_BUREAU = "justice_bureau", "司法行政机关"
    TOWNSHIP = "township", "乡镇人民政府（街道办事处）"
    AUTHORISED = "authorised", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"
    VERTICAL = "vertical", "垂直管理部门"
    OTHER = "other", "其他"


class Role(models.TextChoices):
    """The fixed set of actors the law names (ADR 0002). Assigning them to people is data."""

    SUPERVISOR = "supervisor", "司法局监督人员"
    AGENCY_ADMIN = "agency_admin", "部门管理员"
    OFFICER = "officer", "执法人员"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    RECONSIDERATION_STAFF = "reconsideration_staff", "行政复议人员"
    VIEWER = "viewer", "只读用户"
