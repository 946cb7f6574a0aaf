"""Management commands of the site and the kernel."""
