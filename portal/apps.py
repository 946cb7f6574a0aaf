from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Collectivités, assemblées et élus"

    def ready(self):
        from portal import checks  # noqa: F401 -- registers the system checks
