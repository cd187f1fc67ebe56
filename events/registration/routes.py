"""The register/ routes of an event page. Every response here is private and
never stored: it carries a CSRF token or someone's registration."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from wagtail.contrib.routable_page.models import path


def _private(response):
    add_never_cache_headers(response)  # private, no-store: no cache keeps it
    return response


class RegistrationRoutesMixin:
    """Mixed into EventPage (with RoutablePageMixin)."""

    def registration_state(self):
        from events.registration.service import registration_state

        return registration_state(self) if self.registration_enabled else None

    def _render(self, request, template, context, status=200):
        context = {"page": self, "self": self, "request": request, **context}
        response = TemplateResponse(
            request, f"events/registration/{template}.html", context, status=status
        )
        return _private(response)

    @path("register/", name="register")
    def register_view(self, request):
        from events.registration import emails, ratelimit
        from events.registration.forms import RegistrationForm
        from events.registration.service import (
            DuplicateRegistration,
            RegistrationRefused,
            register,
        )

        state = self.registration_state()
        if state is None:
            raise Http404
        if request.method != "POST":
            return self._render(request, "form", {"form": RegistrationForm(), "state": state})
        if not ratelimit.allow(request):
            return self._render(request, "limited", {"state": state}, status=429)
        form = RegistrationForm(request.POST)
        status = 400
        if form.is_valid() and form.is_spam:
            form.add_error(None, gettext("提交未通过校验，请刷新页面后重新填写。"))
        elif form.is_valid():
            try:
                registration = register(self, form.registration_data())
            except DuplicateRegistration as refused:
                # The earlier registrant gets their link again; the visitor
                # learns nothing about them beyond that one exists.
                emails.send_received(request, refused.earlier)
                form.add_error(
                    None,
                    gettext(
                        "该手机号码或电子邮箱已报名本活动，无需重复报名。我们已把原报名的确认邮件"
                        "（含报名编号和取消链接）重新发送到报名时填写的邮箱，请查收。"
                    ),
                )
                status = 409
            except RegistrationRefused as refused:
                form.add_error(None, str(refused))
                status = 409
            else:
                emails.send_received(request, registration)
                return _private(redirect(f"{self.url}register/{registration.cancel_token}/"))
        state = self.registration_state()
        return self._render(request, "form", {"form": form, "state": state}, status=status)

    @path("register/<str:token>/", name="registration")
    def registration_view(self, request, token):
        """The registrant's own page (the link in their email): status,
        reference or waiting position, and a button to cancel."""
        from events.models import Registration
        from events.registration import emails
        from events.registration.service import cancel

        registration = Registration.objects.filter(event=self, cancel_token=token).first()
        if registration is None or len(token) > 64:
            raise Http404
        if request.method == "POST":
            promoted = cancel(registration)
            if promoted is not None:
                registration.refresh_from_db()
                emails.send_cancelled(request, registration)
                for other in promoted:
                    emails.send_promoted(request, other)
            return _private(redirect(request.path))
        context = {"registration": registration, "position": registration.waiting_position()}
        return self._render(request, "detail", context)
