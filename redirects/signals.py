"""How the redirects app follows content it never imports: core's save lifecycle says when a
page's address changed (`core.content.address_changed`) and when a page with an address was
deleted (`address_removed`). Connected in RedirectsConfig.ready()."""

from redirects.models import Redirect


def keep_old_address(sender, instance, old_path, **kwargs):
    """A page was created or renamed: its address is nobody's old address any more, and the
    address visitors knew (if any) now leads to it."""
    Redirect.objects.page_saved(instance, old_path=old_path)


def forget_deleted_target(sender, instance, **kwargs):
    """A deleted page's old addresses go with it (they would only lead to a 404)."""
    Redirect.objects.for_object(instance).delete()
