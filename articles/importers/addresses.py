"""The old site's addresses: each imported post's old paths, and the blog's own list, feed,
category and tag addresses, become redirects to their new pages."""

import re
from urllib.parse import quote_plus, unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Article, Topic
from redirects.models import (
    MAX_PATH,
    MAX_QUERY,
    Redirect,
    normalise_path,
    split_address,
)


class AddressesMixin:
    def _old_paths(self, item, article_slug):
        paths = []
        link_path = urlsplit(item.link).path if item.link else ""
        if link_path and link_path not in {"/null", "/"}:
            paths.append(link_path)
        segments = [segment for segment in link_path.split("/") if segment]
        root = segments[0] if len(segments) > 1 else "blog"  # a draft's link may be /null
        self.blog_roots.add(root)
        name = self._slug(item)
        slugs = {name, article_slug}
        raw_name = unquote(item.post_name or "").strip("/").rsplit("/", 1)[-1]
        if raw_name:
            slugs.add(re.sub(r"\.html?$", "", raw_name, flags=re.IGNORECASE))
        for slug in slugs:
            paths += [f"/{root}/{slug}", f"/{root}/{slug}.html"]
            moment = item.date_local or item.date_gmt
            if moment is not None:
                y, m, d = moment.year, moment.month, moment.day
                paths += [f"/{root}/{y}/{m}/{d}/{slug}", f"/{root}/{y}/{m:02d}/{d:02d}/{slug}"]
        unique = []
        for path in paths:
            path = normalise_path(path).rstrip("/") or "/"
            if path not in unique and len(path) < MAX_PATH:
                unique.append(path)
        return unique

    def _count_redirects(self, item, article):
        slug = article.slug if article is not None else self._slug(item)
        for path in self._old_paths(item, slug):
            if not Redirect.objects.filter(old_path__in=[path, path + "/"], query="").exists():
                self.report.redirects_created += 1

    def _old_addresses(self, item, article):
        """Every old address of the post answers 301 to the article (any query dropped)."""
        content_type = ContentType.objects.get_for_model(Article)
        new_path = normalise_path(article.get_absolute_url())
        for path in self._old_paths(item, article.slug):
            if path in {new_path, new_path.rstrip("/")}:
                continue
            existing = Redirect.objects.filter(old_path__in=[path, path + "/"], query="").first()
            if existing is not None:
                if existing.source != Redirect.Source.IMPORT:
                    self.report.problem(
                        item, f"{path} already has a redirect ({existing.source}): left as it is"
                    )
                elif (
                    existing.content_type_id != content_type.pk or existing.object_id != article.pk
                ):
                    existing.content_type, existing.object_id = content_type, article.pk
                    existing.target_path = ""
                    existing.save()
                continue
            Redirect.objects.create(
                old_path=path,
                content_type=content_type,
                object_id=article.pk,
                status=Redirect.Status.MOVED,
                keep_query_string=False,
                source=Redirect.Source.IMPORT,
                note=self.note[:200],
            )
            self.report.redirects_created += 1

    def _blog_redirects(self):
        """The blog's own addresses: its list, its feed, its categories and tags."""
        roots = self.blog_roots or {"blog"}
        wanted = []  # (old address with any query, target path or object)
        for root in sorted(roots):
            wanted.append((f"/{root}", reverse("articles:list")))
            wanted.append((f"/{root}?format=rss", reverse("articles:feed")))
            for slug, category in self.categories.items():
                topic = self.topics.get(slug) or Topic.objects.filter(slug=slug).first()
                if topic is None and not self.options.dry_run:
                    continue  # its posts were all skipped
                names = {slug, category.lower(), quote_plus(category.lower())}
                for name in names:
                    wanted.append((f"/{root}/category/{name}", topic))
                    wanted.append((f"/{root}/tag/{name}", topic))
                    wanted.append((f"/{root}?category={quote_plus(name)}", topic))
                    wanted.append((f"/{root}?tag={quote_plus(name)}", topic))
        topic_type = ContentType.objects.get_for_model(Topic)
        seen = set()
        for address, target in wanted:
            path, query = split_address(address)
            if (path, query) in seen or len(path) >= MAX_PATH or len(query) > MAX_QUERY:
                continue
            seen.add((path, query))
            if Redirect.objects.filter(old_path=path, query=query).exists():
                continue
            self.report.redirects_created += 1
            if self.options.dry_run:
                continue
            fields = (
                {"target_path": target}
                if isinstance(target, str)
                else {
                    "content_type": topic_type,
                    "object_id": target.pk,
                }
            )
            Redirect.objects.create(
                old_path=path,
                query=query,
                status=Redirect.Status.MOVED,
                keep_query_string=not query and isinstance(target, str),
                source=Redirect.Source.IMPORT,
                note=self.note[:200],
                **fields,
            )
