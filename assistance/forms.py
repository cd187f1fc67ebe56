"""The enterprise's request form and the staff's handling form."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from directory.models import EnterprisePage, ProductPage

from .attachments import AttachmentsField
from .models import AssistanceRequest, RequestState


class RequestForm(WagtailAdminModelForm):
    """An enterprise editor asks staff for something, about products of
    their own enterprise only."""

    attachments = AttachmentsField(
        label="附件",
        help_text="可选，最多 5 个，每个不超过 10 MB（PDF、图片、Word、Excel）。",
    )

    class Meta:
        model = AssistanceRequest
        fields = ["enterprise", "kind", "products", "message"]
        widgets = {"enterprise": forms.Select, "products": forms.CheckboxSelectMultiple}
        error_messages = {
            "enterprise": {
                "required": "请选择企业。",
                "invalid_choice": "只能为本企业提交申报。",
            },
            "kind": {"required": "请选择申报事项。", "invalid_choice": "请选择列出的申报事项。"},
            "products": {
                "invalid_choice": "只能选择本企业的产品。",
                "invalid_pk_value": "只能选择本企业的产品。",
            },
            "message": {
                "required": "请填写申报说明。",
                "max_length": "申报说明最多 %(limit_value)d 字（现有 %(show_value)d 字）。",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        enterprises = EnterprisePage.objects.filter(access__group__user=user).order_by("title")
        self.fields["enterprise"].queryset = enterprises
        self.fields["enterprise"].empty_label = None
        products = ProductPage.objects.none()
        for enterprise in enterprises:
            products = products | ProductPage.objects.child_of(enterprise)
        self.fields["products"].queryset = products.order_by("title")
        self.fields["products"].required = False

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError("请填写申报说明。")
        return message

    def clean(self):
        cleaned = super().clean()
        enterprise = cleaned.get("enterprise")
        products = cleaned.get("products") or []
        if enterprise and any(not product.is_child_of(enterprise) for product in products):
            self.add_error("products", "只能选择所选企业的产品。")
        return cleaned


class HandlingForm(WagtailAdminModelForm):
    """Staff move a request on and answer the enterprise."""

    reply = forms.CharField(
        label="答复",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="企业在其工作台和邮件中看到这段答复。",
        error_messages={"max_length": "答复最多 %(limit_value)d 字（现有 %(show_value)d 字）。"},
    )

    class Meta:
        model = AssistanceRequest
        fields = ["state"]
        error_messages = {"state": {"invalid_choice": "请选择列出的状态。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_state = self.instance.state
        self.fields["state"].choices = [
            choice for choice in RequestState.choices if choice[0] != RequestState.SUBMITTED
        ]

    def clean(self):
        cleaned = super().clean()
        state, reply = cleaned.get("state"), (cleaned.get("reply") or "").strip()
        cleaned["reply"] = reply
        if state == RequestState.DECLINED and not reply:
            self.add_error("reply", "不予受理须在答复中说明理由。")
        elif state == self.previous_state and not reply:
            self.add_error("state", "请改变状态或填写答复。")
        return cleaned
