"""Search documents for public policy notices (`kind=policy`).

Registered with `search.registry` in `PoliciesConfig.ready()`. The 文号,
issuing bodies, areas and summary are searchable; the 文号 also as an
identifier, so "中工信〔2020〕214号" or "214号" puts the notice first.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from search.documents import base_document, identifier_terms, plain, root_url_path
from search.registry import DocumentSource, Facet

from .models import PolicyPage

REGION = Facet("region", _("地区"))


class PolicySource(DocumentSource):
    def __init__(self):
        super().__init__(
            kind="policy", label=gettext_noop("政策文件"), models=(PolicyPage,), facets=(REGION,)
        )

    def build(self, page_ids):
        documents = self.empty(page_ids)
        policies = (
            PolicyPage.objects.for_public()
            .filter(pk__in=page_ids)
            .prefetch_related("issuing_bodies", "areas")
        )
        root = root_url_path()
        for policy in policies:
            bodies = [body.name for body in policy.issuing_bodies.all()]
            areas = [area.city or area.province for area in policy.areas.all()]
            document = base_document(
                self.kind,
                policy,
                root,
                summary=policy.summary,
                all_text=" ".join(
                    [
                        policy.title,
                        policy.document_number,
                        *bodies,
                        *(str(area) for area in policy.areas.all()),
                        policy.summary,
                        plain(policy.body),
                    ]
                ),
                id_terms=identifier_terms(policy.document_number),
            )
            document["facets"] = {"region": sorted(set(areas))}
            document["details"] = {
                "document_number": policy.document_number,
                "issuing_bodies": bodies,
                "issued": policy.issued_display,
                "areas": [str(area) for area in policy.areas.all()],
            }
            documents[self.key(policy.pk)] = document
        return documents
