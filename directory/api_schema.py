"""The OpenAPI 3 description of /api/v1/, served at /api/v1/openapi.json."""

from django.views.decorators.http import require_GET

from directory.api import MAX_ID, MAX_PAGE_SIZE, json_response
from directory.choices import (
    CatalogKind,
    DeviceClass,
    MedicalInsurance,
    ProcurementStatus,
    ProductType,
    Validity,
)
from events.models import EventStatus, EventType

STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
DATE = {"type": "string", "format": "date", "nullable": True}
DATETIME = {"type": "string", "format": "date-time", "nullable": True}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}


def enum(choices, blank=False):
    return {"type": "string", "enum": list(choices.values) + ([""] if blank else [])}


def obj(properties, required=None):
    return {
        "type": "object",
        "properties": properties,
        "required": list(required if required is not None else properties),
    }


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


ID_PARAM = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "页面 id",
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}
PAGINATION = [
    {
        "name": "page",
        "in": "query",
        "description": "页码，从 1 开始",
        "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1},
    },
    {
        "name": "page_size",
        "in": "query",
        "description": f"每页条数，最多 {MAX_PAGE_SIZE}",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 20},
    },
]


def query(name, schema, description):
    return {"name": name, "in": "query", "description": description, "schema": schema}


def id_query(name, description):
    return query(name, {"type": "integer", "minimum": 1, "maximum": MAX_ID}, description)


def json_content(schema):
    return {"application/json": {"schema": schema}}


def error(description):
    return {"description": description, "content": json_content(ref("Error"))}


def list_operation(summary, item, parameters, operation_id):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters + PAGINATION,
            "responses": {
                "200": {
                    "description": "分页结果",
                    "content": json_content(
                        obj(
                            {
                                "count": INTEGER,
                                "page": INTEGER,
                                "page_size": INTEGER,
                                "pages": INTEGER,
                                "results": {"type": "array", "items": ref(item)},
                            }
                        )
                    ),
                },
                "400": error("参数无效"),
            },
        }
    }


def detail_operation(summary, schema, operation_id):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [ID_PARAM],
            "responses": {
                "200": {"description": summary, "content": json_content(schema)},
                "404": error("不存在或尚未公开"),
            },
        }
    }


ENTERPRISE = obj(
    {
        "id": INTEGER,
        "name": STRING,
        "short_name": STRING,
        "credit_code": STRING,
        "region": STRING,
        "district": STRING,
        "town": STRING,
        "address": STRING,
        "contact_name": STRING,
        "contact_phone": STRING,
        "website": STRING,
        "description": {"type": "string", "description": "HTML"},
        "drug_licence_no": STRING,
        "device_licence_no": STRING,
        "certifications": {"type": "array", "items": STRING},
        "is_example": {"type": "boolean", "description": "示例数据，非官方信息"},
        "url": NULLABLE_STRING,
        "last_published_at": DATETIME,
    }
)
LINK = obj({"id": INTEGER, "name": STRING, "url": NULLABLE_STRING})
PRODUCT = obj(
    {
        "id": INTEGER,
        "name": STRING,
        "enterprise": {
            **obj({"id": INTEGER, "name": STRING, "credit_code": STRING, "region": STRING}),
            "nullable": True,
        },
        "product_type": enum(ProductType),
        "product_type_label": STRING,
        "device_class": enum(DeviceClass, blank=True),
        "device_class_label": STRING,
        "registration_no": STRING,
        "model_spec": STRING,
        "intended_use": STRING,
        "procurement_status": enum(ProcurementStatus),
        "procurement_status_label": STRING,
        "medical_insurance": enum(MedicalInsurance),
        "medical_insurance_label": STRING,
        "first_set": {"type": "boolean", "description": "有首台（套）认定"},
        "is_example": BOOLEAN,
        "url": NULLABLE_STRING,
    }
)
CATALOG = obj(
    {
        "id": INTEGER,
        "title": STRING,
        "kind": enum(CatalogKind),
        "kind_label": STRING,
        "issuing_body": STRING,
        "document_number": STRING,
        "published_on": DATE,
        "valid_from": DATE,
        "valid_until": DATE,
        "validity": enum(Validity),
        "validity_label": STRING,
        "declared_count": {"type": "integer", "nullable": True},
        "entry_count": {"type": "integer", "nullable": True, "description": "已公开的条目数"},
        "url": NULLABLE_STRING,
        "downloads": obj({"csv": STRING, "xlsx": STRING}),
    }
)
ENTRY = obj(
    {
        "sort_order": INTEGER,
        "kind": {"type": "string", "enum": ["product", "enterprise"]},
        "id": INTEGER,
        "name": STRING,
        "note": STRING,
    }
)
EVENT = obj(
    {
        "id": INTEGER,
        "title": STRING,
        "event_type": enum(EventType),
        "event_type_label": STRING,
        "status": enum(EventStatus),
        "status_label": STRING,
        "status_reason": STRING,
        "starts_at": DATETIME,
        "ends_at": DATETIME,
        "new_starts_at": DATETIME,
        "new_ends_at": DATETIME,
        "region": STRING,
        "venue": STRING,
        "address": STRING,
        "organisers": STRING,
        "co_organisers": STRING,
        "hosts": STRING,
        "audience": STRING,
        "summary": STRING,
        "registration_deadline": DATETIME,
        "capacity": {"type": "integer", "nullable": True},
        "contact_name": STRING,
        "contact_phone": STRING,
        "is_example": BOOLEAN,
        "url": NULLABLE_STRING,
    }
)


