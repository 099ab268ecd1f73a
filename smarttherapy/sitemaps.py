"""The sitemaps served at /sitemap.xml: each app adds its Sitemap classes to this dict."""

from articles.sitemaps import ArticleListSitemap, ArticleSitemap
from enquiries.sitemaps import EnquiryPagesSitemap
from therapists.sitemaps import ModalitySitemap, TherapistPagesSitemap, TherapistSitemap

sitemaps = {
    "articles": ArticleSitemap,
    "article-lists": ArticleListSitemap,
    "therapists": TherapistSitemap,
    "modalities": ModalitySitemap,
    "therapist-pages": TherapistPagesSitemap,
    "enquiry-pages": EnquiryPagesSitemap,
}
