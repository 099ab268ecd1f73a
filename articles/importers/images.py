"""Bringing a post's images home: through the image library, only from allowed hosts (see
core.remote_images), each fetched once."""

from django.core.files.base import ContentFile

from articles.importers.converting import _IMAGE_MARK, plain_text
from articles.models import ArticleImage, alt_is_a_file_name
from core.remote_images import FetchError, fetch_image


class ImagesMixin:
    def _body_with_images(self, item, converted):
        body = converted.markdown
        for index, found in enumerate(converted.images):
            image = self._library_image(item, found.url, found.alt, found.caption)
            if isinstance(image, FetchError):
                caption = f", caption: {found.caption}" if found.caption else ""
                note = (
                    f"Image not imported ({image}): {found.url} (description: "
                    f"{found.alt or 'none'}{caption}). Add it under Images for articles."
                )
                # A note for staff in the text; visitors never see comments (nh3 removes them).
                text = "<!-- " + note.replace("--", "- -") + " -->"
            else:
                alt = found.alt or (image.alt if image else "")
                alt = alt.replace("[", "(").replace("]", ")")
                text = f"![{alt}](image:{image.pk if image else 0})"
            body = body.replace(_IMAGE_MARK.format(index), text)
        return body

    def _library_image(self, item, url, alt, caption):
        """The library image for `url` (fetched once), or the FetchError why not."""
        url = _absolute(url, self.export.site_link)
        if url in self.fetched:
            return self.fetched[url]
        existing = ArticleImage.objects.filter(source_url=url[:1000]).first()
        if existing is not None:
            self.fetched[url] = existing
            return existing
        result = self._fetch(item, url)
        if isinstance(result, FetchError):
            self.fetched[url] = result
            return result
        alt = alt or result.name
        if alt_is_a_file_name(alt):
            self.report.alt_to_write += 1
            self.report.problem(
                item, f"image {result.name}: its description is a file name; write one"
            )
        if self.options.dry_run:
            self.fetched[url] = None
            return None
        image = ArticleImage(alt=alt[:250], caption=caption[:300], source_url=url[:1000])
        image.image.save(result.name, ContentFile(result.content), save=False)
        image.save()
        self.fetched[url] = image
        return image

    def _fetch(self, item, url):
        try:
            result = fetch_image(url, extra_hosts=self.options.allow_hosts)
        except FetchError as error:
            self.report.images_failed += 1
            self.report.problem(item, f"image {url} not imported: {error}")
            return error
        self.report.images_fetched += 1
        return result

    def _hero(self, item):
        """(file, alt) for the post's thumbnail attachment, or None."""
        attachment = self.attachments.get(item.thumbnail_id) if item.thumbnail_id else None
        if attachment is None or not attachment.attachment_url:
            return None
        url = _absolute(attachment.attachment_url, self.export.site_link)
        result = self._fetch(item, url)
        if isinstance(result, FetchError):
            return None
        alt = plain_text(attachment.excerpt) or attachment.title or result.name
        if alt_is_a_file_name(alt):
            self.report.alt_to_write += 1
            self.report.problem(
                item, f"hero image {result.name}: its description is a file name; write one"
            )
        return ContentFile(result.content, name=result.name), alt[:200]

    # Redirects.

    def _social_hero(self, item, url, title):
        """(file, alt) for the social image of the post's live page, or None."""
        result = self._fetch(item, _absolute(url, self.export.site_link))
        if isinstance(result, FetchError):
            return None
        self.report.alt_to_write += 1
        self.report.problem(
            item, f"top image {result.name} (from its live page): write its description"
        )
        return ContentFile(result.content, name=result.name), title[:200]


def _absolute(url, site_link):
    if url.startswith("//"):
        return "https:" + url
    if url.startswith("/") and site_link.startswith("http"):
        return site_link + url
    return url
