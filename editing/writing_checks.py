"""Checks while writing: advice on a Markdown text for the admin's "Checks" panel. Nothing
here blocks a save (only the safe-messaging rules block publishing, in articles/).

- words and reading time (as the article shows it: core/markdown.py);
- readability: Flesch reading ease, 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables
  ÷ words), syllables counted by vowel groups; plain English for the public is 60 or more (about
  what a 13-year-old reads easily); the longest sentences are pointed out;
- heading order: the title is the page's only level-1 heading, so the body starts at "##" and
  never skips a level (## then ####);
- pictures: a description that is missing, a file name, or starts "image of" / "picture of";
- links: text such as "click here", "here", "read more", or a bare address.

`WritingChecksAdmin` puts the panel under each of a ModelAdmin's `markdown_fields` (every content
admin's: editing/markdown_admin.py); static/js/admin-checks.js refreshes it as staff type.
"""

import re
from dataclasses import dataclass, field

from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core.markdown import reading_time_minutes, word_count

PLAIN_ENGLISH = 60
LONG_SENTENCE = 25  # words

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
_BARE_URL = re.compile(r"(?<![(<\[])\bhttps?://\S+")
_FILE_NAME = re.compile(
    r"^[\w\-. ]+\.(jpe?g|png|gif|webp|heic|tiff?)$|^(img|dsc|image)[_\- ]?\d+", re.I
)
_VAGUE_LINKS = {"click here", "here", "read more", "more", "this link", "link", "this page"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass
class Checks:
    words: int = 0
    minutes: int = 1
    reading_ease: float | None = None
    long_sentences: list = field(default_factory=list)
    headings: list = field(default_factory=list)
    pictures: list = field(default_factory=list)
    links: list = field(default_factory=list)

    @property
    def plain_enough(self):
        return self.reading_ease is None or self.reading_ease >= PLAIN_ENGLISH


def syllables(word):
    word = word.lower().strip("'’-")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def plain_text(markdown):
    text = _IMAGE.sub(" ", markdown or "")
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"^\s*(#{1,6}|[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"[*_`>|]", "", text)


def sentences(text):
    """Sentences of prose; a paragraph's lines wrap, so only a sentence's end or a blank line
    ends one."""
    parts = re.split(r"(?<=[.!?])\s+|\n\s*\n", text)
    return [" ".join(p.split()) for p in parts if _WORD.search(p)]


def check(markdown):
    result = Checks()
    text = plain_text(markdown)
    words = _WORD.findall(text)
    result.words = word_count(markdown or "")
    result.minutes = reading_time_minutes(markdown or "")
    found = sentences(text)
    if words and found:
        per_sentence = len(words) / len(found)
        per_word = sum(syllables(w) for w in words) / len(words)
        result.reading_ease = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
    longest = sorted(found, key=lambda s: len(_WORD.findall(s)), reverse=True)
    result.long_sentences = [s for s in longest[:3] if len(_WORD.findall(s)) > LONG_SENTENCE]
    result.headings = heading_problems(markdown or "")
    for alt, src in _IMAGE.findall(markdown or ""):
        alt = alt.strip()
        if not alt:
            result.pictures.append(f"A picture ({src}) has no description.")
        elif _FILE_NAME.match(alt):
            result.pictures.append(f"“{alt}” is a file name: describe what the picture shows.")
        elif re.match(r"(an? )?(image|picture|photo) of\b", alt, re.I):
            result.pictures.append(f"“{alt}”: leave out “image of”; screen readers say it.")
    for text_, _url in _LINK.findall(markdown or ""):
        if text_.strip().lower().rstrip(".") in _VAGUE_LINKS:
            result.links.append(f"“{text_}”: say where the link goes instead.")
        elif re.match(r"https?://", text_.strip()):
            result.links.append(f"“{text_}”: an address as link text; name the page instead.")
    for url in _BARE_URL.findall(_LINK.sub(" ", markdown or "")):
        result.links.append(f"“{url}”: a bare address; make it a link with words.")
    return result


def heading_problems(markdown):
    problems = []
    previous = 1  # the title
    for marks, title in _HEADING.findall(re.sub(r"```.*?```", "", markdown, flags=re.S)):
        level = len(marks)
        if level == 1:
            problems.append(f"“{title}” is a level-1 heading: the title is the only one; use ##.")
        elif level > previous + 1:
            problems.append(
                f"“{title}” skips a level (level {level} after level {previous}): use "
                f"{'#' * (previous + 1)}."
            )
        previous = level
    return problems


def findings_html(markdown):
    """What the panel says about `markdown`, as escaped HTML."""
    found = check(markdown)
    ease = (
        "not measured (no sentences yet)"
        if found.reading_ease is None
        else f"{found.reading_ease:g}"
        + (" (plain English)" if found.plain_enough else " (harder than plain English)")
    )
    advice = [
        *(f"A long sentence: “{s}”" for s in found.long_sentences),
        *found.headings,
        *found.pictures,
        *found.links,
    ]
    return format_html(
        "<p>{} words, about {} min to read. Reading ease {} (Flesch: 206.835 − 1.015 × words "
        "per sentence − 84.6 × syllables per word; {} or more is plain English for the "
        "public).</p>{}",
        found.words,
        found.minutes,
        ease,
        PLAIN_ENGLISH,
        format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((a,) for a in advice)))
        if advice
        else format_html("<p>{}</p>", "No headings, pictures or links to look at again."),
    )


def panel(markdown, checks_url, source="id_body"):
    """The Checks panel; static/js/admin-checks.js refreshes it from `checks_url` as the
    `source` box is typed in."""
    return format_html(
        '<div class="writing-checks" role="status" data-checks-url="{}" data-source="{}">{}</div>',
        checks_url,
        source,
        findings_html(markdown),
    )


def checks_view(request):
    """The panel's findings for text being typed (POST `text`; staff only, CSRF)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    response = HttpResponse(findings_html(request.POST.get("text", "")[:500_000]))
    response["Cache-Control"] = "no-store"
    return response


class WritingChecksAdmin:
    """ModelAdmin mixin: a Checks panel right under each field in `markdown_fields`.

    The panel is a read-only field of the change form (and of the add form): it shows the checks
    of the text the form holds (as saved, or as sent with a form that came back with an error),
    so it works without JavaScript on each save; with it, it follows the text as it is typed.
    """

    markdown_fields = ()

    def checks_panel(self, name):
        """The read-only field showing the checks of Markdown field `name`: one function per
        field and admin, so that the fieldsets and the read-only fields name the same one."""
        panels = self.__dict__.setdefault("_checks_panels", {})
        if name not in panels:
            label = self.model._meta.get_field(name).verbose_name

            def panel_for(obj):
                url = reverse(f"{self.admin_site.name}:checks")
                return panel(getattr(obj, name, ""), url, source=f"id_{name}")

            panel_for.__name__ = f"{name}_checks"
            several = len(self.markdown_fields) > 1
            panel_for.short_description = f"checks of the {label}" if several else "checks"
            panels[name] = panel_for
        return panels[name]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [self.checks_panel(name) for name in self.markdown_fields]

    def get_fieldsets(self, request, obj=None):
        """Each panel straight after its field (Django's own fieldsets, made from the form and
        the read-only fields, list it at the end: it is moved)."""
        panels = {self.checks_panel(name): name for name in self.markdown_fields}
        placed = []
        for title, options in super().get_fieldsets(request, obj):
            fields = []
            for line in options.get("fields", ()):
                if callable(line) and line in panels:
                    continue
                fields.append(line)
                if isinstance(line, str) and line in self.markdown_fields:
                    fields.append(self.checks_panel(line))
            placed.append((title, {**options, "fields": fields}))
        return placed
