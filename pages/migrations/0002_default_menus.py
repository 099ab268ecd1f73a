"""The menus as they were written in base.html before staff could edit them."""

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


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(add_default_menus, migrations.RunPython.noop)]
