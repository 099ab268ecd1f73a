"""Categories and tags become topics only when the owner chooses so.

`--topics=categories|tags|both|none` (the same choice in the admin form; none unless chosen).
The report lists what the file holds, so a dry run is the preview, and every topic created.
"""

from django.utils.text import slugify

from articles.models import Topic

CHOICES = {
    "none": (),
    "categories": ("category",),
    "tags": ("post_tag",),
    "both": ("category", "post_tag"),
}
WORDS = {"category": "categories", "post_tag": "tags"}


def _slug(nicename, name):
    return slugify(nicename or name)[:80].strip("-") or slugify(name)[:80].strip("-")


class Topics:
    def __init__(self, export, report, choice, dry_run):
        self.report = report
        self.dry_run = dry_run
        self.domains = CHOICES[choice]
        self.found = {}  # (domain, slug) -> name, of every post in the file
        for item in export.items:
            if item.post_type == "post":
                for domain, nicename, name in item.categories:
                    domain = "post_tag" if domain == "post_tag" else "category"
                    if slug := _slug(nicename, name):
                        self.found.setdefault((domain, slug), name)
        self.made = {}  # slug -> Topic (or None in a dry run)
        self.used = set()  # (domain, slug) given to an imported post
        self._preview(choice)

    def _preview(self, choice):
        for domain in ("category", "post_tag"):
            names = sorted({name for (d, _), name in self.found.items() if d == domain})
            if not names:
                continue
            chosen = domain in self.domains
            verb = "become topics" if chosen else "are not imported (choose with --topics)"
            self.report.notes.append(
                f"The file's {WORDS[domain]} ({len(names)}) {verb}: {', '.join(names)}."
            )
        if not self.found:
            self.report.notes.append("The file's posts have no categories or tags.")

    def for_item(self, item):
        """The topics of an imported post (created as needed; none in a dry run)."""
        topics = []
        for domain, nicename, name in item.categories:
            domain = "post_tag" if domain == "post_tag" else "category"
            slug = _slug(nicename, name)
            if not slug or domain not in self.domains:
                continue
            self.used.add((domain, slug))
            if slug not in self.made:
                self.made[slug] = self._topic(slug, name)
            if self.made[slug] is not None:
                topics.append(self.made[slug])
        return topics

    def _topic(self, slug, name):
        topic = (
            Topic.objects.filter(slug=slug).first()
            or Topic.objects.filter(name__iexact=name).first()
        )
        if topic is not None:
            return topic
        self.report.topics_created += 1
        self.report.problem(None, f"topic created: {name}")
        if self.dry_run:
            return None
        return Topic.objects.create(name=name[:80], slug=slug)

    def redirected(self):
        """[(domain, slug, name, Topic or None)] of the topics imported posts were given."""
        return [
            (domain, slug, self.found[(domain, slug)], self.made.get(slug))
            for domain, slug in sorted(self.used)
        ]
