"""Addresses of the e-mail alerts, included in deliberations/urls.py."""

from django.urls import path

from deliberations.alerts import views

urlpatterns = [
    path("alertes/abonnement/", views.subscribe, name="alert_subscribe"),
    path("alertes/abonnement/envoye/", views.requested, name="alert_requested"),
    path("alertes/confirmer/<str:token>/", views.confirm, name="alert_confirm"),
    path("alertes/desabonner/<str:token>/", views.unsubscribe, name="alert_unsubscribe"),
    path("alertes/mes-abonnements/", views.manage_request, name="alert_manage_request"),
    path("alertes/mes-abonnements/<str:token>/", views.manage, name="alert_manage"),
]
