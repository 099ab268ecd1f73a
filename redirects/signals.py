def forget_deleted_target(sender, instance, **kwargs):
    """A deleted page's old addresses go with it (they would only lead to a 404)."""
    from redirects.models import Redirect

    Redirect.objects.for_object(instance).delete()
