"""Search documents for public hospitals (`kind=hospital`).

Registered with `search.registry` in `HospitalsConfig.ready()`. A hospital's
document carries the public products trialled there, so it is found by
their names too; the product's own document carries the hospital's name
(directory/search_documents.py), so a hospital's name finds its products.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.visibility import public_page_ids
from directory.models import FirstUseRecord, ProductPage
from search.documents import base_document, plain, root_url_path
from search.registry import DocumentSource, Facet

from .models import HospitalPage

REGION = Facet("region", _("地区"))


class HospitalSource(DocumentSource):
    def __init__(self):
        super().__init__(
            kind="hospital",
            label=gettext_noop("医疗机构"),
            models=(HospitalPage,),
            facets=(REGION,),
            watches=(ProductPage,),
        )

    def build(self, page_ids):
        documents = self.empty(page_ids)
        hospitals = list(HospitalPage.objects.for_public().filter(pk__in=page_ids))
        if not hospitals:
            return documents
        trialled = defaultdict(list)
        records = FirstUseRecord.objects.filter(
            hospital__in=hospitals, page_id__in=public_page_ids()
        ).order_by("started_on", "page__title")
        for hospital_id, title in records.values_list("hospital_id", "page__title"):
            trialled[hospital_id].append(title)
        root = root_url_path()
        for hospital in hospitals:
            products = trialled[hospital.pk]
            document = base_document(
                self.kind,
                hospital,
                root,
                # Region and level are details, which the search page shows
                # in the visitor's language; the summary is the staff's words.
                summary=plain(hospital.description),
                all_text=" ".join(
                    [
                        hospital.title,
                        hospital.region,
                        hospital.district,
                        hospital.get_level_display(),
                        plain(hospital.description),
                        *products,
                    ]
                ),
            )
            document["facets"] = {"region": [hospital.region] if hospital.region else []}
            document["details"] = {
                "region": hospital.region,
                "level": hospital.level,
                "level_label": hospital.get_level_display(),
                "products": products,
            }
            documents[self.key(hospital.pk)] = document
        return documents

    def dependents(self, page_ids):
        """A hospital's document lists the products trialled there."""
        records = FirstUseRecord.objects.filter(page_id__in=page_ids)
        return set(records.values_list("hospital_id", flat=True))
