import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from core.db_deadline import DatabaseDeadline
from core.pagecache_wsgi import CachedPagesFirst

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smarttherapy.settings")

# Cached pages for anonymous visitors are answered before Django's handler runs; every request
# may wait for the database DB_REQUEST_TIMEOUT seconds in all.
application = DatabaseDeadline(
    CachedPagesFirst(get_wsgi_application()), seconds=settings.DB_REQUEST_TIMEOUT
)
