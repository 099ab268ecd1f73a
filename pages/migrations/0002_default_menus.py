"""The menus as they were written in base.html before staff could edit them; the "Editors"
group (articles/migrations/0002_editors_group.py) writes pages and edits the menus too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HEADER = [
    ("Home", "home", 10),
    ("Articles", "articles", 20),
    ("Therapists", "directory", 30),
    ("Modalities", "modalities", 40),
    ("Contact", "contact", 50),
]
FOOTER = [("Editorial policy", "editorial", 10)]


def add_default_menus(apps, schema_editor):
    MenuLink = apps.get_model("pages", "MenuLink")
    if MenuLink.objects.exists():
        return
    for menu, links in (("header", HEADER), ("footer", FOOTER)):
        for label, target, order in links:
            MenuLink.objects.create(menu=menu, label=label, target=target, order=order)


def editors_write_pages(apps, schema_editor):
    """Editors add, change and view pages and menu links; deleting stays with superusers."""
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="pages",
                codename__in=[
                    f"{action}_{model}"
                    for action in ("add", "change", "view")
                    for model in ("page", "menulink")
                ],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial"), ("articles", "0002_editors_group")]

    operations = [
        migrations.RunPython(add_default_menus, migrations.RunPython.noop),
        migrations.RunPython(editors_write_pages, migrations.RunPython.noop),
    ]
