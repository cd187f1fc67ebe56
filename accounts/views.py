"""The set-password page an invitation links to, and the admin's 邀请企业用户."""

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from directory.models import EnterprisePage

from . import invitations
from .denials import forbidden
from .roles import INVITE_PERMISSION


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def accept_invitation(request, token):
    invitation = invitations.invitation_from_token(token)
    if invitation is None:
        return TemplateResponse(request, "accounts/invitation_invalid.html", status=404)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if invitations.accept(invitation, form.cleaned_data["new_password1"]):
            messages.success(request, "密码已设置，请登录。")
            return redirect("wagtailadmin_login")
        return TemplateResponse(request, "accounts/invitation_invalid.html", status=404)
    context = {"form": form, "invitation": invitation}
    return TemplateResponse(request, "accounts/accept_invitation.html", context)


class InviteForm(forms.Form):
    email = forms.EmailField(label="邮箱", max_length=254)


def invite_enterprise_user(request, page_id):
    if not request.user.has_perm(INVITE_PERMISSION):
        return forbidden(request)
    enterprise = get_object_or_404(EnterprisePage, pk=page_id)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite(
                form.cleaned_data["email"], enterprise, invited_by=request.user
            )
        except invitations.InvitationError as error:
            form.add_error("email", str(error))
        else:
            invitations.send_invitation(invitation)
            email = invitation.user.email
            messages.success(request, f"已向 {email} 发出邀请，链接 72 小时内有效，仅可使用一次。")
            return redirect("wagtailadmin_explore", enterprise.pk)
    context = {"form": form, "enterprise": enterprise}
    return TemplateResponse(request, "accounts/admin/invite.html", context)
