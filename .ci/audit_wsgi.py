"""The WSGI app for `make audit`: the site, plus MEDIA_ROOT served the way nginx serves it in
production (deploy/), so the demo portraits load without DEBUG."""

import os

from whitenoise import WhiteNoise

from smarttherapy.wsgi import application as django_application

application = WhiteNoise(django_application)
application.add_files(os.environ["MEDIA_ROOT"], prefix=os.environ.get("MEDIA_URL", "/media/"))