def with_extra(name, extra):
    return {
        "allOf": [ref(name), obj(extra)],
    }


def build_schema():
    region = query("region", STRING, "所在地区，如“中山市”")
    text = query("q", STRING, "名称包含的文字")
    boolean = {"type": "string", "enum": ["true", "false"]}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "本地药械信息公开平台 开放数据接口",
            "version": "1.0.0",
            "description": "只读接口，只返回已发布、公开的内容；草稿和待审核内容不会出现。",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/enterprises": list_operation(
                "企业列表",
                "Enterprise",
                [region, text, id_query("catalog", "目录 id")],
                "listEnterprises",
            ),
            "/enterprises/{id}": detail_operation(
                "企业详情",
                with_extra("Enterprise", {"products": {"type": "array", "items": ref("Link")}}),
                "getEnterprise",
            ),
            "/products": list_operation(
                "产品列表",
                "Product",
                [
                    query("product_type", enum(ProductType), "产品类别"),
                    query("device_class", enum(DeviceClass), "管理类别"),
                    query("procurement_status", enum(ProcurementStatus), "采购状态"),
                    query("medical_insurance", enum(MedicalInsurance), "医保"),
                    query("first_set", boolean, "是否有首台（套）认定"),
                    id_query("enterprise", "企业 id"),
                    id_query("catalog", "目录 id"),
                    region,
                    text,
                ],
                "listProducts",
            ),
            "/products/{id}": detail_operation(
                "产品详情",
                with_extra(
                    "Product",
                    {
                        "catalogs": {
                            "type": "array",
                            "items": obj({"id": INTEGER, "title": STRING, "url": NULLABLE_STRING}),
                        }
                    },
                ),
                "getProduct",
            ),
            "/catalogs": list_operation(
                "目录列表",
                "Catalog",
                [
                    query("kind", enum(CatalogKind), "目录类型"),
                    query("validity", enum(Validity), "有效状态"),
                ],
                "listCatalogs",
            ),
            "/catalogs/{id}": detail_operation(
                "目录详情（含条目）",
                with_extra("Catalog", {"entries": {"type": "array", "items": ref("Entry")}}),
                "getCatalog",
            ),
            "/events": list_operation(
                "活动列表",
                "Event",
                [
                    query("event_type", enum(EventType), "活动类型"),
                    query("status", enum(EventStatus), "状态"),
                    query("upcoming", boolean, "true：未结束的活动；false：已结束的活动"),
                    text,
                ],
                "listEvents",
            ),
            "/events/{id}": detail_operation(
                "活动详情",
                with_extra(
                    "Event",
                    {
                        "body": {"type": "string", "description": "HTML"},
                        "agenda": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "additionalProperties": {"type": "string"},
                            },
                        },
                    },
                ),
                "getEvent",
            ),
        },
        "components": {
            "schemas": {
                "Enterprise": ENTERPRISE,
                "Product": PRODUCT,
                "Catalog": CATALOG,
                "Entry": ENTRY,
                "Event": EVENT,
                "Link": LINK,
                "Error": obj({"error": {"type": "string", "description": "中文错误说明"}}),
            }
        },
    }


@require_GET
def openapi_view(request):
    return json_response(build_schema())
