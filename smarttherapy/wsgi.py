import os

from django.core.wsgi import get_wsgi_application

from core.pagecache_wsgi import CachedPagesFirst

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smarttherapy.settings")

# Cached pages for anonymous visitors are answered before Django's handler runs.
application = CachedPagesFirst(get_wsgi_application())
