from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from portal import deadline_views, views
from portal.admin import view_on_site
from portal.kernel.pages import SITEMAPS

admin.site.site_header = "Registre des délibérations — administration"
admin.site.site_title = "Registre des délibérations"
admin.site.index_title = "Secrétariat des assemblées"

handler400 = "portal.kernel.errors.bad_request"
handler403 = "portal.kernel.errors.permission_denied"
handler404 = "portal.kernel.errors.page_not_found"
handler500 = "portal.kernel.errors.server_error"

portal_patterns = [
    path("", views.home, name="home"),
    path("collectivites/", views.organisation_list, name="organisation_list"),
    path("collectivites/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("collectivites/<slug:organisation>/<slug:slug>/", views.body_detail,
         name="body_detail"),
    path("elus/", views.member_list, name="member_list"),
    path("elus/<slug:slug>/", views.member_detail, name="member_detail"),
    path("recherche/", views.site_search, name="site_search"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
]

urlpatterns = [
    # Before the admin's own /admin/r/ (same address): restricted to what the account sees.
    path("admin/r/<int:content_type_id>/<path:object_id>/",
         admin.site.admin_view(view_on_site)),
    # The clerk's calendar, before the admin's catch-all patterns (staff only: admin_view).
    path("admin/calendrier/", admin.site.admin_view(deadline_views.calendar),
         name="deadline_calendar"),
    path("admin/calendrier.ics", admin.site.admin_view(deadline_views.calendar_ics),
         name="deadline_calendar_ics"),
    path("admin/", admin.site.urls),
    path("", include("deliberations.extracts.urls")),
    path("", include((portal_patterns, "portal"))),
    path("", include("deliberations.urls")),
    path("", include("territory_project.urls")),
    path("api/v1/", include("territory_project.api")),
    path("", include("pma_reports.urls")),
    path("api/v1/", include("deliberations.publication.api")),
    path("api/v1/", include("pma_reports.api")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
