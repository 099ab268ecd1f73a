"""The admin sign-in form with a one-time code (used when ADMIN_REQUIRE_2FA is on)."""

from django import forms
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

NO_DEVICE_MESSAGE = (
    "This account has no authenticator app set up yet, so it cannot sign in. Ask the "
    "practice's administrator to set one up for you, then sign in with your password and "
    "the code the app shows."
)


class OneTimeCodeAuthenticationForm(OTPAdminAuthenticationForm):
    """Password plus the code from an authenticator app.

    django-otp asks which device the code comes from; most people have one, so that one is
    used without asking. Someone with several devices picks one from the list. Someone with
    none (a new staff account: see `manage.py add_totp_device`) is told so, instead of
    django-otp's "Please select a device." with nothing to select.
    """

    def clean_otp(self, user):
        # Only reached with the right password for a staff account, so this tells nobody
        # else whether an account has a device.
        if user is not None and not any(devices_for_user(user, confirmed=True)):
            raise forms.ValidationError(NO_DEVICE_MESSAGE, code="no_device")
        super().clean_otp(user)

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
