from django.apps import AppConfig


class TherapistsConfig(AppConfig):
    name = "therapists"
    verbose_name = "Therapists directory"

    def ready(self):
        from core import content
        from therapists import demo
        from therapists.models import (
            LARGE,
            SMALL,
            Concern,
            Language,
            Membership,
            Modality,
            Therapist,
        )
        from therapists.sitemaps import ModalitySitemap, TherapistPagesSitemap, TherapistSitemap

        content.register(
            Therapist,
            markdown={"biography": "biography_html"},
            renditions={
                "photo": (
                    content.Rendition("photo_small", *SMALL),
                    content.Rendition("photo_large", *LARGE),
                )
            },
            public=Therapist.objects.listed,
            # Only an address visitors could see is kept: the profile as stored was listed.
            old_addresses=True,
            was_public=lambda therapist: (
                Therapist.objects.listed().filter(pk=therapist.pk).exists()
            ),
            # "Accepting new clients" turns into "Ask about availability" by itself once its
            # confirmation runs out: the page cache must not keep the old words past then.
            next_change=Therapist.objects.next_availability_expiry,
        )
        # Every modality has a page, so its old address always keeps working.
        content.register(Modality, markdown={"explainer": "explainer_html"}, old_addresses=True)
        for model in (Concern, Language, Membership):
            content.register(model)
        content.register_sitemaps(
            {
                "therapists": TherapistSitemap,
                "modalities": ModalitySitemap,
                "therapist-pages": TherapistPagesSitemap,
            }
        )
        content.register_demo(demo.load)

        from therapists import search

        search.register()
        # Every save in the admin keeps a full revision (editing/revisions.py), a therapist's with
        # their memberships; deleting a therapist deletes their history too.
        from editing import revisions

        revisions.register(Membership, followed_only=True)
        revisions.register(Therapist, follow=["memberships"])
        revisions.register(Modality)
        revisions.register(Concern)
        revisions.register(Language)
