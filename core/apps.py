from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from django.contrib.admin.models import LogEntry

        from core import (
            checks,  # noqa: F401 - registers the deployment checks
            pagecache,
        )

        # Every change made through the admin is logged, whatever the model: a safety net for
        # content an app forgot to register.
        pagecache.watch(LogEntry)
