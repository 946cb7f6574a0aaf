from django.urls import path

from pma_reports import feeds, views

app_name = "pma_reports"

urlpatterns = [
    path("rapports-activites/", views.report_list, name="report_list"),
    path("rapports-activites/flux.atom", feeds.ActivityReportFeed(), name="report_feed"),
    path("rapports-activites/chiffres-cles.csv", views.key_figures_csv,
         name="key_figures_csv"),
    path("rapports-activites/agenda.ics", feeds.agenda_icalendar, name="agenda_ics"),
    path("rapports-activites/<slug:organisation>/<int:year>/", views.report_detail,
         name="report_detail"),
    path("rapports-activites/<slug:organisation>/<int:year>/rapport.pdf", views.report_pdf,
         name="report_pdf"),
    path("rapports-activites/<slug:organisation>/themes/<slug:theme>/", views.theme_detail,
         name="theme_detail"),
    path("rapports-activites/<slug:organisation>/publications/", views.publication_list,
         name="publication_list"),
    path("rapports-activites/<slug:organisation>/publications/<slug:slug>/",
         views.publication_detail, name="publication_detail"),
]
