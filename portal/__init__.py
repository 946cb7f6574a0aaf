"""The project package: settings, URLs, the site (who is who, public shell) and the kernel."""
