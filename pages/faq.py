"""Questions and answers: an FAQ page's `### Question` blocks, shown as <details>/<summary>.

In an FAQ page's Markdown, each `### heading` is a question and the text under it (up to the
next `###` or `##` heading) its answer. Text before the first question, and `##` headings with
what follows them, stay ordinary text, so questions can be grouped under headings. Each part is
rendered through the same Markdown renderer and sanitiser as any text; only the <details> and
<summary> around them are ours, with the question escaped.
"""

import html
import re

from django.utils.html import escape, strip_tags

from core.markdown import render_markdown

_QUESTION = re.compile(r"^###(?!#)\s*(.+?)\s*#*\s*$")
_SECTION = re.compile(r"^##(?!#)\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


def parts(body):
    """[(question or None, markdown)]: None for ordinary text."""
    found = [(None, [])]
    fenced = False
    for line in (body or "").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        question = None if fenced else _QUESTION.match(line)
        if question:
            found.append((question.group(1), []))
            continue
        if not fenced and _SECTION.match(line) and found[-1][0] is not None:
            found.append((None, []))
        found[-1][1].append(line)
    return [
        (question, "\n".join(lines))
        for question, lines in found
        if question or any(line.strip() for line in lines)
    ]


def render(body):
    """The page's HTML: sanitised text, with each question and answer in a <details>."""
    html_parts = []
    for question, text in parts(body):
        rendered = render_markdown(text)
        if question is None:
            html_parts.append(rendered)
        else:
            html_parts.append(
                f'<details class="faq">\n<summary>{escape(question)}</summary>\n'
                f'<div class="faq__answer">\n{rendered}\n</div>\n</details>'
            )
    return "\n".join(html_parts)


def questions(body):
    """[{"question", "answer"}] in plain text, for the page's FAQPage structured data."""
    found = []
    for question, text in parts(body):
        if question is None:
            continue
        answer = " ".join(html.unescape(strip_tags(render_markdown(text))).split())
        found.append({"question": question, "answer": answer})
    return found
