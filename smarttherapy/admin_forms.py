"""The admin sign-in form with a one-time code (used when ADMIN_REQUIRE_2FA is on)."""

from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm


class OneTimeCodeAuthenticationForm(OTPAdminAuthenticationForm):
    """Password plus the code from an authenticator app.

    django-otp asks which device the code comes from; most people have one, so that one is
    used without asking. Someone with several devices picks one from the list.
    """

    def _verify_token(self, user, token, device=None):
        if device is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = devices[0]
        return super()._verify_token(user, token, device)

    def _update_form(self, user):
        super()._update_form(user)
        # django-otp echoes the password back into the page after a wrong code; don't.
        self.fields["password"].widget.render_value = False
