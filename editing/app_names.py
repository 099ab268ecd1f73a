"""Plain names in the admin for two libraries' sections: INSTALLED_APPS lists these instead of
"axes" and "django_otp.plugins.otp_totp" (their labels stay "axes" and "otp_totp", so their
tables and migrations are unchanged). A module of their own: core/apps.py must define one
AppConfig only, or Django would not pick CoreConfig for "core"."""

from axes.apps import AppConfig as AxesAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class SignInLockoutsConfig(AxesAppConfig):
    verbose_name = "Sign-in lockouts"


class AuthenticatorAppsConfig(TOTPAppConfig):
    verbose_name = "Authenticator apps"
