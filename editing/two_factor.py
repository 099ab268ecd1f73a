"""The admin page where signed-in staff add an authenticator app (a TOTP device).

The new key lives in the session until the person proves their app shows the right code, so no
half-set-up device is ever stored. The QR code is an inline SVG drawn on the server: no
JavaScript, no image from elsewhere, nothing the CSP would have to allow.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

SESSION_KEY = "two_factor_setup_key"


class AddDeviceForm(forms.Form):
    name = forms.CharField(
        label="Name for this device",
        max_length=64,
        initial="Phone",
        help_text="So you can tell your devices apart, e.g. “Work phone”.",
    )
    code = forms.RegexField(
        label="Code shown by the app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Enter the six digits the app shows."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def qr_svg(data):
    """The QR code for `data` as an inline <svg> (dark squares on a white background)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # Generated from our own key and the username, never from markup a person typed.
    return mark_safe(svg.split("?>", 1)[-1])  # noqa: S308


@never_cache
def add_device(request, admin_site):
    key = request.session.get(SESSION_KEY) or default_key()
    request.session[SESSION_KEY] = key
    candidate = TOTPDevice(user=request.user, key=key, name="Phone")
    form = AddDeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device = TOTPDevice.objects.create(
                user=request.user, key=key, name=form.cleaned_data["name"], confirmed=False
            )
            if device.verify_token(form.cleaned_data["code"].strip()):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            else:
                device.delete()
                device = None
        if device:
            del request.session[SESSION_KEY]
            otp_login(request, device)
            messages.success(request, f"“{device.name}” is set up: use its codes to sign in.")
            return redirect("admin:index")
        form.add_error(
            "code",
            f"That code does not match. Check the app shows {settings.PRACTICE['name']}, "
            "then try again.",
        )
    context = {
        **admin_site.each_context(request),
        "title": "Two-factor sign-in",
        "form": form,
        "qr_svg": qr_svg(candidate.config_url),
        "secret": " ".join(
            b32encode(candidate.bin_key).decode()[i : i + 4] for i in range(0, 32, 4)
        ),
        "devices": TOTPDevice.objects.devices_for_user(request.user, confirmed=True),
    }
    return TemplateResponse(request, "admin/two_factor.html", context)
