"""django-axes' lockout check, for sign-ins made through a web request."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses sign-in for a locked-out username and address pair.

    Every sign-in through a page (the admin's form) passes the request. A call without one
    (`manage.py shell`, the test client's `login()`) has no address to lock, so it is left to
    the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
