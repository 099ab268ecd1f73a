"""Articles with a recorded clinical review count as signed off for their body as it is now
(the review was recorded before a body's sign-off was kept); a later change to the body then
asks for a new sign-off before it is published."""

import hashlib

from django.db import migrations


def fingerprint(body):
    # As articles.models.body_fingerprint at the time of writing.
    text = (body or "").replace("\r\n", "\n").strip()
    return hashlib.sha256(text.encode()).hexdigest()


def sign_off(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    reviewed = Article.objects.using(db).filter(
        last_reviewed__isnull=False, reviewer__isnull=False, reviewed_body_sha256=""
    )
    for article in reviewed.only("pk", "body", "author_id", "reviewer_id"):
        if article.author_id != article.reviewer_id:
            Article.objects.using(db).filter(pk=article.pk).update(
                reviewed_body_sha256=fingerprint(article.body)
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_clinical_sign_off")]

    operations = [migrations.RunPython(sign_off, migrations.RunPython.noop)]
