from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Enquiries"

    def ready(self):
        from core import content
        from enquiries.sitemaps import EnquiryPagesSitemap

        content.register_sitemaps({"enquiry-pages": EnquiryPagesSitemap})
