"""schema.org descriptions of public pages, for search engines and other sites.

Builders are keyed by model label so that core imports no content app. Each
reads only fields the page itself shows; synthetic records (`is_example`) and
records with placeholder fields get none, so that placeholder identifiers and
dates are never harvested as facts.
"""

from django.utils import timezone

SCHEMA = "https://schema.org"
EVENT_STATUS = {
    "scheduled": f"{SCHEMA}/EventScheduled",
    "postponed": f"{SCHEMA}/EventPostponed",
    "cancelled": f"{SCHEMA}/EventCancelled",
}


def _identifier(name, value):
    return {"@type": "PropertyValue", "propertyID": name, "value": value}


def _organisation(name, url=None, **extra):
    data = {"@type": "Organization", "name": name, **extra}
    if url:
        data["url"] = url
    return data


def _enterprise_organisation(enterprise, request):
    address = {"@type": "PostalAddress", "addressCountry": "CN"}
    if enterprise.region:
        address["addressLocality"] = enterprise.region
    if enterprise.district:
        address["addressRegion"] = enterprise.district
    if enterprise.address:
        address["streetAddress"] = enterprise.address
    data = _organisation(
        enterprise.title,
        enterprise.get_full_url(request),
        identifier=_identifier("统一社会信用代码", enterprise.credit_code),
        taxID=enterprise.credit_code,
        address=address,
    )
    if enterprise.short_name:
        data["alternateName"] = enterprise.short_name
    if enterprise.contact_phone:
        data["telephone"] = enterprise.contact_phone
    if enterprise.website:
        data["sameAs"] = enterprise.website
    if enterprise.logo_id:
        data["logo"] = request.build_absolute_uri(enterprise.logo.file.url)
    return data


def enterprise(page, request, context):
    return _enterprise_organisation(page, request)


def product(page, request, context):
    data = {
        "@type": "Product",
        "name": page.title,
        "url": page.get_full_url(request),
        "category": page.get_product_type_display(),
    }
    if page.registration_no:
        data["productID"] = page.registration_no
        data["identifier"] = _identifier("注册证/备案编号", page.registration_no)
    if page.model_spec:
        data["model"] = page.model_spec
    if page.intended_use:
        data["description"] = page.intended_use
    maker = page.enterprise
    if maker is not None:
        data["manufacturer"] = _enterprise_organisation(maker, request)
    properties = [
        {
            "@type": "PropertyValue",
            "name": "采购状态",
            "value": page.get_procurement_status_display(),
        }
    ]
    if page.device_class:
        properties.append(
            {"@type": "PropertyValue", "name": "管理类别", "value": page.get_device_class_display()}
        )
    data["additionalProperty"] = properties
    return data


def event(page, request, context):
    data = {
        "@type": "Event",
        "name": page.title,
        "url": page.get_full_url(request),
        "startDate": timezone.localtime(page.starts_at).isoformat(),
        "endDate": timezone.localtime(page.ends_at).isoformat(),
        "eventStatus": EVENT_STATUS.get(page.status, EVENT_STATUS["scheduled"]),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
    }
    if page.venue or page.address:
        place = {"@type": "Place", "name": page.venue or page.address}
        if page.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": page.address,
                "addressCountry": "CN",
            }
        data["location"] = place
    organisers = [name for name in _split(page.organisers)]
    if organisers:
        data["organizer"] = [_organisation(name) for name in organisers]
    if page.summary:
        data["description"] = page.summary
    return data


def catalog(page, request, context):
    url = page.get_full_url(request)
    data = {
        "@type": "Dataset",
        "name": page.title,
        "url": url,
        "description": (
            f"{page.issuing_body}发布的{page.get_kind_display()}"
            + (f"（{page.document_number}）" if page.document_number else "")
            + "，本平台录入的条目可下载为 CSV 与 Excel 表格。"
        ),
        "creator": _organisation(page.issuing_body),
        "publisher": _organisation(page.issuing_body),
        "datePublished": page.published_on.isoformat(),
        "inLanguage": "zh-CN",
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": media_type,
                "contentUrl": url + page.reverse_subpage("download", args=[name]),
            }
            for name, media_type in (
                ("csv", "text/csv"),
                ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            )
        ],
    }
    if page.document_number:
        data["identifier"] = _identifier("文号", page.document_number)
    if page.valid_until:
        data["temporalCoverage"] = (
            f"{page.effective_from.isoformat()}/{page.valid_until.isoformat()}"
        )
    return data


def home(page, request, context):
    root = page.get_full_url(request)
    return {
        "@type": "WebSite",
        "name": page.title,
        "url": root,
        "inLanguage": "zh-CN",
        "potentialAction": {
            "@type": "SearchAction",
            "target": root.rstrip("/") + "/search/?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def _split(names):
    return [
        name.strip()
        for name in names.replace("，", "、").replace(",", "、").split("、")
        if name.strip()
    ]


BUILDERS = {
    "directory.enterprisepage": enterprise,
    "directory.productpage": product,
    "directory.catalogpage": catalog,
    "events.eventpage": event,
    "home.homepage": home,
}


def structured_data(page, request, context=None):
    builder = BUILDERS.get(page._meta.label_lower)
    # Placeholder identifiers and dates must never be harvested as facts.
    if builder is None or getattr(page, "is_example", False) or getattr(page, "placeholders", None):
        return None
    return {"@context": SCHEMA, **builder(page, request, context or {})}
