"""Wagtail's login form with a Chinese label on the password field (Wagtail
leaves it to the field name, which no catalogue translates)."""

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "密码"
