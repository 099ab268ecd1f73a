"""Uploaded images: checked with Pillow, and resized to the sizes pages use.

No page sends an original upload. Therapists' portraits are cropped to fixed boxes (cards use
the small one, profiles the large one), so templates can give exact width and height; an
article's hero image is scaled down to a width, keeping its shape.
"""

from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

__all__ = ["UnidentifiedImageError", "rendition", "rendition_name", "validate_image"]

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# A width-only rendition is at most this many times as tall as it is wide.
MAX_ASPECT = 4


def validate_image(upload):
    """Reject anything Pillow cannot read as a JPEG, PNG, WebP or GIF image of sensible size."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError("The photo is larger than 10 MB. Please upload a smaller file.")
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not a photo we can use. Please upload a JPEG, PNG or WebP image."
        ) from None
    finally:
        if position is not None:
            upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError("Please upload a JPEG, PNG or WebP image.")
    if width * height > MAX_PIXELS:
        raise ValidationError("The photo has too many pixels. Please upload a smaller image.")


def rendition(source, width, height=None, quality=82):
    """`source` (an open image file) as WebP: (content, (width, height)).

    With a `height`, cropped to exactly that box (centred a little above the middle, where a
    portrait's face is); without, scaled down to at most `width` wide, keeping its shape.
    """
    source.seek(0)
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
        if height is None:
            image.thumbnail((width, width * MAX_ASPECT), Image.Resampling.LANCZOS)
        else:
            image = ImageOps.fit(
                image, (width, height), method=Image.Resampling.LANCZOS, centering=(0.5, 0.4)
            )
        buffer = BytesIO()
        image.save(buffer, "WEBP", quality=quality, method=4)
    return ContentFile(buffer.getvalue()), image.size


def rendition_name(original_name, width):
    """A file name for a rendition: the original's stem with the width, e.g. `amelia-200.webp`."""
    return f"{PurePath(original_name).stem}-{width}.webp"
