import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import Role

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalise_phone(value):
    value = re.sub(r"[\s()（）]", "", value).replace("－", "-")
    if value.startswith("+86"):
        value = value[3:]
    digits = value.replace("-", "")
    return digits if MOBILE.match(digits) else value


# The words the form shows for each role; the stored values (and their
# Chinese labels in exports) are Role's.
ROLE_WORDS = {
    Role.ENTERPRISE: pgettext_lazy("registrant role", "企业"),
    Role.HOSPITAL: pgettext_lazy("registrant role", "医疗机构"),
    Role.OTHER: pgettext_lazy("registrant role", "其他"),
}


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    organisation = forms.CharField(label=_("单位"), max_length=100)
    role = forms.ChoiceField(
        label=_("身份"),
        choices=[(value, ROLE_WORDS[value]) for value in Role.values],
        widget=forms.RadioSelect,
    )
    phone = forms.CharField(
        label=_("联系电话"), max_length=20, help_text=_("手机号码或带区号的固定电话。")
    )
    email = forms.EmailField(
        label=_("电子邮箱"), max_length=254, help_text=_("确认信和取消链接将发送到此邮箱。")
    )
    needs = forms.CharField(
        label=_("拟对接的产品或需求"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_(
            "我同意主办方将以上个人信息仅用于本次活动的报名、通知和签到，活动结束后按规定删除。"
        ),
        error_messages={"required": _("请阅读并同意个人信息的使用说明。")},
    )
    # A trap for robots: hidden from people (and screen readers), so any
    # value in it means the form was not filled in by a person.
    website = forms.CharField(label=_("网站"), required=False, max_length=200)

    error_messages_zh = {
        "required": _("此项为必填项。"),
        "max_length": _("内容过长，最多 %(limit_value)d 个字。"),
        "invalid_choice": _("请选择有效的选项。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            for key, message in self.error_messages_zh.items():
                if name != "consent" or key != "required":
                    field.error_messages[key] = message
        self.fields["email"].error_messages["invalid"] = _(
            "请输入有效的电子邮箱，如 name@example.com。"
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["organisation"].widget.attrs.update({"autocomplete": "organization"})

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        if not (MOBILE.match(phone) or LANDLINE.match(phone)):
            raise forms.ValidationError(
                _("请输入有效的联系电话：11 位手机号码，或带区号的固定电话（如 0760-88000000）。")
            )
        return phone

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def registration_data(self):
        data = dict(self.cleaned_data)
        data.pop("consent")
        data.pop("website")
        return data
