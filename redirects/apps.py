from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    name = "redirects"
    label = "redirects"
    verbose_name = "Old addresses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.content import address_changed, address_removed
        from redirects import signals

        address_changed.connect(signals.keep_old_address, dispatch_uid="redirects:keep")
        address_removed.connect(signals.forget_deleted_target, dispatch_uid="redirects:forget")
