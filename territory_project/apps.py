from django.apps import AppConfig


class TerritoryProjectConfig(AppConfig):
    name = "territory_project"
    verbose_name = "Projet de territoire 2022-2032"
