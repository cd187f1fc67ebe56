"""Turning TOTP on and off, and entering the code after signing in."""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .denials import forbidden
from .two_factor import may_use_two_factor

DEVICE_NAME = "身份验证器"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6 位验证码",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={
            "required": "请输入验证码。",
            "min_length": "验证码为 6 位数字。",
            "max_length": "验证码为 6 位数字。",
        },
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("验证码为 6 位数字。")
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("尝试次数过多，请稍候再试。")
        if not self.device.verify_token(code):
            raise forms.ValidationError("验证码不正确或已过期。")
        return code


def _confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Show the secret and its QR code; a correct code confirms the device.
    With a device confirmed, a correct code turns two-factor off."""
    user = request.user
    if not may_use_two_factor(user):
        return forbidden(request, "双重认证仅供可发布内容的工作人员使用。")
    confirmed = _confirmed_device(user)
    if confirmed is not None:
        form = CodeForm(confirmed, request.POST or None)
        if request.method == "POST" and form.is_valid():
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, "双重认证已关闭。")
            return redirect("accounts_two_factor")
        return TemplateResponse(
            request, "accounts/admin/two_factor.html", {"form": form, "enabled": True}
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, "双重认证已开启，今后登录须输入验证码。")
        return redirect("accounts_two_factor")
    context = {
        "form": form,
        "enabled": False,
        "secret": b32encode(device.bin_key).decode(),
        # generated SVG of the device's own otpauth URL, no user input
        "qr": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4)),  # noqa: S308
    }
    return TemplateResponse(request, "accounts/admin/two_factor.html", context)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The code after signing in, for users who turned two-factor on."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    device = _confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(next_url or "wagtailadmin_home")
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(next_url or "wagtailadmin_home")
    context = {"form": form, "next": next_url}
    return TemplateResponse(request, "accounts/admin/two_factor_verify.html", context)
