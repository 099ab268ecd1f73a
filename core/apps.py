from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Everything a public page shows. Looked up by label, so `smarttherapy` imports neither app.
CONTENT_MODELS = (
    "articles.Article",
    "articles.Topic",
    "therapists.Therapist",
    "therapists.Modality",
    "therapists.Concern",
    "therapists.Language",
    "therapists.Membership",
    # Every change made through the admin is logged, whatever the model: a safety net.
    "admin.LogEntry",
)


class SmartTherapyConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from core import checks  # noqa: F401 - registers the deployment checks
        from core.pagecache import content_changed

        for label in CONTENT_MODELS:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            uid = f"pagecache:{label}"
            post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    content_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}:{field.name}",
                )
