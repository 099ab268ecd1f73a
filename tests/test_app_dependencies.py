"""Layers point one way: core -> search, redirects, editing -> content apps -> smarttherapy.

- `core/` (the shared library) imports no app and no `smarttherapy`, and names no app's model by
  label string (`"articles.Article"`, `get_model("articles", ...)`): apps register with it.
- The rooms built on core (`search/`, `redirects/`, `editing/`) import core, and each other
  only where DECLARED_NEEDS says why; never a content app or `smarttherapy`.
- No app imports `smarttherapy` (the top layer that composes them).
- The therapists app stands on its own: articles and enquiries build on it, never the reverse.
  Its Python code imports nothing from those apps (the therapists' articles are reached through
  the reverse relation, see therapists/views.py), and its templates load no tag library of theirs.
- The pages app (pages staff write, and the menus) builds on the library and its rooms only
  (core, search, redirects, editing): no other content app, and none imports it.
"""

import ast
import re
from pathlib import Path

from django.template import engines
from django.template.backends.django import get_installed_libraries

ROOT = Path(__file__).resolve().parents[1]
THERAPISTS_CODE = ROOT / "therapists"
THERAPISTS_TEMPLATES = ROOT / "templates" / "therapists"
LATER_APPS = {"articles", "enquiries", "pages"}
APPS = {"articles", "therapists", "enquiries", "pages"}
CORE = ROOT / "core"
# Built on core, below the content apps: each has one job.
ROOMS = {"search", "redirects", "editing"}
# Where one of those rooms may import another, and why.
DECLARED_NEEDS = {
    # A slug that takes a live page's old address is confirmed on the change form (staff
    # editing), through the redirects app's admin mixin.
    ("editing", "redirects"),
}
# A model label or app label in a string: "articles.Article", get_model("therapists", ...).
LABEL_STRING = re.compile(r"""["'](articles|therapists|enquiries|pages)(\.[A-Z]\w*)?["']""")

LOAD_TAG = re.compile(r"{%-?\s*load\s+(.*?)\s*-?%}")


