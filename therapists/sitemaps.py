from django.urls import reverse

from core.site_url import PublicSitemap
from therapists.models import Modality, Therapist


class TherapistSitemap(PublicSitemap):
    """The profile of every listed therapist."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Therapist.objects.listed().only("slug", "updated_at")

    def lastmod(self, therapist):
        return therapist.updated_at


class ModalitySitemap(PublicSitemap):
    """Each modality's page."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Modality.objects.only("slug")


class TherapistPagesSitemap(PublicSitemap):
    """The home page, the directory and the list of modalities."""

    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return ["home", "therapists:directory", "therapists:modalities"]

    def location(self, name):
        return reverse(name)
