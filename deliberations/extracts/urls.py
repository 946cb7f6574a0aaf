"""URLs of certified extracts: download (published deliberations only) and public
verification."""

from django.urls import path

from deliberations.extracts import views as extract_views

app_name = "extracts"
urlpatterns = [
    path("deliberations/extrait/<slug:slug>.pdf", extract_views.extract_download,
         name="download"),
    path("verifier/", extract_views.verify_index, name="verify_index"),
    path("verifier/<str:code>", extract_views.verify, name="verify"),
]
