from django.urls import path

from deliberations import views
from deliberations.documents import views as document_views
from deliberations.documents.feeds import SessionDocumentFeed
from deliberations.publication.feeds import DeliberationFeed

app_name = "deliberations"

urlpatterns = [
    path("deliberations/", views.deliberation_list, name="deliberation_list"),
    path("deliberations/export.csv", views.deliberation_csv, name="deliberation_csv"),
    path("deliberations/export-etendu.csv", views.deliberation_csv_extended,
         name="deliberation_csv_extended"),
    path("deliberations/flux.atom", DeliberationFeed(), name="deliberation_feed"),
    path(
        "deliberations/<slug:organisation>/<int:year>/<slug:slug>/",
        views.deliberation_detail,
        name="deliberation_detail",
    ),
    path("deliberations/annexe/<int:pk>/", views.annex_download, name="annex_download"),
    path("seances/", views.session_list, name="session_list"),
    path("seances/documents.atom", SessionDocumentFeed(), name="session_document_feed"),
    path("seances/calendrier.ics", views.session_calendar, name="session_calendar"),
    path("seances/<int:pk>/", views.session_detail, name="session_detail"),
    path("seances/<int:pk>/liste-des-deliberations.pdf", document_views.deliberation_list_pdf,
         name="deliberation_list_pdf"),
    path("convocation/accuse/<str:token>/", document_views.convocation_acknowledge,
         name="convocation_acknowledge"),
    path("seances/<int:pk>/proces-verbal.pdf", document_views.minutes_pdf, name="minutes_pdf"),
]
