"""Portrait processing: uploads are checked with Pillow and resized to the sizes pages use.

No page sends an original upload: cards use the small rendition and profiles the large one.
Both are cropped to the same portrait shape, so templates can give exact width and height.
"""

from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

# Width and height of each rendition, in pixels (a 4:5 portrait).
SMALL = (200, 250)
LARGE = (480, 600)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000


def validate_portrait(upload):
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


def rendition(source, size):
    """`source` (an open image file) cropped to a portrait and resized to `size`, as WebP."""
    source.seek(0)
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGB")
        image = ImageOps.fit(image, size, method=Image.Resampling.LANCZOS, centering=(0.5, 0.4))
        buffer = BytesIO()
        image.save(buffer, "WEBP", quality=82, method=4)
    return ContentFile(buffer.getvalue())


def rendition_name(original_name, size):
    """A file name for a rendition: the original's stem with the width, e.g. `amelia-200.webp`."""
    return f"{PurePath(original_name).stem}-{size[0]}.webp"
