"""The image library: pictures staff upload once and place in an article's text with
`![description](image:42)`, resized to a few widths, the original never served.

A model of the articles app (articles.models imports it, so Django finds it there); it knows
articles only by name, so this module imports nothing else of the app.
"""

import re

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import images, media_storage
from core.content import ContentModel
from core.markdown import ResolvedImage, image_references

# The resized copies of a library image (widths in pixels); pages choose with srcset and sizes.
LIBRARY_WIDTHS = (480, 800, 1200)
# How wide the image shows: the article's column (65 characters) on a wide screen.
LIBRARY_SIZES = "(min-width: 45rem) 40rem, 100vw"
# Alt text that is only a file name ("IMG_1234.jpg", "MAKINGIT_..._2765x2081px.jpg").
FILE_NAME_ALT = r"(?i)^\S*\.(jpe?g|png|gif|webp|heic|tiff?)$|^(img|dsc|dscn|photo|image)[-_ ]?\d+$"


def alt_is_a_file_name(alt):
    return bool(re.search(FILE_NAME_ALT, (alt or "").strip()))


class ArticleImageQuerySet(models.QuerySet):
    def alt_to_write(self):
        """Images whose description is a file name (kept from an import): staff write one."""
        return self.filter(alt__iregex=FILE_NAME_ALT.removeprefix("(?i)"))


class ArticleImage(ContentModel, models.Model):
    image = models.ImageField(
        # Never served: a private storage (deploy/nginx.conf answers 404 for the folder).
        upload_to="articles/originals/library/",
        storage=media_storage.originals,
        validators=[images.validate_image],
        help_text=f"A JPEG, PNG or WebP image, up to {images.MAX_UPLOAD_BYTES // 2**20} MB. "
        "It is resized automatically; the original is never shown.",
    )
    alt = models.CharField(
        "description",
        max_length=250,
        help_text="Describe the image for people who cannot see it, e.g. “Two chairs by a "
        "window in the practice's quiet room”. Not a file name.",
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text="Optional: shown under the image."
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: who took or owns the image, e.g. “Photo: Sam Lee”. Shown after the "
        "caption.",
    )
    image_480 = models.ImageField(upload_to="articles/library/", blank=True, editable=False)
    width_480 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height_480 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_800 = models.ImageField(upload_to="articles/library/", blank=True, editable=False)
    width_800 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height_800 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_1200 = models.ImageField(upload_to="articles/library/", blank=True, editable=False)
    width_1200 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height_1200 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # For an imported image: where it was fetched from, so it is fetched once.
    source_url = models.CharField(max_length=1000, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "image for articles"
        verbose_name_plural = "images for articles"

    def __str__(self):
        return f"{self.alt[:60]} (image:{self.pk})" if self.pk else self.alt[:60]

    @property
    def markdown(self):
        """What to type in an article to show this image."""
        return f"![{self.alt}](image:{self.pk})"

    @property
    def alt_needs_writing(self):
        return alt_is_a_file_name(self.alt)

    def renditions(self):
        """(file, width, height) of each resized copy made, smallest first, widths unique."""
        found, widths = [], set()
        for size in LIBRARY_WIDTHS:
            file = getattr(self, f"image_{size}")
            width, height = getattr(self, f"width_{size}"), getattr(self, f"height_{size}")
            if file and width and width not in widths:
                widths.add(width)
                found.append((file, width, height))
        return found

    def resolved(self):
        """How the Markdown renderer shows this image (see core.markdown), or None."""
        renditions = self.renditions()
        if not renditions:
            return None
        largest = renditions[-1]
        caption = " ".join(part for part in (self.caption, self.credit) if part)
        return ResolvedImage(
            src=largest[0].url,
            width=largest[1],
            height=largest[2],
            srcset=", ".join(f"{file.url} {width}w" for file, width, _ in renditions),
            sizes=LIBRARY_SIZES,
            alt=self.alt,
            caption=caption,
        )

    def articles_using(self):
        """Articles whose text shows this image."""
        article_model = self._meta.apps.get_model("articles", "Article")  # no import circle
        candidates = article_model.objects.filter(body__contains=f"image:{self.pk}")
        candidates = candidates.only("pk", "body")
        ids = [a.pk for a in candidates if str(self.pk) in image_references(a.body, "image")]
        return article_model.objects.filter(pk__in=ids)


def resolve_library_image(reference):
    """core.markdown's resolver for `![alt](image:42)`."""
    if not reference.isdigit():
        return None
    image = ArticleImage.objects.filter(pk=int(reference)).first()
    return image.resolved() if image is not None else None


def _rerender_articles_using(instance):
    """The articles showing a library image store its HTML: render them again when it changes
    or goes (a deleted image leaves their text, not a broken picture)."""
    for article in instance.articles_using():
        article.save(update_fields=["body"])


@receiver(post_save, sender=ArticleImage)
def _image_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        _rerender_articles_using(instance)


@receiver(post_delete, sender=ArticleImage)
def _delete_library_files(sender, instance, **kwargs):
    _rerender_articles_using(instance)
    fields = ["image", *(f"image_{size}" for size in LIBRARY_WIDTHS)]
    names = [getattr(instance, field).name for field in fields]
    images.delete_files_after_commit(instance, names, fields)
