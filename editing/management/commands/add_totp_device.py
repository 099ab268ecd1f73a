"""Give a staff member an authenticator-app device: `manage.py add_totp_device <username>`.

Prints the otpauth:// address and a QR code to scan with any authenticator app (Google
Authenticator, Microsoft Authenticator, 1Password, Aegis...). Run it once per person and phone;
with ADMIN_REQUIRE_2FA on, the admin then asks for the app's six-digit code at sign-in.
"""

import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Create a TOTP (authenticator app) device for a staff member and print its QR code."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="A name for the device.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the person's existing TOTP devices."
        )

    def handle(self, username, name, replace, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user called {username!r}.") from error
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff: the admin would not let them in.")
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        qr = qrcode.QRCode(border=2)
        qr.add_data(device.config_url)
        picture = io.StringIO()
        qr.print_ascii(out=picture, invert=True)
        self.stdout.write(picture.getvalue())
        self.stdout.write(device.config_url)
        self.stdout.write(
            self.style.SUCCESS(
                f"Device {device.name!r} created for {username}. Scan the code (or enter the "
                "address) in an authenticator app, then sign in with its six-digit code."
            )
        )
