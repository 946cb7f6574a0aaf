from django.urls import path

from territory_project import views

app_name = "territory_project"

urlpatterns = [
    path("projet-de-territoire/", views.project_list, name="project_list"),
    path("projet-de-territoire/<slug:slug>/", views.dashboard, name="dashboard"),
    path("projet-de-territoire/<slug:slug>/priorites/<int:number>/", views.priority_detail,
         name="priority"),
    path("projet-de-territoire/<slug:slug>/actions/<int:pk>/", views.action_detail,
         name="action"),
    path("projet-de-territoire/<slug:slug>/indicateurs/", views.indicator_list,
         name="indicator_list"),
    path("projet-de-territoire/<slug:slug>/indicateurs/<slug:code>/", views.indicator_detail,
         name="indicator"),
    path("projet-de-territoire/<slug:slug>/evaluations/", views.evaluation_calendar,
         name="evaluations"),
    path("projet-de-territoire/<slug:slug>/fonctions-sociales/", views.social_functions,
         name="social_functions"),
    path("projet-de-territoire/<slug:slug>/actions.csv", views.project_csv, name="project_csv"),
    path("projet-de-territoire/<slug:slug>/indicateurs.csv", views.indicators_csv,
         name="indicators_csv"),
]