def forbidden_imports(source, packages=LATER_APPS):
    """The modules of `packages` that Python `source` imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found += [module for module in modules if module.split(".")[0] in packages]
    return found


def loaded_libraries(template_source):
    """The tag library names a template loads: `{% load a b %}` or `{% load x from lib %}`."""
    names = []
    for arguments in LOAD_TAG.findall(template_source):
        words = arguments.split()
        if len(words) >= 3 and words[-2] == "from":
            names.append(words[-1])
        else:
            names += words
    return names


def library_modules():
    """Every tag library name the templates can load, with the module that provides it."""
    modules = get_installed_libraries()
    modules.update(engines["django"].engine.libraries)
    return modules


def forbidden_libraries(template_source, modules):
    return [
        name
        for name in loaded_libraries(template_source)
        if modules.get(name, "").split(".")[0] in LATER_APPS
    ]


def test_the_therapists_app_imports_nothing_from_articles_or_enquiries():
    paths = sorted(THERAPISTS_CODE.rglob("*.py"))
    assert THERAPISTS_CODE / "models.py" in paths
    problems = {
        str(path.relative_to(ROOT)): imports
        for path in paths
        if (imports := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_therapist_templates_load_no_tag_library_of_articles_or_enquiries():
    paths = sorted(THERAPISTS_TEMPLATES.rglob("*.html"))
    assert THERAPISTS_TEMPLATES / "profile.html" in paths
    modules = library_modules()
    problems = {
        str(path.relative_to(ROOT)): libraries
        for path in paths
        if (libraries := forbidden_libraries(path.read_text(encoding="utf-8"), modules))
    }
    assert problems == {}


def test_the_checks_catch_each_kind_of_dependency():
    # So the two tests above can fail: each way of depending on a later app is caught...
    assert forbidden_imports("import articles.models") == ["articles.models"]
    assert forbidden_imports("from enquiries import forms") == ["enquiries"]
    assert forbidden_imports("def f():\n    from articles.models import Article\n") == [
        "articles.models"
    ]
    modules = {"article_tags": "articles.templatetags.article_tags", "site": "smarttherapy.x"}
    assert forbidden_libraries("{% load site article_tags %}", modules) == ["article_tags"]
    assert forbidden_libraries("{% load reading_time from article_tags %}", modules) == [
        "article_tags"
    ]
    # ...and what the app may do is not.
    assert forbidden_imports("from therapists.models import Therapist\nimport articlesx") == []
    assert forbidden_libraries("{% load site fixed_urls %}", modules) == []
    assert loaded_libraries('{% extends "base.html" %}{% load fixed_urls site %}') == [
        "fixed_urls",
        "site",
    ]


def python_files(folder):
    return sorted(path for path in folder.rglob("*.py") if "migrations" not in path.parts)


def test_core_imports_no_app_and_not_smarttherapy():
    paths = python_files(CORE)
    assert CORE / "content.py" in paths
    problems = {
        str(path.relative_to(ROOT)): imports
        for path in paths
        if (
            imports := forbidden_imports(
                path.read_text(encoding="utf-8"), APPS | ROOMS | {"smarttherapy"}
            )
        )
    }
    assert problems == {}


def test_search_redirects_and_editing_import_core_only_and_what_they_declare():
    problems = {}
    for room in sorted(ROOMS):
        paths = python_files(ROOT / room)
        assert ROOT / room / "apps.py" in paths
        allowed = {other for (this, other) in DECLARED_NEEDS if this == room}
        forbidden = APPS | {"smarttherapy"} | (ROOMS - {room} - allowed)
        for path in paths:
            if imports := forbidden_imports(path.read_text(encoding="utf-8"), forbidden):
                problems[str(path.relative_to(ROOT))] = imports
    assert problems == {}


def test_search_redirects_and_editing_name_no_content_app_by_label_string():
    problems = {
        str(path.relative_to(ROOT)): LABEL_STRING.findall(text)
        for room in sorted(ROOMS)
        for path in python_files(ROOT / room)
        if LABEL_STRING.search(text := path.read_text(encoding="utf-8"))
    }
    assert problems == {}


def test_core_names_no_app_by_label_string():
    problems = {
        str(path.relative_to(ROOT)): LABEL_STRING.findall(text)
        for path in python_files(CORE)
        if LABEL_STRING.search(text := path.read_text(encoding="utf-8"))
    }
    assert problems == {}


def test_no_app_imports_smarttherapy():
    problems = {
        str(path.relative_to(ROOT)): imports
        for app in sorted(APPS)
        for path in python_files(ROOT / app)
        if (imports := forbidden_imports(path.read_text(encoding="utf-8"), {"smarttherapy"}))
    }
    assert problems == {}


def test_the_layer_checks_catch_what_they_look_for():
    assert forbidden_imports("from smarttherapy.views import x", {"smarttherapy"}) == [
        "smarttherapy.views"
    ]
    assert LABEL_STRING.search('apps.get_model("articles", "Article")')
    assert LABEL_STRING.search('CONTENT = ["therapists.Therapist"]')
    assert not LABEL_STRING.search('"articles:detail"')  # a URL name is not a model
    assert not LABEL_STRING.search('"core.content"')


def test_the_pages_app_stands_on_the_library_only_and_no_content_app_imports_it():
    others = {"articles", "therapists", "enquiries", "smarttherapy"}
    pages = python_files(ROOT / "pages")
    assert ROOT / "pages" / "models.py" in pages
    problems = {
        str(path.relative_to(ROOT)): imports
        for path in pages
        if (imports := forbidden_imports(path.read_text(encoding="utf-8"), others))
    }
    for app in ("articles", "therapists", "enquiries"):
        for path in python_files(ROOT / app):
            if imports := forbidden_imports(path.read_text(encoding="utf-8"), {"pages"}):
                problems[str(path.relative_to(ROOT))] = imports
    assert problems == {}
