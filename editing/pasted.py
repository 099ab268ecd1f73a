"""Text pasted into the admin's Markdown fields: tidied before it is saved, and whatever the
renderer's sanitiser will remove is listed for the editor (nothing is dropped silently).

- `tidy_pasted(text)`: bullets pasted from Word or Google Docs ("•", "◦", "·", "▪", "o", "–"
  followed by a tab or spaces) become Markdown list items, and `<b>`/`<strong>`/`<i>`/`<em>`
  pasted as HTML become Markdown emphasis. A separate step from the Markdown renderer (run by
  the admin form), so the stored Markdown is what the editor sees next time.
- `removed_from(text)`: what the sanitiser (core/markdown.py, nh3) will take out of `text`,
  described in plain words: "an embedded frame (<iframe>)", "styling (style=…)"...
- `PastedTextAdmin`: a ModelAdmin mixin doing both for the fields in `markdown_fields`.
"""

import re
from html.parser import HTMLParser

import markdown
from django.contrib import messages
from django.urls import reverse

from core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES

# A pasted bullet: the symbol, then a tab, or spaces ("o" and "–" need a tab or two spaces,
# so a sentence starting "o dear" or "– and" is left alone).
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<sym>[•◦·▪■●‣⁃])[ \t]+|(?P<weak>[o–])(?:\t|[ ]{2,})[ \t]*)(?P<text>\S.*)$"
)
_NUMBERED = re.compile(r"^(?P<indent>[ \t]*)(?P<num>\d{1,3})[.)]\t+[ \t]*(?P<text>\S.*)$")
_SECOND_LEVEL = {"◦", "o"}
_THIRD_LEVEL = {"▪", "■"}
_FENCE = re.compile(r"^\s*(```|~~~)")
_EMPHASIS = re.compile(
    r"<(?P<tag>b|strong|i|em)(?P<attrs>\s[^>]*)?>(?P<inner>.*?)</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)


def _level(indent, symbol):
    level = indent.count("\t") + len(indent.replace("\t", "")) // 2
    if symbol in _SECOND_LEVEL:
        level = max(level, 1)
    elif symbol in _THIRD_LEVEL:
        level = max(level, 2)
    return level


def _emphasis(match):
    tag, attrs, inner = match["tag"].lower(), match["attrs"] or "", match["inner"]
    if "font-weight:normal" in attrs.replace(" ", "").lower() or not inner.strip():
        return inner  # Google Docs wraps whole pastes in <b style="font-weight:normal">
    inner = _EMPHASIS.sub(_emphasis, inner)
    marks = "**" if tag in ("b", "strong") else "*"
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{marks}{inner.strip()}{marks}{trail}"


def tidy_pasted(text):
    """`text` with pasted bullets as Markdown lists and pasted HTML emphasis as Markdown."""
    if not text:
        return text
    out, in_fence, previous_item = [], False, False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            previous_item = False
            continue
        bullet = _BULLET.match(line)
        numbered = None if bullet else _NUMBERED.match(line)
        if bullet:
            symbol = bullet["sym"] or bullet["weak"]
            level = _level(bullet["indent"], symbol)
            if level and not previous_item:
                level = 0  # a list starts at the left, whatever Word's indent
            out.append("  " * level + "- " + bullet["text"].rstrip())
            previous_item = True
        elif numbered:
            level = _level(numbered["indent"], "") if previous_item else 0
            out.append("  " * level + f"{numbered['num']}. " + numbered["text"].rstrip())
            previous_item = True
        else:
            out.append(line)
            previous_item = False
    return "\n".join(_emphasis_outside_code(out))


def _emphasis_outside_code(lines):
    """Pasted HTML emphasis as Markdown, in each run of lines outside fenced code (a <b>
    around two lines included)."""
    chunks, text, in_fence = [], [], False
    for line in lines:
        fence = bool(_FENCE.match(line))
        if in_fence or fence:
            if text:
                chunks.append(_EMPHASIS.sub(_emphasis, "\n".join(text)))
                text = []
            chunks.append(line)
            in_fence = in_fence != fence
        else:
            text.append(line)
    if text:
        chunks.append(_EMPHASIS.sub(_emphasis, "\n".join(text)))
    return chunks


# What the sanitiser removes -------------------------------------------------------------------

_DESCRIPTIONS = {
    "iframe": "an embedded frame (<iframe>)",
    "img": "an image from another address (<img>): add pictures to the article's images and "
    "put them in the text with ![description](image:number)",
    "script": "a script (<script>)",
    "style": "a block of styles (<style>)",
    "video": "embedded video (<video>)",
    "audio": "embedded audio (<audio>)",
    "object": "an embedded object (<object>)",
    "embed": "an embedded object (<embed>)",
    "form": "a form (<form>)",
    "input": "a form field (<input>)",
    "button": "a button (<button>)",
    "svg": "a drawing (<svg>)",
}
_SILENT_TAGS = {"html", "body", "head", "meta", "span", "div", "font", "o:p", "br"}
_SILENT_ATTRIBUTES = {"rel", "class", "dir", "lang", "id"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            # Only the article's own images stay (`![description](image:42)`, resolved when
            # saved); any other address is removed.
            if not (dict(attrs).get("src") or "").startswith("image:"):
                self.found.append(_DESCRIPTIONS["img"])
            return
        if tag not in ALLOWED_TAGS:
            if tag in _DESCRIPTIONS:
                self.found.append(_DESCRIPTIONS[tag])
            elif tag not in _SILENT_TAGS:
                self.found.append(f"the <{tag}> tag (its text is kept)")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name == "style":
                self.found.append("styling (style=…)")
            elif name.startswith("on"):
                self.found.append(f"a script in an attribute ({name}=…)")
            elif name not in allowed and name not in _SILENT_ATTRIBUTES:
                self.found.append(f"the {name}=… attribute of <{tag}>")
            elif name in ("href", "src") and value:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                if scheme and "/" not in scheme and scheme not in ALLOWED_URL_SCHEMES:
                    self.found.append(f"a link to a “{scheme}:” address")

    def handle_comment(self, data):
        self.found.append("an HTML comment (<!-- … -->)")


def removed_from(text):
    """What the sanitiser will take out of Markdown `text`, described, each once, in order."""
    if not text or ("<" not in text and "](" not in text):
        return []
    collector = _Collector()
    collector.feed(markdown.markdown(text, extensions=["extra"], output_format="html"))
    collector.close()
    return list(dict.fromkeys(collector.found))


class PastedTextAdmin:
    """ModelAdmin mixin: tidy pasted text in `markdown_fields`, and say what the sanitiser
    removes from them when they are saved."""

    markdown_fields = ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        fields = [name for name in self.markdown_fields if name in form.base_fields]
        if not fields:
            return form

        def clean(self):
            cleaned = super(form, self).clean()
            for name in fields:
                if isinstance(cleaned.get(name), str):
                    cleaned[name] = tidy_pasted(cleaned[name])
            return cleaned

        tidying = type(form.__name__, (form,), {"clean": clean})
        # A paste carrying HTML is converted to Markdown (static/js/admin-paste.js).
        paste_url = reverse(f"{self.admin_site.name}:paste")
        for name in fields:
            tidying.base_fields[name].widget.attrs["data-paste-url"] = paste_url
        return tidying

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for name in self.markdown_fields:
            if name not in form.changed_data:
                continue
            removed = removed_from(getattr(obj, name, ""))
            if removed:
                label = form.fields[name].label or name
                self.message_user(
                    request,
                    f"Removed from the {str(label).lower()} when it is shown on the site "
                    f"(not allowed there, for safety): {'; '.join(removed)}. The text you "
                    "typed is kept as it is; remove these to make this message go away.",
                    messages.WARNING,
                )
