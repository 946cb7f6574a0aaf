from django.apps import AppConfig


class PmaReportsConfig(AppConfig):
    name = "pma_reports"
    verbose_name = "Rapports d'activités du Pôle métropolitain de l'Artois"
