"""Who may do what with requests. Enterprise editors submit and read their
own enterprise's requests; staff with the model permissions read all and
handle them; nobody deletes one except a superuser."""

from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import EnterpriseAccess

from .models import AssistanceRequest


def edits_an_enterprise(user):
    """Asked for every row of a listing: answered once per request's user."""
    if not hasattr(user, "_edits_an_enterprise"):
        user._edits_an_enterprise = EnterpriseAccess.objects.for_user(user).exists()
    return user._edits_an_enterprise


class RequestPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action == "add":
            return edits_an_enterprise(user)
        if action == "view" and edits_an_enterprise(user):
            return True
        if action == "delete":
            return user.is_superuser
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return AssistanceRequest.objects.for_user(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return AssistanceRequest.objects.none()
        return AssistanceRequest.objects.for_user(user)


request_permission_policy = RequestPermissionPolicy(AssistanceRequest)
