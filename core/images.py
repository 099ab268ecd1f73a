"""Uploaded images: checked with Pillow, and resized to the sizes pages use.

No page sends an original upload. Therapists' portraits are cropped to fixed boxes (cards use
the small one, profiles the large one), so templates can give exact width and height; an
article's hero image is scaled down to a width, keeping its shape.
"""

from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from PIL import Image, ImageOps, UnidentifiedImageError

__all__ = [
    "UnidentifiedImageError",
    "delete_files_after_commit",
    "rendition",
    "rendition_name",
    "validate_image",
]

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
        # A transparent image (a PNG or WebP logo) keeps its transparency: WebP has an alpha
        # channel, and flattening it would put the image on a black box.
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        if height is None:
            image.thumbnail((width, width * MAX_ASPECT), Image.Resampling.LANCZOS)
        else:
            image = ImageOps.fit(
                image, (width, height), method=Image.Resampling.LANCZOS, centering=(0.5, 0.4)
            )
        buffer = BytesIO()
        image.save(buffer, "WEBP", quality=quality, method=4)
    return ContentFile(buffer.getvalue()), image.size


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode in ("P", "L", "RGB") and "transparency" in image.info
    )


def rendition_name(original_name, width):
    """A file name for a rendition: the original's stem with the width, e.g. `amelia-200.webp`."""
    return f"{PurePath(original_name).stem}-{width}.webp"


def delete_files_after_commit(instance, names, fields):
    """Once the current change to `instance` is committed, delete the files among `names` that
    no row of its model still names in any of `fields` (this row included). `names[i]` is a
    name stored in `fields[i]`, and is deleted from that field's storage (an original and its
    copies may live in different ones).

    For superseded uploads: an original may still carry the camera's metadata, and no page
    links to an old copy. Until the commit, and for good if it is rolled back, the page keeps
    showing the old files.
    """
    model = type(instance)
    stored = [
        (name, model._meta.get_field(field).storage)
        for name, field in zip(names, fields, strict=False)
        if name
    ]
    if stored:

        def delete_unused_files():  # a function, not a partial: Django logs its __qualname__
            _delete_unused_files(model, fields, stored)

        transaction.on_commit(delete_unused_files, using=instance._state.db, robust=True)


def _delete_unused_files(model, fields, stored):
    in_use = Q()
    for field in fields:
        in_use |= Q(**{f"{field}__in": [name for name, _ in stored]})
    kept = set()
    for row in model._base_manager.filter(in_use).values_list(*fields):
        kept.update(row)
    for name, storage in stored:
        if name not in kept:
            storage.delete(name)
